package io.vsip4x.portal.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's VM settings as JSON: platform admins change them, the tenant's admins may read them. */
@RestController
@RequestMapping("/api/v1/tenants/{code}/vm-settings")
@Tag(name = "VM settings", description = "What a department allows its VMs: snapshots per VM, template "
        + "builds, data-disk approval")
class TenantVmSettingsApiController {

    private final TenantVmSettingsAdmin admin;

    TenantVmSettingsApiController(TenantVmSettingsAdmin admin) {
        this.admin = admin;
    }

    /** A tenant's VM settings. */
    record SettingsView(String tenant, int snapshotsPerVm, boolean templateBuilds, boolean dataDiskApproval,
            int templatesMax) {

        static SettingsView of(String code, TenantVmSettings s) {
            return new SettingsView(code, s.snapshotsPerVm(), s.templateBuilds(), s.dataDiskApproval(),
                    s.templatesMax());
        }
    }

    @GetMapping
    @Operation(summary = "The department's VM settings; 403 unless a platform admin or the department's admin, "
            + "404 when there is no such department")
    SettingsView get(@PathVariable String code) {
        return SettingsView.of(code, admin.get(UserService.current(), code).settings());
    }

    @PutMapping
    @Operation(summary = "Replaces the VM settings (platform admins): snapshotsPerVm (1 to 64), templateBuilds, "
            + "dataDiskApproval (required), templatesMax (0 to 1000, the templates the department's people may "
            + "have made; absent keeps it). 400 with one message per field (nothing changes then)")
    SettingsView put(@PathVariable String code, @RequestBody TenantVmSettingsAdmin.Form form) {
        return SettingsView.of(code, admin.save(UserService.current(), code, form));
    }
}

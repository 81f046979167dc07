package io.vsip4x.portal.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The VMs the platform has and the portal does not know, as the inventory reconciliation found
 * them, for platform admins only: a page and its JSON. The page offers to adopt each into a
 * tenant ({@code admin.placement.AdoptionController}).
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform", description = "The platform as the portal sees it")
class UnownedVmController {

    private final UnownedVms unowned;
    private final TenantService tenants;

    UnownedVmController(UnownedVms unowned, TenantService tenants) {
        this.unowned = unowned;
        this.tenants = tenants;
    }

    @GetMapping("/admin/unowned-vms")
    String page(Model model) {
        model.addAttribute("vms", unowned.list());
        model.addAttribute("tenants", tenants.all().stream().map(Tenant::code).toList());
        return "admin/unowned-vms";
    }

    @GetMapping("/api/v1/admin/unowned-vms")
    @ResponseBody
    @Operation(summary = "VMs on the platform that the portal does not know (platform admins)")
    List<UnownedVms.UnownedVm> list() {
        return unowned.list();
    }
}

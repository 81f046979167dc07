package io.vsip4x.portal.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Templates as JSON: the ones the caller may use, and making one from a stopped VM. */
@RestController
@Tag(name = "templates", description = "Templates the caller may use, with their classification; making a "
        + "template from a stopped VM where the department allows it")
class TemplateApiController {

    private final TemplateService templates;

    TemplateApiController(TemplateService templates) {
        this.templates = templates;
    }

    /**
     * A template.
     *
     * @param name        the name its maker gave it, or {@code null}
     * @param builtFromVm the VM it was made from, or {@code null} for the platform's own
     * @param encryption  the disk encryption it was made with ({@code sm4}, {@code aes}), or {@code null}
     * @param withdrawn   whether it was withdrawn from its department (listed to platform admins only)
     */
    record TemplateJson(String templateId, String name, String osType, String osFamily, String osBits, int cpu,
            long memoryMb, long diskGb, int classification, String builtFromVm, String encryption, Boolean checksum,
            String builtBy, Instant builtAt, boolean withdrawn, boolean withdrawable) {

        static TemplateJson of(TemplateService.TemplateView v) {
            TemplateStore.Built b = v.built();
            return new TemplateJson(v.templateId(), v.name(), v.osType(), v.osFamily(), v.osBits(), v.cpu(),
                    v.memoryMb(), v.diskGb(), v.classification(), b == null ? null : b.vmId(),
                    b == null ? null : b.encryption(), b == null ? null : b.checksum(), b == null ? null : b.builtBy(),
                    b == null ? null : b.builtAt(), b != null && b.withdrawnAt() != null, v.withdrawable());
        }
    }

    /**
     * What to make: {@code name} (at most 64 characters, optional); {@code encryption} {@code sm4},
     * {@code aes} or none; {@code checksum}: make checksum data.
     */
    record BuildBody(String name, String encryption, Boolean checksum) {
    }

    /** The template made. */
    record BuiltJson(String templateId, String name, String vmId, int classification, String encryption,
            boolean checksum) {

        static BuiltJson of(TemplateStore.Built b) {
            return new BuiltJson(b.templateId(), b.displayName(), b.vmId(), b.classification(), b.encryption(),
                    b.checksum());
        }
    }

    @GetMapping("/api/v1/templates")
    @Operation(summary = "The templates the caller may use: their department's (platform admins: all), none above "
            + "their clearance; each with its classification and, for one made from a VM, how it was made")
    List<TemplateJson> list() {
        return templates.list(UserService.current()).stream().map(TemplateJson::of).toList();
    }

    @PostMapping("/api/v1/vms/{vmId}/template")
    @Operation(summary = "Makes a template of a stopped VM (synchronous): 201 with its id; it is granted to the "
            + "VM's department and carries the VM's classification. 403 when the department does not allow "
            + "template builds or the caller may not operate the VM; 409 with code 2049 when the VM is not "
            + "stopped, 2052 when busy or a template of it is being made, 2005 when the build failed, 409 when "
            + "the department has made as many templates as it may (templatesMax); 400 for another encryption "
            + "than sm4 or aes, or a name longer than 64 characters or with control characters")
    ResponseEntity<BuiltJson> build(@PathVariable String vmId, @RequestBody(required = false) BuildBody body) {
        BuildBody given = body == null ? new BuildBody(null, null, null) : body;
        TemplateStore.Built built = templates.build(UserService.current(), vmId, given.name(), given.encryption(),
                Boolean.TRUE.equals(given.checksum()));
        return ResponseEntity.status(HttpStatus.CREATED).body(BuiltJson.of(built));
    }

    @DeleteMapping("/api/v1/templates/{templateId}")
    @Operation(summary = "Withdraws a template made from a VM from its department: 204. The platform has no method "
            + "to delete a template, so it keeps the image; the department no longer sees or uses it. Its maker, "
            + "the department's admins and platform admins may; 403 for others, 404 when unknown or not made "
            + "from a VM, 409 when withdrawn already")
    ResponseEntity<Void> withdraw(@PathVariable String templateId) {
        templates.withdraw(UserService.current(), templateId);
        return ResponseEntity.noContent().build();
    }
}

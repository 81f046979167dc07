package io.vsip4x.portal.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
     * @param builtFromVm the VM it was made from, or {@code null} for the platform's own
     * @param encryption  the disk encryption it was made with ({@code sm4}, {@code aes}), or {@code null}
     */
    record TemplateJson(String templateId, String osType, String osFamily, String osBits, int cpu, long memoryMb,
            long diskGb, int classification, String builtFromVm, String encryption, Boolean checksum,
            String builtBy, Instant builtAt) {

        static TemplateJson of(TemplateService.TemplateView v) {
            TemplateStore.Built b = v.built();
            return new TemplateJson(v.templateId(), v.osType(), v.osFamily(), v.osBits(), v.cpu(), v.memoryMb(),
                    v.diskGb(), v.classification(), b == null ? null : b.vmId(), b == null ? null : b.encryption(),
                    b == null ? null : b.checksum(), b == null ? null : b.builtBy(), b == null ? null : b.builtAt());
        }
    }

    /** What to make: {@code encryption} {@code sm4}, {@code aes} or none; {@code checksum}: make checksum data. */
    record BuildBody(String encryption, Boolean checksum) {
    }

    /** The template made. */
    record BuiltJson(String templateId, String vmId, int classification, String encryption, boolean checksum) {

        static BuiltJson of(TemplateStore.Built b) {
            return new BuiltJson(b.templateId(), b.vmId(), b.classification(), b.encryption(), b.checksum());
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
            + "stopped, 2052 when busy, 2005 when the build failed; 400 for another encryption than sm4 or aes")
    ResponseEntity<BuiltJson> build(@PathVariable String vmId, @RequestBody(required = false) BuildBody body) {
        BuildBody given = body == null ? new BuildBody(null, null) : body;
        TemplateStore.Built built = templates.build(UserService.current(), vmId, given.encryption(),
                Boolean.TRUE.equals(given.checksum()));
        return ResponseEntity.status(HttpStatus.CREATED).body(BuiltJson.of(built));
    }
}

package io.vsip4x.portal.admin.placement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Adopting an unowned VM into a tenant and an owner, for platform admins: the form of the
 * unowned VMs' page (htmx, the result in the VM's row) and its JSON.
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform admin")
class AdoptionController {

    private final Adoption adoption;

    AdoptionController(Adoption adoption) {
        this.adoption = adoption;
    }

    /**
     * The form of the page, at one path whatever the VM's id (given as {@code vmId}): in htmx the
     * result in the VM's row (a refusal goes to the flash area); a plain post gets the list again
     * with the confirmation.
     */
    @PostMapping("/admin/unowned-vms/adopt")
    String adoptFromPage(@RequestParam(required = false) String vmId, @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String owner,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            RedirectAttributes redirect) {
        if (vmId == null || vmId.isBlank()) {
            throw FieldProblems.of("vmId", "placement.adopt.field.vmId");
        }
        Adoption.Adopted adopted = adoption.adopt(vmId, new Adoption.Request(tenant, owner));
        if (htmx == null) {
            redirect.addFlashAttribute("adopted", adopted);
            return "redirect:/admin/unowned-vms";
        }
        model.addAttribute("adopted", adopted);
        return "admin/unowned-vms :: adopted";
    }

    @PostMapping("/api/v1/admin/unowned-vms/{vmId}/adopt")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adopt an unowned VM into a tenant and an owner of it; it then counts in the tenant's "
            + "quota (platform admins)")
    Adoption.Adopted adopt(@PathVariable String vmId, @RequestBody Adoption.Request body) {
        return adoption.adopt(vmId, body);
    }
}

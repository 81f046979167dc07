package io.vsip4x.portal.admin.placement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where the VMs of every tenant run and where each may go, and batch attribute changes, for
 * platform admins: pages under {@code /admin/placement}, JSON under {@code /api/v1/admin}. A
 * migration or move chosen here is asked through the VM's own actions ({@code /vms/{id}/migrate},
 * {@code /vms/{id}/move}), whose page then shows its progress live.
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform admin")
class PlacementController {

    private static final Logger log = LoggerFactory.getLogger(PlacementController.class);

    private final PlacementRepository vms;
    private final PlacementTargets targets;
    private final VmAttributeChanges attributes;
    private final MessageSource messages;

    PlacementController(PlacementRepository vms, PlacementTargets targets, VmAttributeChanges attributes,
            MessageSource messages) {
        this.vms = vms;
        this.targets = targets;
        this.attributes = attributes;
        this.messages = messages;
    }

    @GetMapping("/admin/placement")
    String page(@RequestParam(required = false) String tenant, @RequestParam(required = false) String pool,
            @RequestParam(required = false) String host, @RequestParam(required = false) String name,
            @RequestParam(required = false) String page, Model model) {
        PlacementQuery query = new PlacementQuery(tenant, pool, host, name, PlacementQuery.page(page));
        model.addAttribute("query", query);
        model.addAttribute("vmPage", vms.page(query));
        model.addAttribute("tenants", vms.tenantCodes());
        model.addAttribute("pools", vms.poolIds());
        model.addAttribute("hosts", vms.hostIds());
        model.addAttribute("attributeNames", List.of("classification", "maxCpu", "maxMemoryMb", "usb"));
        return "admin/placement";
    }

    @GetMapping("/api/v1/admin/placement")
    @ResponseBody
    @Operation(summary = "Active VMs of every tenant with their host and pool, filtered and paged (platform admins)")
    PlacementPage list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String pool,
            @RequestParam(required = false) String host, @RequestParam(required = false) String name,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return vms.page(new PlacementQuery(tenant, pool, host, name, PlacementQuery.page(page),
                PlacementQuery.size(size)));
    }

    @GetMapping("/admin/placement/vms/{vmId}")
    String vm(@PathVariable String vmId, Model model) {
        PlacedVm vm = active(vmId);
        model.addAttribute("vm", vm);
        try {
            model.addAttribute("targets", targets.of(vm));
        } catch (Vsip4xException e) {
            log.info("The targets of VM '{}' could not be read: the platform did not answer", vmId);
            model.addAttribute("platformUnavailable", true);
        }
        return "admin/placement-vm";
    }

    @GetMapping("/api/v1/admin/vms/{vmId}/placement")
    @ResponseBody
    @Operation(summary = "Where a VM can be migrated or moved, with each target's free capacity (platform admins)")
    PlacementTargets.Targets placement(@PathVariable String vmId) {
        PlacedVm vm = active(vmId);
        try {
            return targets.of(vm);
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
    }

    /**
     * The batch form of the list page: in htmx the result in place under the form, a refusal as
     * well; a plain form post gets the list again with the confirmation (a refusal is the error page).
     */
    @PostMapping("/admin/placement/attributes")
    String setFromPage(@RequestParam(name = "vmIds", required = false) List<String> vmIds,
            @RequestParam(required = false) String attribute, @RequestParam(required = false) String value,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        VmAttributeChanges.Done done;
        try {
            done = attributes.apply(new VmAttributeChanges.Change(vmIds, attribute, value));
        } catch (PortalException e) {
            if (htmx == null) {
                throw e;
            }
            response.setStatus(e.status().value());
            response.setHeader("HX-Retarget", "#placement-attributes-result");
            response.setHeader("HX-Reswap", "innerHTML");
            model.addAttribute("refusal", refusal(e, locale));
            return "admin/placement :: attributesRefused";
        }
        if (htmx == null) {
            redirect.addFlashAttribute("done", done);
            return "redirect:/admin/placement";
        }
        model.addAttribute("done", done);
        return "admin/placement :: attributesDone";
    }

    /** The body of a batch attribute change. */
    record AttributesBody(List<String> vmIds, String attribute, Object value) {
    }

    @PostMapping("/api/v1/admin/vms/attributes")
    @ResponseBody
    @Operation(summary = "Set one attribute (classification, maxCpu, maxMemoryMb, usb) on several VMs "
            + "(platform admins)")
    Map<String, Object> set(@RequestBody AttributesBody body) {
        VmAttributeChanges.Done done = attributes.apply(new VmAttributeChanges.Change(body.vmIds(), body.attribute(),
                body.value()));
        return Map.of("vmIds", done.vmIds(), "attribute", done.attribute(), "value", done.value());
    }

    /** The text of a refusal of the batch form, every field's problem when there are several. */
    private String refusal(PortalException e, Locale locale) {
        if (e instanceof FieldProblems fields && !fields.problems().isEmpty()) {
            return fields.problems().stream()
                    .map(p -> messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale))
                    .distinct().collect(Collectors.joining(" "));
        }
        return messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
    }

    private PlacedVm active(String vmId) {
        return vms.find(vmId).filter(v -> "ACTIVE".equals(v.lifecycle()))
                .orElseThrow(() -> PortalException.notFound("error.vm.notFound", vmId));
    }
}

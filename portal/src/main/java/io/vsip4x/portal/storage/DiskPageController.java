package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.requests.ChangeRequestService.NewDataDisk;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmAction;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The data-disk pages: all the disks a person may see ({@code /disks}, with create and delete)
 * and a VM's ({@code /vms/{vmId}/disks}, with attach, detach, create and extend). Each form
 * answers htmx with the page's disk part refreshed, a plain post with a redirect; refusals go
 * to the flash area.
 */
@Controller
class DiskPageController {

    private static final String PANEL = "disk-panel";

    private final DataDiskService disks;
    private final VmGuard guard;

    DiskPageController(DataDiskService disks, VmGuard guard) {
        this.disks = disks;
        this.guard = guard;
    }

    @GetMapping("/disks")
    String all(Model model, HttpServletRequest request) {
        fillAll(UserService.current(), model);
        return htmx(request) ? "storage/disks :: panel" : "storage/disks";
    }

    @PostMapping("/disks")
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String sizeGb,
            @RequestParam(required = false) String repoId, @RequestParam(required = false) String reason,
            Model model, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        disks.create(user, new NewDataDisk(null, name, size(sizeGb), repoId, reason));
        return allAnswer(user, model, request);
    }

    @PostMapping("/disks/{diskId}/delete")
    String delete(@PathVariable String diskId, Model model, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        disks.delete(user, diskId);
        return allAnswer(user, model, request);
    }

    @PostMapping("/disks/{diskId}/extend")
    String extendDetached(@PathVariable String diskId, @RequestParam(required = false) String sizeGb,
            @RequestParam(required = false) String reason, Model model, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        disks.extend(user, null, diskId, size(sizeGb), reason);
        return allAnswer(user, model, request);
    }

    @GetMapping("/vms/{vmId}/disks")
    String ofVm(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request) {
        fillVm(UserService.current(), vmId, model, locale);
        return htmx(request) ? "storage/vm-disks :: panel" : "storage/vm-disks";
    }

    @PostMapping("/vms/{vmId}/disks")
    String createOnVm(@PathVariable String vmId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String sizeGb, @RequestParam(required = false) String reason,
            Model model, Locale locale, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        disks.create(user, new NewDataDisk(vmId, name, size(sizeGb), null, reason));
        return vmAnswer(user, vmId, model, locale, request);
    }

    @PostMapping("/vms/{vmId}/disks/attach")
    String attach(@PathVariable String vmId, @RequestParam(required = false) String diskId, Model model,
            Locale locale, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        disks.attach(user, vmId, diskId == null ? "" : diskId);
        return vmAnswer(user, vmId, model, locale, request);
    }

    @PostMapping("/vms/{vmId}/disks/{diskId}/detach")
    String detach(@PathVariable String vmId, @PathVariable String diskId, Model model, Locale locale,
            HttpServletRequest request) {
        CurrentUser user = UserService.current();
        disks.detach(user, vmId, diskId);
        return vmAnswer(user, vmId, model, locale, request);
    }

    @PostMapping("/vms/{vmId}/disks/{diskId}/extend")
    String extend(@PathVariable String vmId, @PathVariable String diskId,
            @RequestParam(required = false) String sizeGb, @RequestParam(required = false) String reason,
            Model model, Locale locale, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        disks.extend(user, vmId, diskId, size(sizeGb), reason);
        return vmAnswer(user, vmId, model, locale, request);
    }

    private String allAnswer(CurrentUser user, Model model, HttpServletRequest request) {
        if (!htmx(request)) {
            return "redirect:/disks";
        }
        fillAll(user, model);
        return "storage/disks :: panel";
    }

    private String vmAnswer(CurrentUser user, String vmId, Model model, Locale locale, HttpServletRequest request) {
        if (!htmx(request)) {
            return "redirect:/vms/" + vmId + "/disks";
        }
        fillVm(user, vmId, model, locale);
        return "storage/vm-disks :: panel";
    }

    private void fillAll(CurrentUser user, Model model) {
        model.addAttribute("disks", disks.list(user));
        model.addAttribute("pools", disks.pools(user));
        model.addAttribute("freeGb", disks.freeGb());
        model.addAttribute("approval", disks.approvalNeeded(user));
        model.addAttribute("mayCreate", user.canRequest());
        model.addAttribute("meId", user.id());
        model.addAttribute("leftGb", disks.quotaLeftGb(user, user.tenantId()));
    }

    private void fillVm(CurrentUser user, String vmId, Model model, Locale locale) {
        Vm vm = guard.visible(user, vmId, "DATA_DISK_LIST");
        VmGuard.Refusal refusal = guard.refusal(vm, DataDiskService.SETTLED, VmAction.BUSY);
        model.addAttribute("vm", vm);
        model.addAttribute("disks", disks.ofVm(user, vmId));
        model.addAttribute("attachable", disks.attachable(user, vm));
        model.addAttribute("mayOperate", guard.mayOperate(user, vm));
        model.addAttribute("mayCreate", user.canRequest() && user.id() == vm.ownerId());
        model.addAttribute("refusalCode", refusal == null ? null : refusal.code());
        model.addAttribute("attachWhy", guard.explain(refusal, vm, DataDiskService.ATTACH, locale));
        model.addAttribute("detachWhy", guard.explain(refusal, vm, DataDiskService.DETACH, locale));
        model.addAttribute("freeGb", disks.freeGb());
        model.addAttribute("approval", disks.approvalNeeded(user));
        model.addAttribute("leftGb", disks.quotaLeftGb(user, vm.tenantId()));
    }

    /**
     * A size as typed: none when blank, refused as the API refuses it (400, the field named) when
     * it is no whole number.
     */
    static Long size(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw FieldProblems.of("sizeGb", "error.field.invalid");
        }
    }

    private static boolean htmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null && PANEL.equals(request.getHeader("HX-Target"));
    }
}

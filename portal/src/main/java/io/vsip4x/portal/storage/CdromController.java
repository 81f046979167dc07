package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A VM's CD-ROM page: its drives, adding one, loading an image, ejecting it. The buttons post with
 * htmx and get the page's live part back with what was done (and whether a reboot is needed); a
 * plain form post is redirected to the page, which says the same.
 */
@Controller
class CdromController {

    private static final String LIVE = "storage/cdroms :: live";

    private final CdromService cdroms;
    private final VmGuard guard;

    CdromController(CdromService cdroms, VmGuard guard) {
        this.cdroms = cdroms;
        this.guard = guard;
    }

    @GetMapping("/vms/{vmId}/cdroms")
    String page(@PathVariable String vmId, @RequestParam(required = false) String done,
            @RequestParam(required = false) String reboot, Model model, Locale locale, HttpServletRequest request) {
        fill(UserService.current(), vmId, model, locale, done, "true".equals(reboot));
        return "cdroms-live".equals(request.getHeader("HX-Target")) ? LIVE : "storage/cdroms";
    }

    @PostMapping("/vms/{vmId}/cdroms")
    String add(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        return answer(user, cdroms.add(user, vmId), "added", model, locale, request);
    }

    @PostMapping("/vms/{vmId}/cdroms/mount")
    String mount(@PathVariable String vmId, @RequestParam(required = false) String imageId, Model model,
            Locale locale, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        return answer(user, cdroms.mount(user, vmId, imageId), "mounted", model, locale, request);
    }

    @PostMapping("/vms/{vmId}/cdroms/{cdromId}/unmount")
    String unmount(@PathVariable String vmId, @PathVariable String cdromId, Model model, Locale locale,
            HttpServletRequest request) {
        CurrentUser user = UserService.current();
        return answer(user, cdroms.unmount(user, vmId, cdromId), "unmounted", model, locale, request);
    }

    private String answer(CurrentUser user, CdromService.Change change, String done, Model model, Locale locale,
            HttpServletRequest request) {
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/vms/" + change.vmId() + "/cdroms?done=" + done + "&reboot=" + change.rebootNeeded();
        }
        fill(user, change.vmId(), model, locale, done, change.rebootNeeded());
        // The notices go out of band, beside the live part, so the live part's next refresh keeps them.
        model.addAttribute("noticesOutOfBand", true);
        return LIVE;
    }

    private void fill(CurrentUser user, String vmId, Model model, Locale locale, String done, boolean reboot) {
        Vm vm = cdroms.visible(user, vmId);
        CdromService.Drives drives = cdroms.drives(vm);
        boolean operable = guard.mayOperate(user, vm);
        model.addAttribute("vm", vm);
        CdromService.Images images = cdroms.images(vm);
        model.addAttribute("drives", drives.drives());
        model.addAttribute("pending", drives.pending());
        model.addAttribute("count", drives.count());
        model.addAttribute("problemCode", drives.problemCode());
        model.addAttribute("images", images.images());
        model.addAttribute("imagesRefused", images.refusalCode() == null ? null : images);
        model.addAttribute("operable", operable);
        model.addAttribute("max", CdromService.MAX_DRIVES);
        model.addAttribute("addWhy", why(cdroms.addRefusal(vm, drives), vm, "cdrom-add", locale));
        model.addAttribute("changeWhy", why(cdroms.changeRefusal(vm), vm, "cdrom-unmount", locale));
        model.addAttribute("mountWhy", why(cdroms.mountRefusal(vm, drives), vm, "cdrom-mount", locale));
        model.addAttribute("done", done == null || !done.matches("added|mounted|unmounted") ? null : done);
        model.addAttribute("reboot", reboot);
    }

    /** The refusal as the button's title says it, with its code; {@code null} when there is none. */
    private Reason why(VmGuard.Refusal refusal, Vm vm, String action, Locale locale) {
        if (refusal == null) {
            return null;
        }
        return new Reason(refusal.code(), guard.explain(refusal, vm, action, locale));
    }

    /** Why a button is disabled: the spec's code and the text. */
    record Reason(String code, String text) {
    }
}

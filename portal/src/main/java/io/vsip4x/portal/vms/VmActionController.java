package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operations on VMs from the pages: the buttons of a VM's page and of the VM list, and the
 * list's bulk form. The rules and codes are those of the API ({@link VmAction}).
 */
@Controller
class VmActionController {

    /** The id of the live part of the VM's page, which its buttons refresh. */
    static final String LIVE = "vm-live";

    private final VmActions actions;
    private final VmBulk bulk;
    private final VmPages pages;

    VmActionController(VmActions actions, VmBulk bulk, VmPages pages) {
        this.actions = actions;
        this.bulk = bulk;
        this.pages = pages;
    }

    /**
     * Asks an operation of a VM. From the VM's page (htmx aiming at its live part) the answer is
     * that part refreshed; from elsewhere in htmx (the list) it is empty, the list refreshing
     * itself on the live event; a plain form post gets the VM's page.
     */
    @PostMapping("/vms/{vmId}/{action:start|shutdown|pause|resume|reboot|resync|delete|migrate|move}")
    String act(@PathVariable String vmId, @PathVariable String action,
            @RequestParam(required = false) String hostId, @RequestParam(required = false) String repoId,
            @RequestParam(required = false) String secureErase, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        VmAction chosen = VmAction.fromPath(action);
        if (chosen == null) {
            throw PortalException.notFound("error.notFound");
        }
        CurrentUser user = UserService.current();
        if (chosen == VmAction.RESYNC) {
            actions.resync(user, vmId);
        } else {
            actions.perform(user, vmId, chosen, new VmActions.Args(blankToNull(hostId), blankToNull(repoId),
                    secureErase != null && !"false".equals(secureErase)));
        }
        if (request.getHeader("HX-Request") == null) {
            return chosen == VmAction.DELETE ? "redirect:/vms" : "redirect:/vms/" + vmId;
        }
        if (!LIVE.equals(request.getHeader("HX-Target"))) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null;
        }
        pages.live(user, vmId, model, locale);
        return "vms/detail :: live";
    }

    /** The list's bulk form: a table of per-VM results. */
    @PostMapping("/vms/bulk")
    String bulk(@RequestParam(required = false) String action,
            @RequestParam(name = "vmIds", required = false) List<String> vmIds,
            @RequestParam(required = false) String secureErase, Model model, Locale locale) {
        List<VmBulk.Result> results = bulk.perform(UserService.current(), action, vmIds,
                secureErase != null && !"false".equals(secureErase), locale);
        model.addAttribute("results", results);
        model.addAttribute("action", action);
        model.addAttribute("acceptedCount", results.stream().filter(VmBulk.Result::accepted).count());
        return "vms/bulk :: results";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

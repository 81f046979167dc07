package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.vms.Vm;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A VM's snapshots page: the list, live, with taking, restoring (after a confirmation naming
 * what is lost) and deleting; the same rules and codes as the API ({@link SnapshotService}).
 */
@Controller
class SnapshotController {

    /** The id of the page's live part, which its buttons and live updates refresh. */
    static final String LIVE = "snapshots-live";
    private static final Set<OperationKind> KINDS = Set.of(OperationKind.CREATE_SNAP, OperationKind.RESTORE_SNAP,
            OperationKind.DELETE_SNAP);

    private final SnapshotListing listing;
    private final SnapshotService snapshots;

    SnapshotController(SnapshotListing listing, SnapshotService snapshots) {
        this.listing = listing;
        this.snapshots = snapshots;
    }

    /** The page, or only its live part when htmx asks for it. */
    @GetMapping("/vms/{vmId}/snapshots")
    String page(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request) {
        fill(UserService.current(), vmId, model, locale);
        return LIVE.equals(request.getHeader("HX-Target")) ? "storage/snapshots :: live" : "storage/snapshots";
    }

    @PostMapping("/vms/{vmId}/snapshots")
    String create(@PathVariable String vmId, @RequestParam(required = false) String note, Model model,
            Locale locale, HttpServletRequest request) {
        snapshots.create(UserService.current(), vmId, note);
        return answer(vmId, model, locale, request);
    }

    @PostMapping("/vms/{vmId}/snapshots/{snapId}/restore")
    String restore(@PathVariable String vmId, @PathVariable String snapId, Model model, Locale locale,
            HttpServletRequest request) {
        snapshots.restore(UserService.current(), vmId, snapId);
        return answer(vmId, model, locale, request);
    }

    @PostMapping("/vms/{vmId}/snapshots/{snapId}/delete")
    String delete(@PathVariable String vmId, @PathVariable String snapId, Model model, Locale locale,
            HttpServletRequest request) {
        snapshots.delete(UserService.current(), vmId, snapId);
        return answer(vmId, model, locale, request);
    }

    /** htmx gets the live part refreshed; a plain form post the page. */
    private String answer(String vmId, Model model, Locale locale, HttpServletRequest request) {
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/vms/" + vmId + "/snapshots";
        }
        fill(UserService.current(), vmId, model, locale);
        return "storage/snapshots :: live";
    }

    private void fill(CurrentUser user, String vmId, Model model, Locale locale) {
        Vm vm = listing.vm(user, vmId);
        model.addAttribute("vm", vm);
        model.addAttribute("list", listing.of(user, vmId, locale));
        model.addAttribute("operate", listing.mayOperate(user, vmId));
        model.addAttribute("states", listing.states(user, vmId, locale));
        model.addAttribute("recent", listing.recent(vmId, KINDS, locale));
        model.addAttribute("polling", listing.underWay(vmId));
        model.addAttribute("maxNote", SnapshotService.MAX_NOTE);
    }
}

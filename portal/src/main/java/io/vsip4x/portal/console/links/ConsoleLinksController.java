package io.vsip4x.portal.console.links;

import io.vsip4x.portal.console.ConsoleButton;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The native-client part of a VM's page (fragment {@code vms/console-links}): buttons that issue
 * the links on request (they are never rendered with the page), the leases in force with "revoke",
 * and the remote-view type with a choice to change it. Loaded after the page, so the platform's
 * answer does not slow it down.
 */
@Controller
class ConsoleLinksController {

    private static final String BODY = "vms/console-links :: part";
    /** The htmx event an issue of links raises, on which the lease list asks for itself again. */
    static final String LEASES_CHANGED = "console-leases-changed";

    private final ConsoleTargets targets;
    private final ConsoleLinks links;
    private final ConsoleLeases leases;
    private final RemoteViewTypes viewTypes;
    private final LeaseUrls leaseUrls;
    private final MessageSource messages;

    ConsoleLinksController(ConsoleTargets targets, ConsoleLinks links, ConsoleLeases leases,
            RemoteViewTypes viewTypes, LeaseUrls leaseUrls, MessageSource messages) {
        this.targets = targets;
        this.links = links;
        this.leases = leases;
        this.viewTypes = viewTypes;
        this.leaseUrls = leaseUrls;
        this.messages = messages;
    }

    @GetMapping("/vms/{vmId}/console-links/panel")
    String panel(@PathVariable String vmId, Model model, Locale locale) {
        fill(UserService.current(), vmId, model, locale);
        return BODY;
    }

    /**
     * Issues the links and shows them once; the answer is not to be stored anywhere. It raises
     * {@value #LEASES_CHANGED} so that the lease list shows the new lease.
     */
    @PostMapping("/vms/{vmId}/console-links")
    String issue(@PathVariable String vmId, Model model, HttpServletResponse response) {
        ConsoleLinks.Links issued = links.issue(UserService.current(), vmId, leaseUrls.base());
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader("HX-Trigger", LEASES_CHANGED);
        model.addAttribute("links", issued);
        return "vms/console-links :: links";
    }

    @PostMapping("/vms/{vmId}/console-links/leases/{leaseId}/revoke")
    String revoke(@PathVariable String vmId, @PathVariable long leaseId, Model model, Locale locale) {
        CurrentUser user = UserService.current();
        links.revoke(user, vmId, leaseId);
        fill(user, vmId, model, locale);
        model.addAttribute("notice", "vm.links.revoked");
        return BODY;
    }

    @PostMapping("/vms/{vmId}/remote-view-type")
    String setViewType(@PathVariable String vmId, @RequestParam(required = false) String type, Model model,
            Locale locale) {
        CurrentUser user = UserService.current();
        try {
            viewTypes.set(user, vmId, type);
            model.addAttribute("notice", "vm.viewType.saved");
        } catch (FieldProblems e) {
            model.addAttribute("typeError", messages.getMessage("vm.viewType.invalid", null, locale));
        }
        fill(user, vmId, model, locale);
        return BODY;
    }

    private void fill(CurrentUser user, String vmId, Model model, Locale locale) {
        ConsoleTargets.Target target = targets.find(user, vmId, null);
        Vm vm = target.vm();
        boolean hasConsole = vm.lifecycle() == VmLifecycle.ACTIVE && ConsoleButton.available(vm);
        model.addAttribute("vmId", vm.vmId());
        model.addAttribute("vmName", vm.name());
        model.addAttribute("mayLink", target.right().interactive());
        model.addAttribute("hasConsole", hasConsole);
        model.addAttribute("mayOperate", target.mayOperate());
        model.addAttribute("leases", target.mayOperate() ? leases.active(vmId) : List.of());
        viewType(user, vm, model, locale);
    }

    /** The current type, or why it cannot be shown; and the choices, the current one among them. */
    private void viewType(CurrentUser user, Vm vm, Model model, Locale locale) {
        String current = null;
        String problem = null;
        if (vm.lifecycle() != VmLifecycle.ACTIVE && vm.lifecycle() != VmLifecycle.DELETING) {
            problem = messages.getMessage("vm.viewType.notCreated", null, locale);
        } else {
            try {
                current = viewTypes.get(user, vm.vmId()).type();
            } catch (PortalException e) {
                problem = messages.getMessage(e.messageKey(), e.args(), locale);
            } catch (PlatformUnavailableException e) {
                problem = messages.getMessage("error.platformUnreachable", null, locale);
            }
        }
        List<String> choices = new ArrayList<>(RemoteViewTypes.KNOWN);
        if (current != null && !RemoteViewTypes.known(current)) {
            choices.add(current);
        }
        model.addAttribute("viewType", current);
        model.addAttribute("viewTypeProblem", problem);
        model.addAttribute("viewTypes", choices);
    }
}

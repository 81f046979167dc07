package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console-only permission panel of the VM page (tenant admins) and the share panel of the
 * console page (the owner, tenant admins): htmx fragments that answer their own forms. A refused
 * form shows its message in the panel; without htmx a form's answer is the page it came from.
 */
@Controller
class ConsoleSharingController {

    private static final String GRANTS = "console/grants :: panel";
    private static final String SHARES = "console/shares :: panel";

    private final ConsoleGrants grants;
    private final ConsoleShares shares;
    private final MessageSource messages;

    ConsoleSharingController(ConsoleGrants grants, ConsoleShares shares, MessageSource messages) {
        this.grants = grants;
        this.shares = shares;
        this.messages = messages;
    }

    @GetMapping("/vms/{vmId}/console/grants")
    String grants(@PathVariable String vmId, Model model) {
        model.addAttribute("panel", grants.panel(UserService.current(), vmId));
        return GRANTS;
    }

    @PostMapping("/vms/{vmId}/console/grants")
    String grant(@PathVariable String vmId, @RequestParam(required = false) Long userId, Model model,
            Locale locale, @RequestHeader(name = "HX-Request", required = false) String htmx) {
        CurrentUser me = UserService.current();
        String problem = attempt(htmx, locale, () -> grants.grant(me, vmId, userId, null));
        return grantsAnswer(me, vmId, problem, htmx, model);
    }

    @PostMapping("/vms/{vmId}/console/grants/{userId}/revoke")
    String revokeGrant(@PathVariable String vmId, @PathVariable long userId, Model model, Locale locale,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        CurrentUser me = UserService.current();
        String problem = attempt(htmx, locale, () -> grants.revoke(me, vmId, userId));
        return grantsAnswer(me, vmId, problem, htmx, model);
    }

    @GetMapping("/vms/{vmId}/console/shares")
    String shares(@PathVariable String vmId, Model model) {
        model.addAttribute("panel", shares.panel(UserService.current(), vmId));
        return SHARES;
    }

    @PostMapping("/vms/{vmId}/console/shares")
    String share(@PathVariable String vmId, @RequestParam(required = false) Long userId,
            @RequestParam(required = false) Integer minutes, Model model, Locale locale,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        CurrentUser me = UserService.current();
        String problem = attempt(htmx, locale, () -> shares.share(me, vmId, userId, null, minutes));
        return sharesAnswer(me, vmId, problem, htmx, model);
    }

    @PostMapping("/vms/{vmId}/console/shares/{id}/revoke")
    String revokeShare(@PathVariable String vmId, @PathVariable long id, Model model, Locale locale,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        CurrentUser me = UserService.current();
        String problem = attempt(htmx, locale, () -> shares.revoke(me, vmId, id));
        return sharesAnswer(me, vmId, problem, htmx, model);
    }

    private String grantsAnswer(CurrentUser me, String vmId, String problem, String htmx, Model model) {
        if (htmx == null) {
            return "redirect:/vms/" + vmId + "#console-grants";
        }
        model.addAttribute("panel", grants.panel(me, vmId));
        model.addAttribute("problem", problem);
        return GRANTS;
    }

    private String sharesAnswer(CurrentUser me, String vmId, String problem, String htmx, Model model) {
        if (htmx == null) {
            return "redirect:" + ConsolePaths.console(vmId);
        }
        model.addAttribute("panel", shares.panel(me, vmId));
        model.addAttribute("problem", problem);
        return SHARES;
    }

    /**
     * Runs a change; for htmx, bad input or a lost race comes back as the message to show in the
     * panel (htmx swaps only successful answers). Refusals of rights, and everything without htmx,
     * go to the usual error answers.
     */
    private String attempt(String htmx, Locale locale, Runnable change) {
        try {
            change.run();
            return null;
        } catch (FieldProblems problems) {
            if (htmx == null) {
                throw problems;
            }
            FieldProblems.Problem p = problems.problems().get(0);
            return messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale);
        } catch (PortalException e) {
            if (htmx == null || e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            return messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
        }
    }
}

package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The console page's presence fragment (who else has this console open; the page polls it) and
 * its take-over button, and the {@code /consoles} page of every signed-in person.
 */
@Controller
class ConsolePresenceController {

    private static final String PRESENCE = "console/presence :: presence";

    private final ConsolePresence presence;
    private final MyConsoles mine;

    ConsolePresenceController(ConsolePresence presence, MyConsoles mine) {
        this.presence = presence;
        this.mine = mine;
    }

    @GetMapping("/vms/{vmId}/console/presence")
    String presence(@PathVariable String vmId, Model model) {
        model.addAttribute("presence", presence.presence(UserService.current(), vmId));
        return PRESENCE;
    }

    /** Takes the console over; answers the fragment again (htmx) or the console page. */
    @PostMapping("/vms/{vmId}/console/takeover")
    String takeOver(@PathVariable String vmId, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        CurrentUser me = UserService.current();
        int ended = presence.takeOver(me, vmId);
        if (htmx == null) {
            return "redirect:" + ConsolePaths.console(vmId);
        }
        model.addAttribute("presence", presence.presence(me, vmId));
        model.addAttribute("takenOver", ended);
        return PRESENCE;
    }

    @GetMapping("/consoles")
    String consoles(Model model) {
        CurrentUser me = UserService.current();
        model.addAttribute("page", mine.of(me));
        model.addAttribute("activeConsoles", ActiveConsoles.mayWatch(me));
        return "console/mine";
    }
}

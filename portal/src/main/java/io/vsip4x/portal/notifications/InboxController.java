package io.vsip4x.portal.notifications;

import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The inbox page and the unread badge of the top bar. */
@Controller
class InboxController {

    private final InboxService inbox;

    InboxController(InboxService inbox) {
        this.inbox = inbox;
    }

    /** The inbox page, or only its rows when htmx refreshes them (a live update). */
    @GetMapping("/inbox")
    String page(Model model, Locale locale, HttpServletRequest request) {
        model.addAttribute("notifications", inbox.list(UserService.current(), locale));
        return "inbox-rows".equals(request.getHeader("HX-Target")) ? "inbox/list :: rows" : "inbox/list";
    }

    /** The unread badge alone, fetched when the live stream says the inbox changed. */
    @GetMapping("/inbox/badge")
    String badge() {
        return "inbox/badge :: badge";
    }

    @PostMapping("/inbox/{id}/read")
    String read(@PathVariable long id) {
        inbox.markRead(UserService.current(), id);
        return "redirect:/inbox";
    }

    @PostMapping("/inbox/read-all")
    String readAll() {
        inbox.markAllRead(UserService.current());
        return "redirect:/inbox";
    }
}

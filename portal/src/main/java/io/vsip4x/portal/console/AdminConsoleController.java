package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The admins' page of the consoles open now, each with a button that ends it. */
@Controller
class AdminConsoleController {

    private final ActiveConsoles consoles;

    AdminConsoleController(ActiveConsoles consoles) {
        this.consoles = consoles;
    }

    /** The page, or only its table when htmx asks (the page refreshes it); {@code ended} notes an end asked for. */
    @GetMapping("/admin/consoles")
    String list(@RequestParam(required = false) Long ended, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        model.addAttribute("consoles", consoles.list(UserService.current()));
        model.addAttribute("ended", ended);
        return htmx == null ? "admin/consoles" : "admin/consoles :: table";
    }

    /** Ends one; answers the table again (htmx) or the page. */
    @PostMapping("/admin/consoles/{id}/end")
    String end(@PathVariable long id, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        CurrentUser me = UserService.current();
        ConsoleSessionRows.OpenConsole ended = consoles.end(me, id);
        if (htmx == null) {
            return "redirect:/admin/consoles?ended=" + ended.id();
        }
        model.addAttribute("consoles", consoles.list(me));
        model.addAttribute("ended", ended);
        return "admin/consoles :: table";
    }
}

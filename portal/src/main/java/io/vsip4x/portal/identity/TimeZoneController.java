package io.vsip4x.portal.identity;

import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person choosing the time zone in which the pages show them times (on their account page). */
@Controller
class TimeZoneController {

    /** Where the form posts. */
    static final String PATH = "/account/time-zone";

    private final ViewerZones zones;
    private final PasswordProperties rules;
    private final MessageSource messages;

    TimeZoneController(ViewerZones zones, PasswordProperties rules, MessageSource messages) {
        this.zones = zones;
        this.rules = rules;
        this.messages = messages;
    }

    /** Saves the zone (blank: the portal's); a zone Java does not know is refused beside the field. */
    @PostMapping(PATH)
    String choose(@RequestParam(required = false) String timeZone, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            zones.choose(UserService.current(), timeZone);
        } catch (FieldProblems problems) {
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", errors);
            model.addAttribute("zoneTyped", timeZone);
            model.addAttribute("minLength", rules.minLength());
            model.addAttribute("history", rules.history());
            model.addAttribute("mustChange",
                    UserService.mustChangePassword(SecurityContextHolder.getContext().getAuthentication()));
            return "account/password";
        }
        return "redirect:" + SignInAnswers.PASSWORD_PAGE + "?zoneSaved";
    }
}

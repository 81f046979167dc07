package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An approver's deputies: list, name one for a period, remove one. */
@Controller
class DeputyController {

    private final Deputies deputies;
    private final MessageSource messages;
    /** Periods are typed in the portal's time zone, as the pages show times. */
    private final ZoneId zone;

    DeputyController(Deputies deputies, MessageSource messages,
            @Value("${portal.time-zone:Asia/Shanghai}") ZoneId zone) {
        this.deputies = deputies;
        this.messages = messages;
        this.zone = zone;
    }

    @GetMapping("/approvals/deputies")
    String list(Model model) {
        return page(model, allowed(), Map.of());
    }

    /** Names a deputy; on bad input shows the page again with the messages. */
    @PostMapping("/approvals/deputies")
    String add(@RequestParam(required = false) String deputy, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model, Locale locale, HttpServletResponse response) {
        CurrentUser user = allowed();
        try {
            deputies.add(user, deputy, parse(from, "period"), parse(to, "period"));
            return "redirect:/approvals/deputies";
        } catch (FieldProblems problems) {
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, user, errors);
        }
    }

    @PostMapping("/approvals/deputies/{id}/delete")
    String remove(@PathVariable long id) {
        deputies.remove(allowed(), id);
        return "redirect:/approvals/deputies";
    }

    private String page(Model model, CurrentUser user, Map<String, String> errors) {
        model.addAttribute("deputies", deputies.named(user));
        model.addAttribute("errors", errors);
        return "approvals/deputies";
    }

    private static CurrentUser allowed() {
        CurrentUser user = UserService.current();
        if (!Deputies.decides(user)) {
            throw PortalException.forbidden("error.forbidden");
        }
        return user;
    }

    /** A date and time as a {@code datetime-local} input sends it, or {@code null} when empty. */
    private Instant parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw FieldProblems.of(field, "error.field.invalid");
        }
    }
}

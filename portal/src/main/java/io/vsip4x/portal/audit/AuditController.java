package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operation log's pages: the filtered list with its chart, newer/older pages along the keyset
 * (the filter stays in the address), and one event with its seal and correlated events. Everyone
 * signed in reads the events their role lets them see.
 */
@Controller
class AuditController {

    private static final List<String> TEXT_FIELDS = List.of("actor", "tenant", "action", "targetType", "target",
            "result", "code", "correlation");

    private final AuditReader reader;
    private final Times times;
    private final MessageSource messages;

    AuditController(AuditReader reader, Times times, MessageSource messages) {
        this.reader = reader;
        this.times = times;
        this.messages = messages;
    }

    @GetMapping("/audit")
    String list(@RequestParam MultiValueMap<String, String> params, Model model, Locale locale,
            @RequestHeader(name = "HX-Request", required = false) String hxRequest, HttpServletResponse response) {
        boolean htmx = hxRequest != null;
        CurrentUser user = UserService.current();
        ZoneId zone = times.zone();
        Map<String, String> form = new LinkedHashMap<>();
        TEXT_FIELDS.forEach(f -> form.put(f, params.getFirst(f) == null ? "" : params.getFirst(f)));
        AuditQuery query;
        try {
            query = AuditQuery.from(params, zone);
        } catch (FieldProblems problems) {
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            form.put("from", params.getFirst("from") == null ? "" : params.getFirst("from"));
            form.put("to", params.getFirst("to") == null ? "" : params.getFirst("to"));
            if (!htmx) {
                // htmx swaps only successful answers: the problems then come with a 200.
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            model.addAttribute("errors", errors);
            model.addAttribute("form", form);
            model.addAttribute("reach", AuditReader.reach(user));
            model.addAttribute("page", null);
            return "audit/list";
        }
        form.put("from", AuditQuery.local(query.from(), zone));
        form.put("to", AuditQuery.local(query.to(), zone));
        AuditReader.Page page = reader.page(user, query);
        model.addAttribute("errors", Map.of());
        model.addAttribute("form", form);
        model.addAttribute("reach", AuditReader.reach(user));
        model.addAttribute("query", query);
        model.addAttribute("page", page);
        model.addAttribute("newestUrl", page.previous() == null ? null : query.url("/audit", zone, null, null));
        model.addAttribute("newerUrl", page.previous() == null ? null
                : query.url("/audit", zone, "after", page.previous().toString()));
        model.addAttribute("olderUrl", page.next() == null ? null
                : query.url("/audit", zone, "cursor", page.next().toString()));
        model.addAttribute("exportUrl", query.url("/audit/export.csv", zone, null, null));
        model.addAttribute("chartUrl", query.url("/audit/chart", zone, null, null));
        model.addAttribute("timeZone", zone.getId());
        return "audit/list";
    }

    @GetMapping("/audit/events/{id}")
    String event(@PathVariable long id, Model model) {
        model.addAttribute("detail", reader.detail(UserService.current(), id));
        return "audit/event";
    }
}

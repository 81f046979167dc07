package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The requester's pages: the form, their requests, one request. */
@Controller
class RequestController {

    private final RequestService requests;
    private final RequestOptions options;
    private final MessageSource messages;

    RequestController(RequestService requests, RequestOptions options, MessageSource messages) {
        this.requests = requests;
        this.options = options;
        this.messages = messages;
    }

    /** The caller's requests; only the rows when htmx refreshes them. */
    @GetMapping("/requests")
    String list(Model model, HttpServletRequest request) {
        model.addAttribute("requests", requests.mine(UserService.current()));
        return "request-rows".equals(request.getHeader("HX-Target")) ? "requests/list :: rows" : "requests/list";
    }

    @GetMapping("/requests/new")
    String form(Model model) {
        return form(model, RequestForm.blank(), Map.of());
    }

    /** Submits; on bad input shows the form again with each message beside its field. */
    @PostMapping("/requests")
    String submit(@ModelAttribute("form") RequestForm form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(),
                messages.getMessage("request.error.number", null, locale)));
        if (errors.isEmpty()) {
            try {
                long id = requests.submit(UserService.current(), form);
                return "redirect:/requests/" + id + "?submitted";
            } catch (FieldProblems problems) {
                problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                        messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return form(model, form == null ? RequestForm.blank() : form, errors);
    }

    @GetMapping("/requests/{id}")
    String show(@PathVariable long id, Model model) {
        CurrentUser user = UserService.current();
        model.addAttribute("details", requests.get(user, id));
        return "requests/show";
    }

    private String form(Model model, RequestForm form, Map<String, String> errors) {
        CurrentUser user = UserService.current();
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("offer", user.tenantId() == null ? null : options.offer(user));
        return "requests/form";
    }
}

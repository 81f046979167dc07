package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The security admin's UKEY page: every binding, the form that binds a key to an account (it can
 * read the keys inserted into the admin's own computer through the local middleware), and
 * revoking a binding with a reason.
 */
@Controller
@RequestMapping("/admin/ukeys")
@PreAuthorize("hasRole('SECURITY_ADMIN')")
class UkeyBindingController {

    private final UkeyBindingService service;
    private final MessageSource messages;
    private final UkeyMiddleware middleware;

    UkeyBindingController(UkeyBindingService service, MessageSource messages, UkeyMiddleware middleware) {
        this.service = service;
        this.messages = messages;
        this.middleware = middleware;
    }

    /** Every binding, or one account's (its name then fills the bind form). */
    @GetMapping
    String list(@RequestParam(required = false) String account, Model model) {
        String only = only(account);
        UkeyBindingForm form = only == null ? UkeyBindingForm.blank() : new UkeyBindingForm(only, "", "", "", "");
        return page(model, only, form, Map.of(), null, Map.of());
    }

    /** Binds; the fields' problems are shown beside them and nothing is bound. */
    @PostMapping
    String bind(@ModelAttribute("form") UkeyBindingForm form, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            UkeyBinding bound = service.bind(UserService.current(), form);
            return "redirect:/admin/ukeys?bound=" + bound.id();
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, null, form, messagesOf(problems, locale), null, Map.of());
        }
    }

    /**
     * Revokes a binding: htmx gets the bindings table back, a plain form a redirect; either shows
     * the account the page showed, if it showed one. A missing reason is shown beside the
     * binding's reason field.
     */
    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String account, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        boolean htmx = request.getHeader("HX-Request") != null;
        String only = only(account);
        try {
            service.revoke(UserService.current(), id, reason);
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            if (htmx) {
                throw problems;
            }
            return page(model, only, UkeyBindingForm.blank(), Map.of(), id, messagesOf(problems, locale));
        }
        if (!htmx) {
            return "redirect:" + UriComponentsBuilder.fromPath("/admin/ukeys").queryParam("revoked", id)
                    .queryParamIfPresent("account", Optional.ofNullable(only)).encode().toUriString();
        }
        model.addAttribute("revoked", id);
        page(model, only, UkeyBindingForm.blank(), Map.of(), null, Map.of());
        return "ukeys/list :: bindings";
    }

    private String page(Model model, String account, UkeyBindingForm form, Map<String, String> errors,
            Long revokeFor, Map<String, String> revokeErrors) {
        model.addAttribute("account", account);
        model.addAttribute("bindings", service.list(account));
        model.addAttribute("form", form);
        model.addAttribute("usernames", service.bindable(UserService.current()));
        model.addAttribute("errors", errors);
        model.addAttribute("revokeFor", revokeFor);
        model.addAttribute("revokeErrors", revokeErrors);
        model.addAttribute("ukeyMiddlewareUrl", middleware.url());
        model.addAttribute("ukeyAdapter", middleware.adapter());
        return "ukeys/list";
    }

    private static String only(String account) {
        return account == null || account.isBlank() ? null : account.strip();
    }

    private Map<String, String> messagesOf(FieldProblems problems, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
        return errors;
    }
}

package io.vsip4x.portal.identity;

import io.vsip4x.portal.identity.ukey.UkeyBinding;
import io.vsip4x.portal.identity.ukey.UkeyBindings;
import io.vsip4x.portal.identity.ukey.UkeySession;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A person's own API tokens as a page: the list, making one (the only way to make one: from a
 * signed-in page session, never through the API itself) and revoking one. A new token is on the
 * answer to the form alone, which browsers are told not to keep. The token remembers how the
 * session signed in ({@link SignInFactors}): the password factor, and the UKEY's binding when the
 * session's key signed in.
 */
@Controller
class ApiTokenController {

    /** The page's path. */
    static final String PAGE = "/account/api-tokens";

    private final ApiTokens tokens;
    private final UkeyBindings bindings;
    private final MessageSource messages;

    ApiTokenController(ApiTokens tokens, UkeyBindings bindings, MessageSource messages) {
        this.tokens = tokens;
        this.bindings = bindings;
        this.messages = messages;
    }

    @GetMapping(PAGE)
    String list(Model model) {
        return page(model, Map.of(), "", Integer.toString(ApiTokens.DEFAULT_DAYS));
    }

    /** Makes a token and shows it this once; the form again with a message per field when it is wrong. */
    @PostMapping(PAGE)
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String days,
            Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            CurrentUser user = UserService.current();
            ApiTokens.Created created = tokens.create(user.id(), name, days(days), factors(request, user));
            model.addAttribute("created", created);
            return page(model, Map.of(), "", Integer.toString(ApiTokens.DEFAULT_DAYS));
        } catch (FieldProblems problems) {
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, errors, name == null ? "" : name, days == null ? "" : days);
        }
    }

    @PostMapping(PAGE + "/{id}/revoke")
    String revoke(@PathVariable long id) {
        tokens.revoke(UserService.current(), id, false);
        return "redirect:" + PAGE + "?revoked";
    }

    /**
     * How this session signed in: the password factor as its authentication carries it, and the
     * active binding of its key (the session's {@link UkeySession#SID}) when a UKEY was a factor.
     */
    private SignInFactors factors(HttpServletRequest request, CurrentUser user) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean password = factor(auth, FactorGrantedAuthority.PASSWORD_AUTHORITY);
        Long binding = null;
        HttpSession session = request.getSession(false);
        if (factor(auth, FactorGrantedAuthority.X509_AUTHORITY) && session != null
                && session.getAttribute(UkeySession.SID) instanceof String sid) {
            binding = bindings.active(sid).filter(b -> b.accountId() == user.id()).map(UkeyBinding::id).orElse(null);
        }
        return binding == null ? SignInFactors.PASSWORD_ONLY : new SignInFactors(password, binding);
    }

    private static boolean factor(Authentication auth, String authority) {
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(authority::equals);
    }

    /** The days typed: a number out of range is the service's to refuse, anything else is 0 (refused). */
    private static Integer days(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String page(Model model, Map<String, String> errors, String name, String days) {
        model.addAttribute("errors", errors);
        model.addAttribute("tokens", tokens.ofAccount(UserService.current().id()));
        model.addAttribute("name", name);
        model.addAttribute("days", days);
        model.addAttribute("maxDays", ApiTokens.MAX_DAYS);
        model.addAttribute("nameMax", ApiTokens.NAME_MAX);
        model.addAttribute("apiExample", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/me").toUriString());
        return "account/api-tokens";
    }
}

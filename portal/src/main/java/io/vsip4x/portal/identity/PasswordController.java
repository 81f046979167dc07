package io.vsip4x.portal.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** A person changing their own password: the page, and the same as JSON. */
@Controller
@Tag(name = "Identity")
class PasswordController {

    private final PasswordService passwords;
    private final PasswordProperties rules;
    private final MessageSource messages;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    private final SignInLockout lockout;
    private final SignInAnswers answers;
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    PasswordController(PasswordService passwords, PasswordProperties rules, MessageSource messages,
            SignInLockout lockout, SignInAnswers answers) {
        this.lockout = lockout;
        this.answers = answers;
        this.passwords = passwords;
        this.rules = rules;
        this.messages = messages;
    }

    @GetMapping(SignInAnswers.PASSWORD_PAGE)
    String form(Model model) {
        return page(model, Map.of());
    }

    /** Changes the password; the session then carries on as before, without a forced change. */
    @PostMapping(SignInAnswers.PASSWORD_PAGE)
    String change(@RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String confirmPassword, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        CurrentUser user = UserService.current();
        try {
            passwords.change(user, new PasswordService.Change(currentPassword, newPassword,
                    confirmPassword == null ? "" : confirmPassword));
        } catch (FieldProblems problems) {
            Optional<Instant> locked = lockout.lockedUntil(user.username());
            if (locked.isPresent()) {
                // Too many wrong current passwords: the session ends as for a lock from elsewhere.
                logout.logout(request, response, SecurityContextHolder.getContext().getAuthentication());
                answers.sessionEnded(request, response, new AccountLockedException(locked.get()));
                return null;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, errors);
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth.getPrincipal() instanceof PortalUserDetails details) {
            PortalUserDetails changed = details.withPasswordChanged();
            // The factors the session signed in with stay (API tokens made later record them).
            List<GrantedAuthority> authorities = new ArrayList<>(changed.getAuthorities());
            auth.getAuthorities().stream().filter(FactorGrantedAuthority.class::isInstance).forEach(authorities::add);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(changed, null,
                    authorities));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
        }
        return "redirect:/";
    }

    @PutMapping("/api/v1/account/password")
    @ResponseBody
    @Operation(summary = "Change the caller's own password; "
            + "400 with one message per field when the current one is wrong or the new one breaks a rule")
    ResponseEntity<Void> changeByApi(@RequestBody PasswordService.Change change) {
        passwords.change(UserService.current(), change);
        return ResponseEntity.noContent().build();
    }

    private String page(Model model, Map<String, String> errors) {
        model.addAttribute("errors", errors);
        model.addAttribute("minLength", rules.minLength());
        model.addAttribute("history", rules.history());
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("mustChange", UserService.mustChangePassword(auth));
        return "account/password";
    }
}

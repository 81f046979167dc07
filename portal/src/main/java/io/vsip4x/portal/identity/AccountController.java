package io.vsip4x.portal.identity;

import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The security admin's pages: the account list, the new-account form, one account's form and actions,
 * among them revoking the account's API tokens.
 */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SECURITY_ADMIN')")
class AccountController {

    private final AccountService accounts;
    private final ApiTokens tokens;
    private final MessageSource messages;
    private final Clock clock;

    AccountController(AccountService accounts, ApiTokens tokens, MessageSource messages, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.messages = messages;
        this.clock = clock;
    }

    /** The accounts, filtered by tenant and text; only the rows when htmx refreshes them. */
    @GetMapping
    String list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String q,
            Model model, HttpServletRequest request) {
        model.addAttribute("accounts", accounts.list(tenant, q));
        model.addAttribute("tenants", accounts.tenants());
        model.addAttribute("tenant", tenant == null ? "" : tenant);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("now", clock.instant());
        return "account-rows".equals(request.getHeader("HX-Target")) ? "accounts/list :: rows" : "accounts/list";
    }

    @GetMapping("/new")
    String blank(Model model) {
        return form(model, AccountForm.blank(), null, Map.of());
    }

    /** Creates; a made-up password is shown on the answer page, once. */
    @PostMapping
    String create(@ModelAttribute("form") AccountForm form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response) {
        Map<String, String> errors = bindingErrors(binding, locale);
        if (errors.isEmpty()) {
            try {
                AccountService.Saved saved = accounts.create(UserService.current(), form);
                if (saved.generatedPassword() == null) {
                    return "redirect:/admin/accounts/" + saved.account().id() + "?created";
                }
                return shown(model, saved, "accounts.created", response);
            } catch (FieldProblems problems) {
                collect(problems, errors, locale);
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return form(model, form == null ? AccountForm.blank() : form, null, errors);
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Account account = accounts.get(id);
        return form(model, AccountForm.of(account), account, Map.of());
    }

    /** Saves an edit; 409 when somebody else changed the account since the form was opened. */
    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") AccountForm form, BindingResult binding,
            Model model, Locale locale, HttpServletResponse response) {
        Map<String, String> errors = bindingErrors(binding, locale);
        if (errors.isEmpty()) {
            try {
                accounts.update(UserService.current(), id, form);
                return "redirect:/admin/accounts/" + id + "?saved";
            } catch (FieldProblems problems) {
                collect(problems, errors, locale);
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        Account account = accounts.get(id);
        return form(model, form == null ? AccountForm.of(account) : form, account, errors);
    }

    @PostMapping("/{id}/lock")
    String lock(@PathVariable long id, @RequestParam(required = false) Integer version) {
        accounts.lock(UserService.current(), id, version);
        return "redirect:/admin/accounts/" + id + "?locked";
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable long id, @RequestParam(required = false) Integer version) {
        accounts.unlock(UserService.current(), id, version);
        return "redirect:/admin/accounts/" + id + "?unlocked";
    }

    /** Gives the account a made-up password, shown on the answer page once. */
    @PostMapping("/{id}/password")
    String reset(@PathVariable long id, @RequestParam(defaultValue = "true") boolean mustChangePassword,
            @RequestParam(required = false) Integer version, Model model, HttpServletResponse response) {
        AccountService.Saved saved = accounts.resetPassword(UserService.current(), id, mustChangePassword, version);
        return shown(model, saved, "accounts.passwordReset", response);
    }

    /** Revokes one of the account's API tokens (audited as API_TOKEN_REVOKED); 404 when it is not the account's. */
    @PostMapping("/{id}/api-tokens/{tokenId}/revoke")
    String revokeToken(@PathVariable long id, @PathVariable long tokenId) {
        Account account = accounts.get(id);
        tokens.find(tokenId).filter(t -> t.accountId() == account.id())
                .orElseThrow(() -> PortalException.notFound("apiTokens.error.notFound", tokenId));
        tokens.revoke(UserService.current(), tokenId, true);
        return "redirect:/admin/accounts/" + id + "?tokenRevoked#account-api-tokens";
    }

    private String shown(Model model, AccountService.Saved saved, String headingKey, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("account", saved.account());
        model.addAttribute("password", saved.generatedPassword());
        model.addAttribute("headingKey", headingKey);
        return "accounts/password";
    }

    private String form(Model model, AccountForm form, Account account, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("account", account);
        model.addAttribute("apiTokens", account == null ? List.of() : tokens.ofAccount(account.id()));
        model.addAttribute("errors", errors);
        model.addAttribute("tenants", accounts.tenants());
        model.addAttribute("roles", Role.values());
        model.addAttribute("maxClearance", AccountService.MAX_CLEARANCE);
        model.addAttribute("now", clock.instant());
        return "accounts/form";
    }

    private Map<String, String> bindingErrors(BindingResult binding, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(),
                messages.getMessage("accounts.error.number", null, locale)));
        return errors;
    }

    private void collect(FieldProblems problems, Map<String, String> errors, Locale locale) {
        problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
    }
}

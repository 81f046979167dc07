package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.identity.UserService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The security admin's sign-in policy page: one row per role and per tenant, each with its method
 * and whether removing the key ends the session. Saving the default (either, removal ends
 * nothing) clears the scope's row.
 */
@Controller
@RequestMapping("/admin/sign-in-policy")
@PreAuthorize("hasRole('SECURITY_ADMIN')")
class SignInPolicyController {

    private final SignInPolicyService service;

    SignInPolicyController(SignInPolicyService service) {
        this.service = service;
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("rows", service.rows());
        model.addAttribute("methods", SignInMethod.values());
        return "ukeys/policy";
    }

    @PostMapping
    String save(@RequestParam String scope, @RequestParam String key,
            @RequestParam(required = false) String method, @RequestParam(defaultValue = "false") boolean endOnRemoval) {
        SignInPolicyService.Row before = service.row(scope, key);
        boolean isDefault = SignInMethod.EITHER.name().equals(method) && !endOnRemoval;
        if (isDefault && before.set()) {
            service.clear(UserService.current(), scope, key);
        } else if (!isDefault) {
            service.set(UserService.current(), scope, key, new SignInPolicyService.Change(method, endOnRemoval));
        }
        return "redirect:/admin/sign-in-policy?saved=" + before.scope() + "-" + before.key();
    }
}

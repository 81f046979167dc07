package io.vsip4x.portal.identity.ukey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sign-in policy per role and per tenant as JSON, for security admins. */
@RestController
@RequestMapping("/api/v1/sign-in-policies")
@PreAuthorize("hasRole('SECURITY_ADMIN')")
@Tag(name = "Sign-in policy", description = "Password, UKEY or both, per role and per tenant")
class SignInPolicyApiController {

    private final SignInPolicyService service;

    SignInPolicyApiController(SignInPolicyService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "One row per role, then per tenant (key: the tenant's id); method EITHER and set false "
            + "where the scope has no row of its own")
    List<SignInPolicyService.Row> list() {
        return service.rows();
    }

    @GetMapping("/{scope}/{key}")
    @Operation(summary = "One scope (ROLE and a role's name, or TENANT and a tenant's id); 404 when there is none")
    SignInPolicyService.Row get(@PathVariable String scope, @PathVariable String key) {
        return service.row(scope, key);
    }

    @PutMapping("/{scope}/{key}")
    @Operation(summary = "Set a scope's method (EITHER, PASSWORD, UKEY or BOTH) and whether removing the key "
            + "ends a UKEY session (endOnRemoval); an account's policy is the strictest of its roles' and tenant's")
    SignInPolicyService.Row set(@PathVariable String scope, @PathVariable String key,
            @RequestBody SignInPolicyService.Change change) {
        return service.set(UserService.current(), scope, key, change);
    }

    @DeleteMapping("/{scope}/{key}")
    @Operation(summary = "Clear a scope's row, so it adds nothing to its accounts' policy; 404 when it has none")
    SignInPolicyService.Row clear(@PathVariable String scope, @PathVariable String key) {
        return service.clear(UserService.current(), scope, key);
    }
}

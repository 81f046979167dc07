package io.vsip4x.portal.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens as JSON: the caller's own (listed and revoked; made on the page only), and everyone's
 * for security admins, who may revoke any.
 */
@RestController
@Tag(name = "API tokens", description = "Personal API tokens: made on the page /account/api-tokens, "
        + "sent as 'Authorization: Bearer'")
class ApiTokenApiController {

    /** The caller's own tokens. */
    static final String MINE = "/api/v1/me/api-tokens";
    private static final String ALL = "/api/v1/api-tokens";

    private final ApiTokens tokens;

    ApiTokenApiController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping(MINE)
    @Operation(summary = "The caller's API tokens, newest first (never the tokens themselves)")
    List<ApiToken> mine() {
        return tokens.ofAccount(UserService.current().id());
    }

    @DeleteMapping(MINE + "/{id}")
    @Operation(summary = "Revoke one of the caller's tokens; the token as it is now; 404 when it is not theirs")
    ApiToken revokeMine(@PathVariable long id) {
        return tokens.revoke(UserService.current(), id, false);
    }

    @GetMapping(ALL)
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Every account's tokens, or one account's (account: its username); security admins")
    List<ApiToken> all(@RequestParam(required = false) String account) {
        return tokens.all(account);
    }

    @DeleteMapping(ALL + "/{id}")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Revoke anyone's token; the token as it is now; security admins")
    ApiToken revoke(@PathVariable long id) {
        return tokens.revoke(UserService.current(), id, true);
    }
}

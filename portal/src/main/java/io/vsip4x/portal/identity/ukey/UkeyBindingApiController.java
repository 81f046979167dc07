package io.vsip4x.portal.identity.ukey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** UKEY bindings as JSON, for security admins. */
@RestController
@RequestMapping("/api/v1/ukey-bindings")
@PreAuthorize("hasRole('SECURITY_ADMIN')")
@Tag(name = "UKEY bindings", description = "Which UKEY signs in which account: binding and revoking keys")
class UkeyBindingApiController {

    private final UkeyBindingService service;

    UkeyBindingApiController(UkeyBindingService service) {
        this.service = service;
    }

    /** Why a binding is revoked. */
    record RevokeBody(String reason) {
    }

    @GetMapping
    @Operation(summary = "Bindings, active first, newest first; account narrows them to one account's")
    List<UkeyBinding> list(@RequestParam(required = false) String account) {
        return service.list(account);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One binding, active or revoked; 404 when there is none")
    UkeyBinding get(@PathVariable long id) {
        return service.get(id);
    }

    @PostMapping
    @Operation(summary = "Bind a key (sid, certUser, platformUserId) to an account (username); 400 with one "
            + "message per field when a field is malformed, the account is unknown, disabled or the caller's, "
            + "the key is bound already or its platform user is bound to another account")
    ResponseEntity<UkeyBinding> bind(@RequestBody UkeyBindingForm form) {
        UkeyBinding bound = service.bind(UserService.current(), form);
        return ResponseEntity.created(URI.create("/api/v1/ukey-bindings/" + bound.id())).body(bound);
    }

    @PostMapping("/{id}/revoke")
    @Operation(summary = "Revoke a binding with a reason: the key no longer signs its account in; "
            + "409 when it is revoked already")
    UkeyBinding revoke(@PathVariable long id, @RequestBody(required = false) RevokeBody body) {
        return service.revoke(UserService.current(), id, body == null ? null : body.reason());
    }
}

package io.vsip4x.portal.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Console-only permissions, view-only shares and the admins' view of open consoles, as JSON. */
@RestController
@Tag(name = "Consoles", description = "Who may open a VM's console, and the consoles open now")
class ConsoleApiController {

    private final ConsoleGrants grants;
    private final ConsoleShares shares;
    private final ActiveConsoles active;

    ConsoleApiController(ConsoleGrants grants, ConsoleShares shares, ActiveConsoles active) {
        this.grants = grants;
        this.shares = shares;
        this.active = active;
    }

    /** Whom to give the permission: {@code userId}, or when it is absent {@code username}. */
    record GrantBody(Long userId, String username) {
    }

    /** Whom to share with ({@code userId}, or {@code username}) and for how many minutes. */
    record ShareBody(Long userId, String username, Integer minutes) {
    }

    @GetMapping("/api/v1/vms/{vmId}/console-grants")
    @Operation(summary = "The people given the console-only permission on a VM; tenant admins of its department "
            + "only (403), 404 when the VM is not the caller's to see")
    List<ConsoleGrants.Grant> grants(@PathVariable String vmId) {
        return grants.list(UserService.current(), vmId);
    }

    @PostMapping("/api/v1/vms/{vmId}/console-grants")
    @Operation(summary = "Gives a person of the VM's department its console (keyboard and mouse) without the "
            + "right to change it: 201; 400 for someone unknown, of another department, not cleared for the VM or "
            + "with a console already; 409 when they hold the permission already")
    ResponseEntity<ConsoleGrants.Grant> grant(@PathVariable String vmId,
            @RequestBody(required = false) GrantBody body) {
        GrantBody b = body == null ? new GrantBody(null, null) : body;
        ConsoleGrants.Grant grant = grants.grant(UserService.current(), vmId, b.userId(), b.username());
        return ResponseEntity.created(URI.create("/api/v1/vms/" + vmId + "/console-grants/" + grant.userId()))
                .body(grant);
    }

    @DeleteMapping("/api/v1/vms/{vmId}/console-grants/{userId}")
    @Operation(summary = "Takes a person's console-only permission back (204); an open console closes within "
            + "seconds; 404 when they hold none")
    ResponseEntity<Void> revokeGrant(@PathVariable String vmId, @PathVariable long userId) {
        grants.revoke(UserService.current(), vmId, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/vms/{vmId}/console-shares")
    @Operation(summary = "The current view-only shares of a VM's console; its owner and department admins only")
    List<ConsoleShares.Share> shares(@PathVariable String vmId) {
        return shares.list(UserService.current(), vmId);
    }

    @PostMapping("/api/v1/vms/{vmId}/console-shares")
    @Operation(summary = "Lets a teammate watch the VM's console for some minutes (up to portal.console.share-max): "
            + "201; 400 for a bad teammate or length; 409 when it is shared with them already")
    ResponseEntity<ConsoleShares.Share> share(@PathVariable String vmId,
            @RequestBody(required = false) ShareBody body) {
        ShareBody b = body == null ? new ShareBody(null, null, null) : body;
        ConsoleShares.Share share = shares.share(UserService.current(), vmId, b.userId(), b.username(), b.minutes());
        return ResponseEntity.created(URI.create("/api/v1/vms/" + vmId + "/console-shares/" + share.id()))
                .body(share);
    }

    @DeleteMapping("/api/v1/vms/{vmId}/console-shares/{id}")
    @Operation(summary = "Ends a view-only share now (204); an open console closes within seconds")
    ResponseEntity<Void> revokeShare(@PathVariable String vmId, @PathVariable long id) {
        shares.revoke(UserService.current(), vmId, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/consoles")
    @Operation(summary = "The consoles open now: every department's for platform admins, their own for department "
            + "admins; 403 for others")
    List<ConsoleSessionRows.OpenConsole> consoles() {
        return active.list(UserService.current());
    }

    @DeleteMapping("/api/v1/admin/consoles/{id}")
    @Operation(summary = "Ends an open console (204; it closes within seconds); 404 when it is not open or not "
            + "the caller's to oversee, 409 when it is ending already")
    ResponseEntity<Void> end(@PathVariable long id) {
        active.end(UserService.current(), id);
        return ResponseEntity.noContent().build();
    }
}

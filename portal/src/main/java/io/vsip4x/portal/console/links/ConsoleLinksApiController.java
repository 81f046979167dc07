package io.vsip4x.portal.console.links;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A VM's native client links, their leases and its remote-view type, as JSON. */
@RestController
@RequestMapping("/api/v1/vms/{vmId}")
@Tag(name = "Console links", description = "fastrap:// and rdp:// links for the native client, their leases, "
        + "and the VM's remote-view type")
class ConsoleLinksApiController {

    private final ConsoleLinks links;
    private final RemoteViewTypes viewTypes;
    private final LeaseUrls leaseUrls;

    ConsoleLinksApiController(ConsoleLinks links, RemoteViewTypes viewTypes, LeaseUrls leaseUrls) {
        this.links = links;
        this.viewTypes = viewTypes;
        this.leaseUrls = leaseUrls;
    }

    /** The body of a view-type change. */
    record TypeBody(String type) {
    }

    @GetMapping("/console-links")
    @Operation(summary = "Issues the VM's native client links with a new lease: {\"fastrap\": {\"encrypted\" (only "
            + "when the console has a TLS port), \"unencrypted\"}, \"rdp\", \"leaseUrl\", \"expiresAt\"}. The "
            + "fastrap links carry the console password (appendix 2): keep them secret. 404 when the VM is not "
            + "the caller's to see, 403 without an interactive console, 409 with the platform's code (2047) "
            + "when the VM is not running or paused")
    ResponseEntity<ConsoleLinks.Links> links(@PathVariable String vmId) {
        ConsoleLinks.Links issued = links.issue(UserService.current(), vmId, leaseUrls.base());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(issued);
    }

    @GetMapping("/console-links/leases")
    @Operation(summary = "The VM's link leases neither revoked nor expired, newest first; for its owner, its "
            + "department's admins and platform admins (403 otherwise)")
    List<ConsoleLeases.ActiveLease> leases(@PathVariable String vmId) {
        return links.leases(UserService.current(), vmId);
    }

    @DeleteMapping("/console-links/leases/{leaseId}")
    @Operation(summary = "Revokes a lease: its URL answers 410 from then on. 204; 404 when the VM has no such "
            + "lease in force; 403 unless the caller may operate the VM")
    ResponseEntity<Void> revoke(@PathVariable String vmId, @PathVariable long leaseId) {
        links.revoke(UserService.current(), vmId, leaseId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/remote-view-type")
    @Operation(summary = "The VM's remote-view type as the platform has it: {\"vmId\", \"type\"}; 409 with the "
            + "platform's code when it refuses")
    RemoteViewTypes.ViewType viewType(@PathVariable String vmId) {
        return viewTypes.get(UserService.current(), vmId);
    }

    @PutMapping("/remote-view-type")
    @Operation(summary = "Sets the VM's remote-view type: {\"type\": \"vnc\"} (any word of up to 32 letters, "
            + "digits, '.', '_' or '-': the spec lists no values); 400 for another, 403 unless the caller may "
            + "operate the VM, 409 with the platform's code when it refuses")
    RemoteViewTypes.ViewType setViewType(@PathVariable String vmId, @RequestBody TypeBody body) {
        return viewTypes.set(UserService.current(), vmId, body == null ? null : body.type());
    }
}

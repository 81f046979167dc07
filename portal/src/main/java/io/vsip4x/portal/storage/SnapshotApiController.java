package io.vsip4x.portal.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A VM's snapshots as JSON: the same rules and codes as its page ({@link SnapshotService}). */
@RestController
@RequestMapping("/api/v1/vms/{vmId}/snapshots")
@Tag(name = "snapshots", description = "A VM's snapshots: list, take, restore, delete")
class SnapshotApiController {

    private final SnapshotListing listing;
    private final SnapshotService snapshots;

    SnapshotApiController(SnapshotListing listing, SnapshotService snapshots) {
        this.listing = listing;
        this.snapshots = snapshots;
    }

    @GetMapping
    @Operation(summary = "The VM's snapshots, oldest first: the platform's list with who took each and the ones "
            + "being taken (state PENDING, no snapId yet); 404 when the VM is not the caller's to see")
    List<SnapshotListing.SnapshotView> list(@PathVariable String vmId, Locale locale) {
        return listing.of(UserService.current(), vmId, locale).snapshots();
    }

    /** The choices of a new snapshot; optional: a note of at most 100 characters kept by the portal. */
    record NewSnapshotBody(String note) {
    }

    @PostMapping
    @Operation(summary = "Takes a snapshot, with an optional note (at most 100 characters, no control, separator "
            + "or direction characters; listed as \"note\"): 202 with the queued operation; 400 for a bad note; "
            + "409 with 2052 when the VM is busy or neither stopped nor running, 409 when the VM's snapshot limit "
            + "or the tenant's snapshots quota is reached (excesses); 403 when the caller may not operate the VM")
    ResponseEntity<StorageAccepted> create(@PathVariable String vmId,
            @RequestBody(required = false) NewSnapshotBody body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(snapshots.create(UserService.current(), vmId, body == null ? null : body.note()));
    }

    @PostMapping("/{snapId}/restore")
    @Operation(summary = "Returns the stopped VM to the snapshot, losing every change since: 202 with the "
            + "queued operation; 404 for a snapshot the VM does not have; 409 with 2049 when the VM is not "
            + "stopped, 2052 when it is busy")
    ResponseEntity<StorageAccepted> restore(@PathVariable String vmId, @PathVariable String snapId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(snapshots.restore(UserService.current(), vmId, snapId));
    }

    @DeleteMapping("/{snapId}")
    @Operation(summary = "Deletes the snapshot: 202 with the queued operation; 404 for a snapshot the VM does "
            + "not have; 409 with 2052 when the VM is busy")
    ResponseEntity<StorageAccepted> delete(@PathVariable String vmId, @PathVariable String snapId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(snapshots.delete(UserService.current(), vmId, snapId));
    }
}

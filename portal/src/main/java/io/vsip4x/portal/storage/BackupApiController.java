package io.vsip4x.portal.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A VM's backups as JSON: the same rules and codes as its page ({@link BackupService}). */
@RestController
@RequestMapping("/api/v1/vms/{vmId}/backups")
@Tag(name = "backups", description = "A VM's backups: list, back up, restore (here or elsewhere), delete")
class BackupApiController {

    private final BackupPages pages;
    private final BackupService backups;

    BackupApiController(BackupPages pages, BackupService backups) {
        this.pages = pages;
        this.backups = backups;
    }

    /** The choices of a new backup; all optional. */
    record NewBackupBody(String description, Boolean memorySnapshot, Boolean checksum) {
    }

    /** The choices of a restore; all optional (where the VM is, no verification). */
    record RestoreBody(String repoId, String hostId, Boolean checksum) {
    }

    @GetMapping
    @Operation(summary = "The VM's backups, newest first, as the platform's callbacks reported them (state "
            + "ACTIVE), the ones being made (PENDING) and those that failed in the last day (FAILED, resultCode)")
    List<BackupPages.BackupView> list(@PathVariable String vmId) {
        return pages.list(UserService.current(), vmId);
    }

    @GetMapping("/targets")
    @Operation(summary = "Where the VM may be restored: the pools its tenant may use, each with its hosts")
    List<BackupTargets.PoolOption> targets(@PathVariable String vmId) {
        return pages.targets(UserService.current(), vmId);
    }

    @PostMapping
    @Operation(summary = "Backs the VM up: 202 with the queued operation (the VM is locked until it ends); 400 "
            + "(errors by field) for a description over 255 characters or with control, line-separator or "
            + "text-direction characters, or memorySnapshot/checksum not true or false; 409 with 2050 for a memory "
            + "snapshot of a VM not running (it needs a running VM), 2052 when the VM is busy, or the tenant's "
            + "backups quota (excesses)")
    ResponseEntity<StorageAccepted> create(@PathVariable String vmId,
            @RequestBody(required = false) NewBackupBody body) {
        NewBackupBody given = body == null ? new NewBackupBody(null, null, null) : body;
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backups.create(UserService.current(), vmId,
                new BackupService.NewBackup(given.description(), Boolean.TRUE.equals(given.memorySnapshot()),
                        Boolean.TRUE.equals(given.checksum()))));
    }

    @PostMapping("/{backupId}/restore")
    @Operation(summary = "Restores the stopped VM from the backup, where it is or into repoId (a pool the tenant "
            + "may use) and hostId: every change since the backup is lost. 202 with the queued operation; 404 "
            + "(2057) for a backup the VM does not have; 400 for checksum on a backup without checksum data; 409 "
            + "with 2049 not stopped, 2052 busy, 4020 pool not the tenant's, 2046 host outside the pool; 409 "
            + "(no code) for another pool while data disks are attached: detach them first")
    ResponseEntity<StorageAccepted> restore(@PathVariable String vmId, @PathVariable String backupId,
            @RequestBody(required = false) RestoreBody body) {
        RestoreBody given = body == null ? new RestoreBody(null, null, null) : body;
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backups.restore(UserService.current(), vmId,
                backupId, new BackupService.Restore(given.repoId(), given.hostId(),
                        Boolean.TRUE.equals(given.checksum()))));
    }

    @DeleteMapping("/{backupId}")
    @Operation(summary = "Deletes the backup: 202 with the queued operation; 404 (2057) for a backup the VM "
            + "does not have; 409 with 2052 when the VM is busy")
    ResponseEntity<StorageAccepted> delete(@PathVariable String vmId, @PathVariable String backupId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(backups.delete(UserService.current(), vmId, backupId));
    }
}

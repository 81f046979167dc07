package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationOutcome;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.OperationState;
import io.vsip4x.portal.platform.PlatformEventDetail;
import io.vsip4x.portal.platform.StoragePayload;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.FormValues;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.model.BackupInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backs a VM up, restores it from a backup (where it is, or into a pool and onto a host its
 * tenant may use) and deletes backups, through the operation queue and the rules of
 * {@link VmGuard}. The platform locks the VM while a backup or restore runs; the queue does the
 * same (one open operation per VM), and every refusal meanwhile names the backup or restore. A
 * backup must fit the tenant's {@code backups} quota, counted with the ones being made. Backups
 * are recorded from the {@code backupVm} callback's {@code detail}: the platform cannot list them.
 */
@Service
public class BackupService {

    /** Audit action of backing a VM up. */
    static final String CREATE = "BACKUP_CREATE";
    /** Audit action of restoring a VM from a backup. */
    static final String RESTORE = "BACKUP_RESTORE";
    /** Audit action of deleting a backup. */
    static final String DELETE = "BACKUP_DELETE";
    /** Audit action of looking at a VM's backups (logged when refused). */
    static final String VIEW = "BACKUP_VIEW";

    /** The longest description the platform takes. */
    static final int MAX_DESCRIPTION = 255;
    /** The status a memory snapshot needs: running. */
    static final Set<Integer> RUNNING = Set.of(1);
    /** Why a memory snapshot of a VM not running is refused (also the page's reason). */
    static final String MEMORY_NEEDS_RUNNING = "backup.refused.memoryNeedsRunning";
    /** The one backup a new one adds to the quota. */
    static final Quota ONE = new Quota(0, 0, 0, 0, 0, 0, 1);

    /** How many of a VM's last operations are looked through for the restore a late callback finishes. */
    private static final int LATE_LOOKBACK = 10;

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);

    private final VmGuard guard;
    private final BackupStore store;
    private final BackupTargets targets;
    private final OperationService operations;
    private final QuotaService quotas;
    private final StorageAcceptance acceptance;
    private final LiveUpdates live;
    private final JsonMapper json;
    private final VmService vms;
    private final DataDiskRepository disks;

    BackupService(VmGuard guard, BackupStore store, BackupTargets targets, OperationService operations,
            QuotaService quotas, StorageAcceptance acceptance, LiveUpdates live, JsonMapper json, VmService vms,
            DataDiskRepository disks) {
        this.disks = disks;
        this.guard = guard;
        this.store = store;
        this.targets = targets;
        this.operations = operations;
        this.quotas = quotas;
        this.acceptance = acceptance;
        this.live = live;
        this.json = json;
        this.vms = vms;
    }

    /**
     * The choices of a new backup.
     *
     * @param description    a text of at most 255 characters, or {@code null}
     * @param memorySnapshot whether the running VM's memory is kept too (a running VM only)
     * @param checksum       whether checksum data is made, so a restore can verify the backup
     */
    public record NewBackup(String description, boolean memorySnapshot, boolean checksum) {
    }

    /**
     * The choices of a restore.
     *
     * @param repoId   the pool to restore into, or {@code null} for the VM's own
     * @param hostId   the host to restore onto, or {@code null} for any (where the VM is, in its own pool)
     * @param checksum whether the backup is verified first (a backup made with checksum data only)
     */
    public record Restore(String repoId, String hostId, boolean checksum) {
    }

    /**
     * Queues a backup of the VM.
     *
     * @throws FieldProblems   400 for a description over 255 characters or with characters a
     *                         one-line text refuses ({@link BackupFields#checkText})
     * @throws PortalException 404/403 as {@link VmGuard#operable}; 409 with 2050 for a memory
     *                         snapshot of a VM not running (it needs a running VM), 2052 when the VM is busy or neither
     *                         stopped nor running
     * @throws QuotaExceeded   when the tenant's backups quota is used up
     */
    @Transactional
    public StorageAccepted create(CurrentUser user, String vmId, NewBackup choices) {
        String description = FormValues.blankToNull(choices.description());
        BackupFields.checkText("description", description, MAX_DESCRIPTION, "backup.field.description");
        Vm vm = guard.operable(user, vmId, "backup-create", CREATE);
        guard.require(vm, SnapshotService.UP, "2052", "backup-create", CREATE);
        if (choices.memorySnapshot() && !RUNNING.contains(vm.status())) {
            guard.denied(CREATE, vmId, "2050", "memory snapshot of a VM not running");
            throw new PortalException(HttpStatus.CONFLICT, MEMORY_NEEDS_RUNNING, "2050", vm.name()).audited();
        }
        try {
            quotas.lockAndCheck(vm.tenantId(), vm.ownerId(), ONE);
        } catch (QuotaExceeded e) {
            guard.denied(CREATE, vmId, null, "quota: " + e.excesses());
            throw e.audited();
        }
        long id = operations.queueStorage(OperationKind.BACKUP_VM, vmId,
                StoragePayload.newBackup(description, choices.memorySnapshot(), choices.checksum()), user.id());
        store.insertPending(vm, user.id(), id, description, choices.memorySnapshot(), choices.checksum());
        return acceptance.accepted(vm, id, CREATE, "backup-create", null, null,
                ", memorySnapshot=" + choices.memorySnapshot() + ", checksum=" + choices.checksum());
    }

    /**
     * Queues restoring the stopped VM from its backup {@code backupId}: every change since the
     * backup is lost.
     *
     * @throws PortalException 404 (2057) for a backup the VM does not have; 400 for a checksum
     *                         check of a backup without checksum data; 409 with 2049 when the VM
     *                         is not stopped, 2052 when busy, 4020 for a pool the tenant may not
     *                         use, 2046 for a host outside the pool; 409 for another pool
     *                         while data disks are attached (they would stay in the old pool)
     */
    @Transactional
    public StorageAccepted restore(CurrentUser user, String vmId, String backupId, Restore choices) {
        Vm vm = guard.operable(user, vmId, "backup-restore", RESTORE);
        BackupStore.BackupRow backup = requireBackup(vm, backupId, RESTORE);
        if (choices.checksum() && !backup.checksum()) {
            throw FieldProblems.of("checksum", "backup.field.checksum");
        }
        guard.require(vm, SnapshotService.STOPPED, "2049", "backup-restore", RESTORE);
        String repoId = FormValues.blankToNull(choices.repoId());
        String hostId = FormValues.blankToNull(choices.hostId());
        BackupTargets.VmTarget refused = targets.refusal(user, vm, repoId, hostId);
        if (refused != null) {
            guard.denied(RESTORE, vmId, refused.code(), refused.messageKey());
            throw new PortalException(HttpStatus.CONFLICT, refused.messageKey(), refused.code(), vm.name(),
                    repoId == null ? vm.repoId() : repoId, hostId).audited();
        }
        if (repoId != null && !repoId.equals(vm.repoId())) {
            List<String> attached = disks.onVm(vmId).stream().map(DataDiskRow::name).toList();
            if (!attached.isEmpty()) {
                guard.denied(RESTORE, vmId, null, "data disks attached: " + attached);
                throw new PortalException(HttpStatus.CONFLICT, "backup.refused.disksAttached", null, vm.name(),
                        repoId, String.join(", ", attached)).audited();
            }
        }
        long id = operations.queueStorage(OperationKind.RESTORE_VM, vmId,
                StoragePayload.restore(backupId, repoId, hostId, choices.checksum()), user.id());
        return acceptance.accepted(vm, id, RESTORE, "backup-restore", null, backupId,
                (repoId == null ? "" : ", repoId=" + repoId) + (hostId == null ? "" : ", hostId=" + hostId));
    }

    /**
     * Queues deleting the VM's backup {@code backupId}.
     *
     * @throws PortalException 404 (2057) for a backup the VM does not have; 409 with 2052 when the VM is busy
     */
    @Transactional
    public StorageAccepted delete(CurrentUser user, String vmId, String backupId) {
        Vm vm = guard.operable(user, vmId, "backup-delete", DELETE);
        requireBackup(vm, backupId, DELETE);
        guard.require(vm, Set.of(), "2052", "backup-delete", DELETE);
        long id = operations.queueStorage(OperationKind.DELETE_BACKUP, vmId, StoragePayload.backup(backupId),
                user.id());
        return acceptance.accepted(vm, id, DELETE, "backup-delete", null, backupId, "");
    }

    /**
     * A finished backup is recorded from the callback's detail: the only place the platform names
     * it. A callback that comes after its operation timed out still records the backup (on the
     * VM's newest backup that timed out, or as a new row), and a late restore into another pool
     * still moves the VM there: the platform did both.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onDetail(PlatformEventDetail event) {
        if (!event.success()) {
            return;
        }
        if (OperationKind.RESTORE_VM.method().equals(event.operation()) && event.operationId() == null) {
            lateRestore(event.vmId());
            return;
        }
        if (!OperationKind.BACKUP_VM.method().equals(event.operation())) {
            return;
        }
        BackupInfo info = BackupInfo.from(event.detail());
        if (info.backupId() == null) {
            log.warn("The backup event of VM '{}' names no backup; its row is failed when its operation ends",
                    event.vmId());
            return;
        }
        if (event.operationId() != null) {
            store.made(event.operationId(), info, Instant.now());
            log.debug("VM '{}' was backed up as '{}'", event.vmId(), info.backupId());
        } else if (store.known(event.vmId(), info.backupId())) {
            log.debug("Backup '{}' of VM '{}' is recorded already", info.backupId(), event.vmId());
        } else {
            vms.find(event.vmId()).ifPresent(vm -> {
                store.madeLate(vm, info, Instant.now());
                log.info("VM '{}' was backed up as '{}' after its operation had ended; recorded", vm.vmId(),
                        info.backupId());
                live.publish(vm.tenantId(), LiveUpdates.VMS);
            });
        }
    }

    /** A restore whose operation timed out finished after all: into the pool it was sent to. */
    private void lateRestore(String vmId) {
        operations.historyFor(vmId, LATE_LOOKBACK).stream()
                .filter(e -> e.kind() == OperationKind.RESTORE_VM)
                .findFirst()
                .filter(e -> e.state() == OperationState.FAILED && e.resultCode() == null)
                .flatMap(e -> operations.find(e.id()))
                .map(op -> json.readValue(op.payload(), StoragePayload.class).repoId())
                .ifPresent(repoId -> {
                    store.movedToPool(vmId, repoId);
                    log.info("VM '{}' was restored into pool '{}' after its operation had timed out", vmId, repoId);
                });
    }

    /**
     * A backup that was not made no longer counts, nor one the platform made without naming it
     * (its row, still pending when its operation succeeds, is failed as {@link BackupStore#UNNAMED}:
     * it cannot be restored); a deleted one, or one the platform no longer
     * knows (2057), is gone; a VM restored into another pool belongs to it.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOutcome(OperationOutcome outcome) {
        Operation op = outcome.operation();
        switch (op.kind()) {
            case BACKUP_VM -> store.failed(op.id(), outcome.success() ? BackupStore.UNNAMED : outcome.code());
            case RESTORE_VM, DELETE_BACKUP -> {
                StoragePayload payload = json.readValue(op.payload(), StoragePayload.class);
                boolean gone = "2057".equals(outcome.code())
                        || (outcome.success() && op.kind() == OperationKind.DELETE_BACKUP);
                if (gone) {
                    store.deleted(op.vmId(), payload.backupId());
                }
                if (outcome.success() && op.kind() == OperationKind.RESTORE_VM && payload.repoId() != null) {
                    store.movedToPool(op.vmId(), payload.repoId());
                }
            }
            default -> {
                return;
            }
        }
        vms.find(op.vmId()).ifPresent(vm -> live.publish(vm.tenantId(), LiveUpdates.VMS));
    }

    private BackupStore.BackupRow requireBackup(Vm vm, String backupId, String auditAction) {
        return (backupId == null ? Optional.<BackupStore.BackupRow>empty() : store.active(vm.vmId(), backupId))
                .orElseThrow(() -> {
                    guard.denied(auditAction, vm.vmId(), "2057", "no such backup");
                    return new PortalException(HttpStatus.NOT_FOUND, "backup.notFound", "2057", backupId, vm.name())
                            .audited();
                });
    }

}

package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationOutcome;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.PlatformEventDetail;
import io.vsip4x.portal.platform.StoragePayload;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.TenantVmSettingsService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.FormValues;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import java.time.Instant;
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
 * Takes, restores and deletes a VM's snapshots through the operation queue, under the rules of
 * {@link VmGuard}: a snapshot is taken of a stopped or running VM (else 2052), restored only onto
 * a stopped VM (2049), and none of them while another operation runs (2052). A new snapshot must
 * fit the VM's limit ({@code TenantVmSettings.snapshotsPerVm}) and the tenant's {@code snapshots}
 * quota, both counted with the snapshots still being taken, under the VM's and the tenant's row
 * locks, so concurrent requests never exceed either. The platform's events complete the rows.
 */
@Service
public class SnapshotService {

    /** Audit action of taking a snapshot. */
    static final String CREATE = "SNAPSHOT_CREATE";
    /** Audit action of restoring a VM to a snapshot. */
    static final String RESTORE = "SNAPSHOT_RESTORE";
    /** Audit action of deleting a snapshot. */
    static final String DELETE = "SNAPSHOT_DELETE";
    /** Audit action of looking at a VM's snapshots (logged when refused). */
    static final String VIEW = "SNAPSHOT_VIEW";

    /** The statuses a snapshot may be taken in: stopped, running. */
    static final Set<Integer> UP = Set.of(0, 1);
    /** The status a snapshot is restored in: stopped. */
    static final Set<Integer> STOPPED = Set.of(0);
    /** The one snapshot a new one adds to the quota. */
    static final Quota ONE = new Quota(0, 0, 0, 0, 0, 1, 0);

    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);

    private final VmGuard guard;
    private final SnapshotStore store;
    private final OperationService operations;
    private final QuotaService quotas;
    private final TenantVmSettingsService settings;
    private final StorageAcceptance acceptance;
    private final LiveUpdates live;
    private final JsonMapper json;
    private final VmService vms;

    SnapshotService(VmGuard guard, SnapshotStore store, OperationService operations, QuotaService quotas,
            TenantVmSettingsService settings, StorageAcceptance acceptance, LiveUpdates live, JsonMapper json,
            VmService vms) {
        this.guard = guard;
        this.store = store;
        this.operations = operations;
        this.quotas = quotas;
        this.settings = settings;
        this.acceptance = acceptance;
        this.live = live;
        this.json = json;
        this.vms = vms;
    }

    /** The longest note a snapshot takes. */
    static final int MAX_NOTE = 100;

    /**
     * Queues a snapshot of the VM, with an optional note (at most 100 characters, kept in the
     * portal's row: the platform's snapshots have no name).
     *
     * @throws io.vsip4x.portal.web.FieldProblems 400 for a note too long or with characters a
     *                         one-line text refuses ({@link BackupFields#checkText})
     * @throws PortalException 404/403 as {@link VmGuard#operable}; 409 with 2052 when the VM is
     *                         busy or neither stopped nor running; 409 when the VM's limit is reached
     * @throws io.vsip4x.portal.tenancy.QuotaExceeded when the tenant's snapshots quota is used up
     */
    @Transactional
    public StorageAccepted create(CurrentUser user, String vmId, String note) {
        String given = FormValues.blankToNull(note);
        BackupFields.checkText("note", given, MAX_NOTE, "snapshot.field.note");
        Vm vm = guard.operable(user, vmId, "snapshot-create", CREATE);
        guard.require(vm, UP, "2052", "snapshot-create", CREATE);
        int limit = settings.forTenant(vm.tenantId()).snapshotsPerVm();
        if (store.countHeld(vmId) >= limit) {
            guard.denied(CREATE, vmId, null, "snapshots per VM: " + limit);
            throw new PortalException(HttpStatus.CONFLICT, "snapshot.refused.perVm", null, vm.name(), limit)
                    .audited();
        }
        try {
            quotas.lockAndCheck(vm.tenantId(), vm.ownerId(), ONE);
        } catch (QuotaExceeded e) {
            guard.denied(CREATE, vmId, null, "quota: " + e.excesses());
            throw e.audited();
        }
        long id = operations.queueStorage(OperationKind.CREATE_SNAP, vmId, StoragePayload.snapshot(null), user.id());
        store.insertPending(vm, user.id(), id, given);
        return acceptance.accepted(vm, id, CREATE, "snapshot-create", null, null, "");
    }

    /**
     * Queues returning the stopped VM to its snapshot {@code snapId}: every change since is lost.
     *
     * @throws PortalException 404 for a snapshot the VM does not have; 409 with 2049 when the VM
     *                         is not stopped, 2052 when it is busy
     */
    @Transactional
    public StorageAccepted restore(CurrentUser user, String vmId, String snapId) {
        Vm vm = guard.operable(user, vmId, "snapshot-restore", RESTORE);
        requireSnapshot(vm, snapId, RESTORE);
        guard.require(vm, STOPPED, "2049", "snapshot-restore", RESTORE);
        long id = operations.queueStorage(OperationKind.RESTORE_SNAP, vmId, StoragePayload.snapshot(snapId),
                user.id());
        return acceptance.accepted(vm, id, RESTORE, "snapshot-restore", snapId, null, "");
    }

    /**
     * Queues deleting the VM's snapshot {@code snapId}.
     *
     * @throws PortalException 404 for a snapshot the VM does not have; 409 with 2052 when the VM is busy
     */
    @Transactional
    public StorageAccepted delete(CurrentUser user, String vmId, String snapId) {
        Vm vm = guard.operable(user, vmId, "snapshot-delete", DELETE);
        requireSnapshot(vm, snapId, DELETE);
        guard.require(vm, Set.of(), "2052", "snapshot-delete", DELETE);
        long id = operations.queueStorage(OperationKind.DELETE_SNAP, vmId, StoragePayload.snapshot(snapId),
                user.id());
        return acceptance.accepted(vm, id, DELETE, "snapshot-delete", snapId, null, "");
    }

    /** A snapshot the portal was taking is now live; one it was deleting is gone. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onDetail(PlatformEventDetail event) {
        if (event.operationId() == null || !event.success()) {
            return;
        }
        String snapId = event.detail().get("snapId");
        if (OperationKind.CREATE_SNAP.method().equals(event.operation()) && snapId != null) {
            store.taken(event.operationId(), snapId, Instant.now());
            log.debug("Snapshot '{}' of VM '{}' was taken", snapId, event.vmId());
        }
    }

    /**
     * A snapshot that could not be taken no longer counts; a deleted one (or one the platform no
     * longer knows: 2003) is gone.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOutcome(OperationOutcome outcome) {
        Operation op = outcome.operation();
        if (op.kind() == OperationKind.CREATE_SNAP && !outcome.success()) {
            store.failed(op.id(), outcome.code());
        } else if (op.kind() == OperationKind.DELETE_SNAP && (outcome.success() || "2003".equals(outcome.code()))) {
            store.deleted(op.vmId(), json.readValue(op.payload(), StoragePayload.class).snapId());
        } else if (op.kind() != OperationKind.RESTORE_SNAP && op.kind() != OperationKind.CREATE_SNAP) {
            return;
        }
        vms.find(op.vmId()).ifPresent(vm -> live.publish(vm.tenantId(), LiveUpdates.VMS));
    }

    private void requireSnapshot(Vm vm, String snapId, String auditAction) {
        if (snapId == null || store.active(vm.vmId(), snapId).isEmpty()) {
            guard.denied(auditAction, vm.vmId(), null, "no such snapshot");
            throw PortalException.notFound("snapshot.notFound", snapId, vm.name()).audited();
        }
    }
}

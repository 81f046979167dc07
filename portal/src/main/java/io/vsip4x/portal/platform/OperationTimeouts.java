package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.VmStatus;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.SnapshotInfo;
import io.vsip4x.sdk.model.VmSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finishes operations whose callback never came: it asks the platform how the VM stands
 * ({@code resynVm}, {@code searchVmList}), applies that, and finishes the operation as done when
 * the VM shows what the operation leaves behind (its settled status; the target host for a
 * migration or move; the platform no longer knowing a deleted VM; every VM of a creation past
 * status 6; a snapshot taken since the operation was sent, or gone when deleted, in
 * {@code getVmSnaps}; a data disk of the size its extension noted; a host in the power state a
 * start or shutdown leaves, in {@code searchHostList}), else as failed with a reason the user
 * reads ({@link #TIMED_OUT}, for a host {@link #HOST_TIMED_OUT}: message keys). Restores and
 * backups cannot be confirmed so (the platform lists no backups): while the VM still shows one
 * running (status 8, 9 or 12) they wait on, as long as it takes; a callback that comes after
 * they failed is still applied by the features ({@code PlatformEventDetail} without an operation).
 */
@Component
class OperationTimeouts {

    private static final Logger log = LoggerFactory.getLogger(OperationTimeouts.class);
    /** The result info of an operation that timed out: a message key, shown in the reader's language. */
    static final String TIMED_OUT = "pipeline.operation.timedOut";
    /** The result info of a host operation that timed out: a message key of its own (a host, not a VM). */
    static final String HOST_TIMED_OUT = "pipeline.operation.hostTimedOut";
    /** The statuses of a VM being backed up (8, online 12) or restored (9): the platform is still at it. */
    static final Set<Integer> BACKING_UP_OR_RESTORING = Set.of(VmStatus.BACKING_UP.code(),
            VmStatus.RESTORING.code(), VmStatus.ONLINE_BACKUP.code());
    /** The result info of an operation finished by the status its VM reached. */
    static final String CONFIRMED = "confirmed by the VM's status";
    /** The result info of a host operation finished by the power state its host reached. */
    static final String HOST_CONFIRMED = "confirmed by the host's power state";

    private final OperationRepository operations;
    private final OperationFinisher finisher;
    private final PlatformClient platform;
    private final VmResync resync;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final DiskExtensions diskExtensions;

    OperationTimeouts(OperationRepository operations, OperationFinisher finisher, PlatformClient platform,
            VmResync resync, TransactionTemplate tx, ApplicationEventPublisher events, JsonMapper json,
            DiskExtensions diskExtensions) {
        this.diskExtensions = diskExtensions;
        this.operations = operations;
        this.finisher = finisher;
        this.platform = platform;
        this.resync = resync;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    /**
     * Reconciles and finishes the sent operations that have waited longer than {@code age};
     * returns how many it looked at.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked; the rest wait for the next run
     */
    int timeOutOlderThan(Duration age) {
        List<Operation> stale = operations.stale(OperationState.SENT, age);
        for (Operation op : stale) {
            // What this learns and how the operation ends are logged under the operation's correlation id.
            try (Correlation.Scope scope = Correlation.open(op.correlationId())) {
                timeOut(op, age);
            }
        }
        return stale.size();
    }

    /**
     * Settles the extensions of data disks whose answer was lost and that have waited longer than
     * {@code age}: done when the disk reached its new size, else failed with
     * {@link DiskExtensions#NOT_REACHED}. An extension has no callback, so this need not wait for
     * the operation time-out. Returns how many it looked at.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    int settleLostExtensions(Duration age) {
        List<Operation> lost = operations.stale(OperationState.SENT, age).stream()
                .filter(op -> op.kind() == OperationKind.EXTEND_DATA_DISK).toList();
        for (Operation op : lost) {
            try (Correlation.Scope scope = Correlation.open(op.correlationId())) {
                timeOut(op, age);
            }
        }
        return lost.size();
    }

    private void timeOut(Operation op, Duration age) {
        if ((op.kind() == OperationKind.BACKUP_VM || op.kind() == OperationKind.RESTORE_VM) && stillUnderWay(op)) {
            log.info("Operation {} ({}) got no callback within {}, but the VM is still at it; waiting on", op.id(),
                    op.kind(), age);
            return;
        }
        boolean done = switch (op.kind()) {
            case CREATE_VM, INSTALL_VM -> creationSettled(op);
            case DELETE_VM -> deletionConfirmed(op);
            case MIGRATE_VM, MOVE_VM -> onTargetHost(op);
            case CREATE_SNAP, DELETE_SNAP -> snapshotShowsIt(op);
            case BACKUP_VM, RESTORE_VM -> false;
            case EXTEND_DATA_DISK -> diskExtensions.reached(op);
            case START_HOST, SHUTDOWN_HOST -> hostShowsIt(op);
            default -> op.vmId() != null && resync.resync(op.vmId())
                    .filter(status -> status == op.kind().settledStatus()).isPresent();
        };
        if (done) {
            String how = op.kind() == OperationKind.EXTEND_DATA_DISK ? DiskExtensions.CONFIRMED
                    : op.kind().onHost() ? HOST_CONFIRMED : CONFIRMED;
            tx.executeWithoutResult(s -> finisher.finish(op.id(), true, op.kind().successCode(), how));
            log.info("Operation {} ({}) got no callback within {}; the platform shows it done", op.id(), op.kind(),
                    age);
        } else if (operations.find(op.id()).filter(o -> o.state().open()).isPresent()) {
            String why = op.kind() == OperationKind.EXTEND_DATA_DISK ? DiskExtensions.NOT_REACHED
                    : op.kind().onHost() ? HOST_TIMED_OUT : TIMED_OUT;
            tx.executeWithoutResult(s -> finisher.finish(op.id(), false, null, why));
            log.warn("Operation {} ({}) got no callback within {} and the platform does not show it done; "
                    + "finished as failed", op.id(), op.kind(), age);
        }
    }

    /**
     * Whether the host of a host operation is in the power state the operation leaves behind, as
     * {@code searchHostList} reports it: running after a start, not running after a shutdown. A
     * host the platform no longer lists confirms nothing.
     */
    boolean hostShowsIt(Operation op) {
        List<HostInfo> found = platform.call(c -> c.searchHostList(Map.of("hostId", op.hostId())));
        return found.stream().filter(h -> op.hostId().equals(h.hostId())).findFirst()
                .filter(h -> h.online() == (op.kind() == OperationKind.START_HOST)).isPresent();
    }

    /** Whether the VM, asked again (and the answer applied), still shows the backup or restore running. */
    private boolean stillUnderWay(Operation op) {
        return op.vmId() != null && resync.resync(op.vmId()).filter(BACKING_UP_OR_RESTORING::contains).isPresent();
    }

    /**
     * Reports each VM of a creation as its callback would: created (any status past 6), or failed
     * when the platform does not know it. The request's listener finishes the operation once every
     * VM is settled; this answers whether it did.
     */
    private boolean creationSettled(Operation op) {
        for (String vmId : InstallVmPayload.vmIdsOf(op, json)) {
            SdkResult answer = platform.call(c -> c.resynVm(vmId));
            Optional<Integer> status = answer.ok()
                    ? VmStatus.parse(answer.get("status")).map(VmStatus::code) : Optional.empty();
            if (status.isPresent() && status.get() != VmStatus.CREATING.code()) {
                report(vmId, op.kind().method(), op.kind().successCode(), status.get(), null);
            } else if (ResultCode.VM_NOT_FOUND.code().equals(answer.code())) {
                report(vmId, op.kind().method(), "2000", null, null);
            }
        }
        return operations.find(op.id()).filter(o -> o.state() == OperationState.DONE).isPresent();
    }

    /** A deletion is done once the platform no longer knows the VM (2004), which is applied as its 2014. */
    private boolean deletionConfirmed(Operation op) {
        SdkResult answer = platform.call(c -> c.resynVm(op.vmId()));
        if (ResultCode.VM_NOT_FOUND.code().equals(answer.code())) {
            report(op.vmId(), OperationKind.DELETE_VM.method(), OperationKind.DELETE_VM.successCode(), null, null);
            return true;
        }
        VmStatus.parse(answer.get("status")).ifPresent(status ->
                report(op.vmId(), "resynVm", "0", status.code(), null));
        return false;
    }

    /** A migration or move is done once the VM, settled, is on the host it was sent to. */
    private boolean onTargetHost(Operation op) {
        String target = op.payload() == null ? null : json.readValue(op.payload(), VmOperationPayload.class).hostId();
        List<VmSummary> found = platform.call(c -> c.searchVmList(Map.of("vmId", op.vmId())));
        if (found.isEmpty() || found.get(0).status() < 0) {
            return false;
        }
        VmSummary vm = found.get(0);
        report(op.vmId(), "resynVm", "0", vm.status(), vm.hostId());
        return target != null && target.equals(vm.hostId()) && vm.status() != VmStatus.MIGRATING.code();
    }

    /**
     * A snapshot is taken once the VM has one made since the operation was sent (the platform's
     * time has whole seconds), deleted once the VM no longer has it; an unknown VM confirms nothing.
     */
    private boolean snapshotShowsIt(Operation op) {
        List<SnapshotInfo> snaps;
        try {
            snaps = platform.call(c -> c.getVmSnaps(op.vmId()));
        } catch (Vsip4xProtocolException e) {
            return false;
        }
        if (op.kind() == OperationKind.DELETE_SNAP) {
            String snapId = json.readValue(op.payload(), StoragePayload.class).snapId();
            return snaps.stream().noneMatch(s -> s.snapId().equals(snapId));
        }
        Instant sent = (op.sentAt() == null ? op.createdAt() : op.sentAt()).truncatedTo(ChronoUnit.SECONDS);
        return snaps.stream().anyMatch(s -> s.createdAt() != null && !s.createdAt().isBefore(sent));
    }

    private void report(String vmId, String operation, String code, Integer status, String hostId) {
        tx.executeWithoutResult(s ->
                events.publishEvent(new VmStateReported(vmId, operation, code, status, hostId, 0)));
    }
}

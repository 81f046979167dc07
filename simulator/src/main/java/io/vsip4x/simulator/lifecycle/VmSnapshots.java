package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.state.PendingOperation;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import io.vsip4x.simulator.state.VmSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code createSnap}, {@code deleteSnap} and {@code restoreSnap}, asynchronous as the spec marks
 * them (异步实现): accepted under the state's monitor with the VM locked by a pending operation,
 * finished after their delay with an event whose {@code detail} names the {@code snapId}. The
 * spec gives them no codes of their own: they end in 9003 (operation succeeded) or 9004
 * (operation failed), and an unknown snapshot is refused with 2003.
 */
public final class VmSnapshots implements OperationFinisher {

    /** The SDK method taking a snapshot. */
    public static final String CREATE = "createSnap";
    /** The SDK method deleting a snapshot. */
    public static final String DELETE = "deleteSnap";
    /** The SDK method reverting a VM to a snapshot. */
    public static final String RESTORE = "restoreSnap";
    /** The key of the snapshot id in a pending operation's arguments and in an event's detail. */
    public static final String SNAP_ID = "snapId";

    private static final Logger log = LoggerFactory.getLogger(VmSnapshots.class);
    private static final String OK = "0";
    private static final String INVALID = "2003";
    private static final String NO_VM = "2004";
    private static final String NOT_STOPPED = "2049";
    private static final String BUSY = "2052";
    private static final String SUCCEEDED = "9003";
    private static final String FAILED = "9004";
    private static final int STOPPED = 0;
    private static final int RUNNING = 1;

    private final VmLifecycle lifecycle;
    private final PlatformState state;

    public VmSnapshots(VmLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.state = lifecycle.state();
    }

    /**
     * Accepts a snapshot of VM {@code vmId}'s disks: {@code "0"}, or 2004 (no such VM), 2052
     * (an operation is in flight, or the VM is neither stopped nor running). The snapshot
     * exists once the operation finishes.
     */
    public String create(String vmId, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admit(CREATE, vmId, "snap-" + UUID.randomUUID().toString().substring(0, 8), callbackUrl);
        }
        return lifecycle.reported(code, CREATE, vmId);
    }

    /**
     * Accepts the deletion of snapshot {@code snapId} of VM {@code vmId}: {@code "0"}, or 2004,
     * 2003 (no such snapshot of that VM), 2052 (an operation is in flight).
     */
    public String delete(String vmId, String snapId, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admit(DELETE, vmId, snapId, callbackUrl);
        }
        return lifecycle.reported(code, DELETE, vmId);
    }

    /**
     * Accepts reverting VM {@code vmId} to its snapshot {@code snapId}: {@code "0"}, or 2004,
     * 2003 (no such snapshot of that VM), 2052 (an operation is in flight), 2049 (the VM is not
     * stopped: the spec does not say, but a disk snapshot is not reverted under a running guest).
     */
    public String restore(String vmId, String snapId, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admit(RESTORE, vmId, snapId, callbackUrl);
        }
        return lifecycle.reported(code, RESTORE, vmId);
    }

    private String admit(String operation, String vmId, String snapId, String callbackUrl) {
        String refused = refusal(operation, state.vm(vmId), snapId);
        if (refused != null) {
            return refused;
        }
        Vm vm = state.vm(vmId).orElseThrow();
        PendingOperation pending = new PendingOperation(UUID.randomUUID().toString(), operation,
                lifecycle.dueAt(operation), callbackUrl, null, Map.of(SNAP_ID, snapId));
        Vm locked = vm.withPending(pending);
        state.put(locked);
        lifecycle.schedule(locked);
        log.debug("Accepted {} of VM '{}', snapshot '{}'", operation, vmId, snapId);
        return OK;
    }

    /** The code refusing {@code operation} now, or {@code null} when it can be accepted. */
    private String refusal(String operation, Optional<Vm> found, String snapId) {
        if (found.isEmpty()) {
            return NO_VM;
        }
        Vm vm = found.get();
        if (vm.busy()) {
            return BUSY;
        }
        if (CREATE.equals(operation)) {
            return vm.status() == STOPPED || vm.status() == RUNNING ? null : BUSY;
        }
        if (state.vmSnapshot(snapId).filter(snap -> snap.vmId().equals(vm.vmId())).isEmpty()) {
            return INVALID;
        }
        if (RESTORE.equals(operation) && vm.status() != STOPPED) {
            return NOT_STOPPED;
        }
        return null;
    }


    /**
     * Finishes {@code vm}'s pending snapshot operation; called under the state's monitor. A
     * failed one changes nothing.
     *
     * @return whether it was one of this class
     */
    @Override
    public boolean finish(Vm vm, boolean fail) {
        PendingOperation operation = vm.pending();
        String name = operation.operation();
        if (!CREATE.equals(name) && !DELETE.equals(name) && !RESTORE.equals(name)) {
            return false;
        }
        String snapId = operation.args().get(SNAP_ID);
        Vm done = vm.withPending(null);
        state.put(done);
        if (!fail && CREATE.equals(name)) {
            state.put(new VmSnapshot(snapId, vm.vmId(), Instant.now()));
        } else if (!fail && DELETE.equals(name)) {
            state.removeVmSnapshot(snapId);
        }
        lifecycle.emit(done, name, fail ? FAILED : SUCCEEDED, operation.callbackUrl(), Map.of(SNAP_ID, snapId));
        log.debug("Finished {} of VM '{}', snapshot '{}'{}", name, vm.vmId(), snapId, fail ? " (failed)" : "");
        return true;
    }
}

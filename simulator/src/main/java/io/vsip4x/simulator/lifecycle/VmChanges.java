package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.state.PendingOperation;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deleteVm}, {@code deleteVmBatch} and {@code modifyVm}: accepts them under the state's
 * monitor, as {@link VmLifecycle} does the power operations, and finishes them after the power
 * delay with their completion events.
 */
public final class VmChanges implements OperationFinisher {

    /** The SDK method deleting one VM. */
    public static final String DELETE = "deleteVm";
    /** The SDK method deleting several VMs. */
    public static final String DELETE_BATCH = "deleteVmBatch";
    /** The SDK method resizing a VM. */
    public static final String MODIFY = "modifyVm";

    private static final Logger log = LoggerFactory.getLogger(VmChanges.class);
    private static final String OK = "0";
    private static final String NO_ROOM = "2002";
    private static final String INVALID = "2003";
    private static final String NO_VM = "2004";
    private static final String DELETED = "2014";
    private static final String MODIFIED = "2017";
    private static final String DELETE_FAILED = "2044";
    private static final String NOT_STOPPED = "2049";
    private static final String BUSY = "2052";
    private static final String MODIFY_FAILED = "2063";
    private static final int STOPPED = 0;
    private static final int RUNNING = 1;
    private static final int CHANGING = 2;
    private static final int ERASING = 11;

    private final VmLifecycle lifecycle;
    private final PlatformState state;
    private final Capacity capacity;

    VmChanges(VmLifecycle lifecycle, PlatformState state, Capacity capacity) {
        this.lifecycle = lifecycle;
        this.state = state;
        this.capacity = capacity;
    }

    /**
     * Accepts the deletion of every VM of {@code vmIds}, or none: {@code "0"}, or the first
     * refusal: 2003 (empty list or an id twice), 2004 (no such VM), 2052 (an operation is in
     * flight), 2049 (not stopped). With {@code secureErase} the VMs show status 11 meanwhile.
     *
     * @param operation {@link #DELETE} or {@link #DELETE_BATCH}, named in the events
     */
    public String delete(String operation, List<String> vmIds, boolean secureErase, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admitDelete(operation, vmIds, secureErase, callbackUrl);
        }
        return lifecycle.reported(code, operation, vmIds);
    }

    private String admitDelete(String operation, List<String> vmIds, boolean secureErase, String callbackUrl) {
        Set<String> seen = new HashSet<>();
        if (vmIds.isEmpty() || !vmIds.stream().allMatch(seen::add)) {
            return INVALID;
        }
        for (String vmId : vmIds) {
            String refused = deleteRefusal(state.vm(vmId));
            if (refused != null) {
                return refused;
            }
        }
        for (String vmId : vmIds) {
            Vm vm = state.vm(vmId).orElseThrow();
            Vm pending = vm.withStatus(secureErase ? ERASING : vm.status())
                    .withPending(pending(operation, callbackUrl, vm));
            state.put(pending);
            lifecycle.schedule(pending);
        }
        log.debug("Accepted {} of {}", operation, vmIds);
        return OK;
    }

    private static String deleteRefusal(Optional<Vm> found) {
        if (found.isEmpty()) {
            return NO_VM;
        }
        if (found.get().busy()) {
            return BUSY;
        }
        return found.get().status() == STOPPED ? null : NOT_STOPPED;
    }

    /**
     * Accepts {@code resize}: {@code "0"}, with the VM in status 2 holding its new size, or 2004
     * (no such VM), 2052 (an operation is in flight, or the VM is neither stopped nor running),
     * 2003 (the disk would shrink), 2002 (its host or pool lacks the room).
     */
    public String modify(Resize resize, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admitModify(resize, callbackUrl);
        }
        return lifecycle.reported(code, MODIFY, List.of(resize.vmId()));
    }

    private String admitModify(Resize resize, String callbackUrl) {
        String refused = modifyRefusal(resize);
        if (refused != null) {
            return refused;
        }
        Vm vm = state.vm(resize.vmId()).orElseThrow();
        Shape shape = resize.applyTo(vm);
        Vm pending = vm.withSize(shape.cpu(), shape.memoryBytes(), shape.diskBytes()).withStatus(CHANGING)
                .withPending(pending(MODIFY, callbackUrl, vm));
        state.put(pending);
        lifecycle.schedule(pending);
        log.debug("Accepted modifyVm of VM '{}' to {}", vm.vmId(), shape);
        return OK;
    }

    /** The code refusing {@code resize} now, or {@code null} when it can be accepted. */
    private String modifyRefusal(Resize resize) {
        Optional<Vm> found = state.vm(resize.vmId());
        if (found.isEmpty()) {
            return NO_VM;
        }
        Vm vm = found.get();
        if (vm.busy() || (vm.status() != STOPPED && vm.status() != RUNNING)) {
            return BUSY;
        }
        return roomRefusal(resize);
    }

    /**
     * Whether the VM's host and pool have room for {@code resize}, whatever the VM is doing:
     * {@code null} when they have, else 2004 (no such VM), 2003 (the disk would shrink) or
     * 2002 (no room).
     */
    public String roomRefusal(Resize resize) {
        synchronized (state) {
            Optional<Vm> found = state.vm(resize.vmId());
            if (found.isEmpty()) {
                return NO_VM;
            }
            Vm vm = found.get();
            if (resize.shrinksDisk(vm)) {
                return INVALID;
            }
            boolean room = !state.capacityExhausted(vm.poolId())
                    && capacity.resizes(vm, resize.applyTo(vm), state.vms());
            return room ? null : NO_ROOM;
        }
    }

    private PendingOperation pending(String operation, String callbackUrl, Vm before) {
        return new PendingOperation(UUID.randomUUID().toString(), operation, lifecycle.dueAt(operation),
                callbackUrl, before.withPending(null));
    }


    /**
     * Finishes {@code vm}'s pending operation when it is one of this class; called under the
     * state's monitor.
     *
     * @return whether it was one of this class
     */
    @Override
    public boolean finish(Vm vm, boolean fail) {
        PendingOperation operation = vm.pending();
        String name = operation.operation();
        if (DELETE.equals(name) || DELETE_BATCH.equals(name)) {
            finishDelete(vm, operation, fail);
            return true;
        }
        if (MODIFY.equals(name)) {
            finishModify(vm, operation, fail);
            return true;
        }
        return false;
    }

    private void finishDelete(Vm vm, PendingOperation operation, boolean fail) {
        if (fail) {
            Vm kept = vm.withStatus(STOPPED).withPending(null);
            state.put(kept);
            lifecycle.emit(kept, operation.operation(), DELETE_FAILED, operation.callbackUrl());
            return;
        }
        state.remove(vm.vmId());
        lifecycle.emit(vm, operation.operation(), DELETED, null, operation.callbackUrl());
        log.debug("Deleted VM '{}'", vm.vmId());
    }

    private void finishModify(Vm vm, PendingOperation operation, boolean fail) {
        Vm before = operation.before();
        Vm done = fail ? before : vm.withStatus(before.status()).withPending(null);
        state.put(done);
        lifecycle.emit(done, MODIFY, fail ? MODIFY_FAILED : MODIFIED, operation.callbackUrl());
        log.debug("Finished modifyVm of VM '{}': {} vCPU, {} B memory", vm.vmId(), done.cpu(), done.memoryBytes());
    }
}

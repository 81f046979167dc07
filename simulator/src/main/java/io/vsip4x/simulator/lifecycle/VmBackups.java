package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.state.PendingOperation;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import io.vsip4x.simulator.state.VmBackup;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backupVm} and {@code restoreVm} (queued, 排队实现) and {@code deleteBackup}
 * (asynchronous): accepted under the state's monitor with the VM locked by a pending operation,
 * so that every other operation on it is refused with 2052 as the spec's constraints ask, and
 * finished after their delay with an event; the VM is unlocked then. A finished backup takes its
 * size from its pool's free storage and is reported in the event's {@code detail} (backupId,
 * backupName, backupSize, backupTime), as the spec has no method listing backups (catalog A23).
 */
public final class VmBackups implements OperationFinisher {

    /** The SDK method backing a VM up. */
    public static final String BACKUP = "backupVm";
    /** The SDK method restoring a VM from a backup. */
    public static final String RESTORE = "restoreVm";
    /** The SDK method deleting a backup. */
    public static final String DELETE = "deleteBackup";

    private static final Logger log = LoggerFactory.getLogger(VmBackups.class);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String OK = "0";
    private static final String NO_ROOM = "2002";
    private static final String INVALID = "2003";
    private static final String NO_VM = "2004";
    private static final String BACKED_UP = "2015";
    private static final String RESTORED = "2016";
    private static final String WRONG_HOST = "2046";
    private static final String NOT_STOPPED = "2049";
    private static final String NOT_RUNNING = "2050";
    private static final String BUSY = "2052";
    private static final String NO_BACKUP = "2057";
    private static final String BACKUP_FAILED = "2058";
    private static final String RESTORE_FAILED = "2059";
    private static final String NO_POOL = "4020";
    private static final String SUCCEEDED = "9003";
    private static final String FAILED = "9004";
    private static final int STOPPED = 0;
    private static final int RUNNING = 1;
    private static final int BACKING_UP = 8;
    private static final int RESTORING = 9;
    private static final int BACKING_UP_ONLINE = 12;

    private final VmLifecycle lifecycle;
    private final Inventory inventory;
    private final PlatformState state;

    public VmBackups(VmLifecycle lifecycle, Inventory inventory) {
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.state = lifecycle.state();
    }

    /**
     * Accepts {@code order}: {@code "0"}, with the VM in status 8 (stopped VM) or 12 (running VM,
     * online backup), or 2004 (no such VM), 2052 (an operation is in flight, or the VM is neither
     * stopped nor running), 2050 (a memory snapshot of a VM not running), 2058 (its pool lacks
     * the storage for the backup).
     */
    public String backup(BackupOrder order, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admitBackup(order, callbackUrl);
        }
        return lifecycle.reported(code, BACKUP, order.vmId());
    }

    private String admitBackup(BackupOrder order, String callbackUrl) {
        Optional<Vm> found = state.vm(order.vmId());
        if (found.isEmpty()) {
            return NO_VM;
        }
        Vm vm = found.get();
        if (vm.busy() || (vm.status() != STOPPED && vm.status() != RUNNING)) {
            return BUSY;
        }
        if (order.memorySnapshot() && vm.status() != RUNNING) {
            return NOT_RUNNING;
        }
        long size = vm.diskBytes() + (order.memorySnapshot() ? vm.memoryBytes() : 0);
        if (!room(vm.poolId(), size)) {
            return BACKUP_FAILED;
        }
        Map<String, String> args = new LinkedHashMap<>();
        args.put("backupId", "bk-" + UUID.randomUUID().toString().substring(0, 8));
        args.put("description", order.description());
        args.put("memorySnapshot", Boolean.toString(order.memorySnapshot()));
        args.put("checksum", Boolean.toString(order.checksum()));
        args.put("size", Long.toString(size));
        int status = vm.status() == RUNNING ? BACKING_UP_ONLINE : BACKING_UP;
        lock(vm.withStatus(status), BACKUP, callbackUrl, vm, args);
        return OK;
    }

    /**
     * Accepts {@code order}: {@code "0"}, with the VM in status 9 and already placed where it is
     * restored to, or 2003 (checksum verification of a backup made without checksum data), 2004
     * (no such VM), 2057 (no such backup of that VM), 2052 (an operation is in flight), 2049 (the
     * VM is not stopped), 4020 (unknown pool), 2046 (unknown host, or one outside the pool), 2002
     * (no room there).
     */
    public String restore(RestoreOrder order, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admitRestore(order, callbackUrl);
        }
        return lifecycle.reported(code, RESTORE, order.vmId());
    }

    private String admitRestore(RestoreOrder order, String callbackUrl) {
        Optional<Vm> found = state.vm(order.vmId());
        String refused = backupRefusal(found, order.backupId());
        if (refused != null) {
            return refused;
        }
        Vm vm = found.get();
        if (vm.status() != STOPPED) {
            return NOT_STOPPED;
        }
        if (order.checksum() && !state.vmBackup(order.backupId()).orElseThrow().checksum()) {
            return INVALID;
        }
        Optional<Pool> pool = order.poolId() == null ? poolOfHost(order.hostId(), vm)
                : inventory.pool(order.poolId());
        if (pool.isEmpty()) {
            return order.poolId() == null ? WRONG_HOST : NO_POOL;
        }
        Optional<Host> host = order.hostId() == null ? Optional.empty() : inventory.host(order.hostId());
        if (order.hostId() != null && host.filter(h -> h.poolId().equals(pool.get().id())).isEmpty()) {
            return WRONG_HOST;
        }
        Optional<String> target = placement(vm, pool.get(), order.hostId());
        if (target.isEmpty()) {
            return NO_ROOM;
        }
        Vm moved = vm.withPlacement(pool.get().id(), target.get()).withStatus(RESTORING);
        lock(moved, RESTORE, callbackUrl, vm, Map.of("backupId", order.backupId()));
        return OK;
    }

    /** The pool of host {@code hostId}, or {@code vm}'s own when {@code null}; empty for an unknown host. */
    private Optional<Pool> poolOfHost(String hostId, Vm vm) {
        if (hostId == null) {
            return inventory.pool(vm.poolId());
        }
        return inventory.host(hostId).flatMap(h -> inventory.pool(h.poolId()));
    }

    /** The host {@code vm} is restored onto in {@code pool}: where it is, or one with room. */
    private Optional<String> placement(Vm vm, Pool pool, String hostId) {
        boolean stays = pool.id().equals(vm.poolId()) && (hostId == null || hostId.equals(vm.hostId()));
        if (!stays && state.capacityExhausted(pool.id())) {
            return Optional.empty();
        }
        if (stays) {
            return Optional.of(vm.hostId());
        }
        List<Vm> others = state.vms().stream().filter(v -> !v.vmId().equals(vm.vmId())).toList();
        Shape shape = new Shape(vm.cpu(), vm.memoryBytes(), vm.diskBytes());
        return lifecycle.capacity().place(pool, shape, 1, hostId, others).map(hosts -> hosts.get(0).id());
    }

    /**
     * Accepts the deletion of backup {@code backupId} of VM {@code vmId}: {@code "0"}, or 2004
     * (no such VM), 2057 (no such backup of that VM), 2052 (an operation is in flight).
     */
    public String delete(String vmId, String backupId, String callbackUrl) {
        String code;
        synchronized (state) {
            Optional<Vm> found = state.vm(vmId);
            code = backupRefusal(found, backupId);
            if (code == null) {
                lock(found.get(), DELETE, callbackUrl, null, Map.of("backupId", backupId));
                code = OK;
            }
        }
        return lifecycle.reported(code, DELETE, vmId);
    }

    private String backupRefusal(Optional<Vm> found, String backupId) {
        if (found.isEmpty()) {
            return NO_VM;
        }
        if (state.vmBackup(backupId).filter(b -> b.vmId().equals(found.get().vmId())).isEmpty()) {
            return NO_BACKUP;
        }
        return found.get().busy() ? BUSY : null;
    }

    private void lock(Vm vm, String operation, String callbackUrl, Vm before, Map<String, String> args) {
        PendingOperation pending = new PendingOperation(UUID.randomUUID().toString(), operation,
                lifecycle.dueAt(operation), callbackUrl, before == null ? null : before.withPending(null), args);
        Vm locked = vm.withPending(pending);
        state.put(locked);
        lifecycle.schedule(locked);
        log.debug("Accepted {} of VM '{}'", operation, vm.vmId());
    }

    private boolean room(String poolId, long size) {
        return inventory.pool(poolId).map(pool -> Capacity.storageLeft(pool, state.vms(), state) >= size)
                .orElse(false);
    }


    /**
     * Finishes {@code vm}'s pending backup operation; called under the state's monitor. A failed
     * one leaves everything as it was before the call.
     *
     * @return whether it was one of this class
     */
    @Override
    public boolean finish(Vm vm, boolean fail) {
        PendingOperation operation = vm.pending();
        switch (operation.operation()) {
            case BACKUP -> finishBackup(vm, operation, fail);
            case RESTORE -> finishRestore(vm, operation, fail);
            case DELETE -> finishDelete(vm, operation, fail);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void finishBackup(Vm vm, PendingOperation operation, boolean fail) {
        Map<String, String> args = operation.args();
        long size = Long.parseLong(args.get("size"));
        Vm done = operation.before();
        state.put(done);
        if (fail || !room(vm.poolId(), size)) {
            lifecycle.emit(done, BACKUP, BACKUP_FAILED, operation.callbackUrl(), Map.of());
            log.info("Backup of VM '{}' failed", vm.vmId());
            return;
        }
        Instant now = Instant.now();
        VmBackup backup = new VmBackup(args.get("backupId"), vm.vmId(), vm.vmId() + "-" + NAME_TIME.format(now),
                vm.poolId(), size, args.get("description"), Boolean.parseBoolean(args.get("memorySnapshot")),
                Boolean.parseBoolean(args.get("checksum")), now);
        state.put(backup);
        lifecycle.emit(done, BACKUP, BACKED_UP, operation.callbackUrl(), detail(backup));
        log.debug("Backed up VM '{}' as '{}'", vm.vmId(), backup.backupId());
    }

    private static Map<String, String> detail(VmBackup backup) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("backupId", backup.backupId());
        detail.put("backupName", backup.name());
        detail.put("backupSize", Long.toString(backup.sizeBytes()));
        detail.put("backupTime", backup.createdAt().toString());
        detail.put("description", backup.description());
        detail.put("memorySnapshot", Boolean.toString(backup.memorySnapshot()));
        detail.put("checksum", Boolean.toString(backup.checksum()));
        return detail;
    }

    private void finishRestore(Vm vm, PendingOperation operation, boolean fail) {
        Vm done = fail ? operation.before() : vm.withStatus(STOPPED).withPending(null);
        state.put(done);
        lifecycle.emit(done, RESTORE, fail ? RESTORE_FAILED : RESTORED, operation.callbackUrl(), operation.args());
        log.debug("Finished restoreVm of VM '{}' on host '{}'{}", vm.vmId(), done.hostId(), fail ? " (failed)" : "");
    }

    private void finishDelete(Vm vm, PendingOperation operation, boolean fail) {
        Vm done = vm.withPending(null);
        state.put(done);
        if (!fail) {
            state.removeVmBackup(operation.args().get("backupId"));
        }
        lifecycle.emit(done, DELETE, fail ? FAILED : SUCCEEDED, operation.callbackUrl(), operation.args());
    }
}

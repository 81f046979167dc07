package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.state.PendingOperation;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrateVm} (another host of the VM's pool) and {@code moveVm} (a host of any pool,
 * catalog A57), both asynchronous: accepted under the state's monitor, the VM in status 7
 * (migrating) holding its room on the target host already, and finished after their delay with
 * 2018 and the new host, or with 2069 back where it was.
 */
public final class VmPlacement implements OperationFinisher {

    /** The SDK method moving a VM to another host of its pool. */
    public static final String MIGRATE = "migrateVm";
    /** The SDK method moving a VM to a host of another pool. */
    public static final String MOVE = "moveVm";

    private static final Logger log = LoggerFactory.getLogger(VmPlacement.class);
    private static final String OK = "0";
    private static final String NO_ROOM = "2002";
    private static final String INVALID = "2003";
    private static final String NO_VM = "2004";
    private static final String MIGRATED = "2018";
    private static final String WRONG_HOST = "2046";
    private static final String NOT_STOPPED = "2049";
    private static final String BUSY = "2052";
    private static final String MIGRATION_FAILED = "2069";
    private static final String NO_HOST = "3022";
    private static final String HOST_DOWN = "3023";
    private static final String NO_POOL = "4020";
    private static final int STOPPED = 0;
    private static final int RUNNING = 1;
    private static final int MIGRATING = 7;

    private final VmLifecycle lifecycle;
    private final Inventory inventory;
    private final PlatformState state;

    /** Registers itself with {@code lifecycle} to finish its operations. */
    public VmPlacement(VmLifecycle lifecycle, Inventory inventory) {
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.state = lifecycle.state();
        lifecycle.register(this);
    }

    /**
     * Accepts moving VM {@code vmId}, stopped or running, to host {@code hostId} of its pool:
     * {@code "0"}, or 2004 (no such VM), 2052 (an operation in flight, or neither stopped nor
     * running), 3022 (no such host), 2046 (the host is the VM's own or in another pool), 3023
     * (the host is not running), 2002 (the host lacks the vCPUs or memory).
     */
    public String migrate(String vmId, String hostId, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admitMigrate(vmId, hostId, callbackUrl);
        }
        return lifecycle.reported(code, MIGRATE, "VM '" + vmId + "' to host '" + hostId + "'");
    }

    private String admitMigrate(String vmId, String hostId, String callbackUrl) {
        Optional<Vm> found = state.vm(vmId);
        if (found.isEmpty()) {
            return NO_VM;
        }
        Vm vm = found.get();
        if (vm.busy() || vm.status() != STOPPED && vm.status() != RUNNING) {
            return BUSY;
        }
        Optional<Host> host = inventory.host(hostId);
        if (host.isEmpty()) {
            return NO_HOST;
        }
        if (!host.get().poolId().equals(vm.poolId()) || host.get().id().equals(vm.hostId())) {
            return WRONG_HOST;
        }
        String refused = hostRefusal(vm, host.get());
        if (refused != null) {
            return refused;
        }
        accept(MIGRATE, vm, vm.poolId(), host.get().id(), callbackUrl);
        return OK;
    }

    /**
     * Accepts moving stopped VM {@code vmId} with its disk to host {@code hostId} of pool
     * {@code poolRef} (id or name): {@code "0"}, or 2004 (no such VM), 2052 (an operation in
     * flight, or a data disk mounted while the pool changes), 2049 (not stopped), 4020 (no such
     * pool), 3022 (no such host), 2046 (the host is in another pool, or is where the VM is
     * already), 3023 (the host is not running), 2003 (a NIC's network is not in the pool), 2002
     * (no room on the host or in the pool's storage).
     */
    public String move(String vmId, String hostId, String poolRef, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admitMove(vmId, hostId, poolRef, callbackUrl);
        }
        return lifecycle.reported(code, MOVE, "VM '" + vmId + "' to host '" + hostId + "'");
    }

    private String admitMove(String vmId, String hostId, String poolRef, String callbackUrl) {
        Optional<Vm> found = state.vm(vmId);
        if (found.isEmpty()) {
            return NO_VM;
        }
        Vm vm = found.get();
        if (vm.busy()) {
            return BUSY;
        }
        if (vm.status() != STOPPED) {
            return NOT_STOPPED;
        }
        Optional<Pool> pool = inventory.pool(poolRef);
        if (pool.isEmpty()) {
            return NO_POOL;
        }
        Optional<Host> host = inventory.host(hostId);
        if (host.isEmpty()) {
            return NO_HOST;
        }
        String refused = moveRefusal(vm, pool.get(), host.get());
        if (refused != null) {
            return refused;
        }
        accept(MOVE, vm, pool.get().id(), host.get().id(), callbackUrl);
        return OK;
    }

    /** The code refusing to move {@code vm} to {@code host} of {@code pool}, or {@code null}. */
    private String moveRefusal(Vm vm, Pool pool, Host host) {
        boolean samePool = pool.id().equals(vm.poolId());
        if (!host.poolId().equals(pool.id()) || samePool && host.id().equals(vm.hostId())) {
            return WRONG_HOST;
        }
        boolean foreignNetwork = vm.nics().stream()
                .anyMatch(nic -> inventory.network(nic.network()).filter(n -> n.availableIn(pool.id())).isEmpty());
        if (foreignNetwork) {
            return INVALID;
        }
        boolean mounted = state.dataDisks().stream().anyMatch(disk -> vm.vmId().equals(disk.vmId()));
        if (mounted && !samePool) {
            return BUSY;
        }
        if (!pool.schedulable() || state.capacityExhausted(pool.id())) {
            return NO_ROOM;
        }
        String refused = hostRefusal(vm, host);
        if (refused != null) {
            return refused;
        }
        List<Vm> others = others(vm);
        boolean storage = samePool || Capacity.storageLeft(pool, others, state) >= vm.diskBytes();
        return storage ? null : NO_ROOM;
    }

    /** 3023 when {@code host} is not running, 2002 when it lacks room for {@code vm}, else {@code null}. */
    private String hostRefusal(Vm vm, Host host) {
        if (!state.online(host)) {
            return HOST_DOWN;
        }
        Shape shape = new Shape(vm.cpu(), vm.memoryBytes(), vm.diskBytes());
        return lifecycle.capacity().hostFits(host, shape, others(vm)) ? null : NO_ROOM;
    }

    private List<Vm> others(Vm vm) {
        return state.vms().stream().filter(v -> !v.vmId().equals(vm.vmId())).toList();
    }

    private void accept(String operation, Vm vm, String poolId, String hostId, String callbackUrl) {
        PendingOperation pending = new PendingOperation(UUID.randomUUID().toString(), operation,
                lifecycle.dueAt(operation), callbackUrl, vm.withPending(null));
        Vm moving = vm.withPlacement(poolId, hostId).withStatus(MIGRATING).withPending(pending);
        state.put(moving);
        lifecycle.schedule(moving);
        log.debug("Accepted {} of VM '{}' to host '{}' of pool '{}'", operation, vm.vmId(), hostId, poolId);
    }


    /**
     * Finishes a migration or move: the VM keeps its new place and gets its earlier status
     * back (2018), or, made to fail, goes back to its earlier place and status (2069).
     */
    @Override
    public boolean finish(Vm vm, boolean fail) {
        PendingOperation operation = vm.pending();
        String name = operation.operation();
        if (!MIGRATE.equals(name) && !MOVE.equals(name)) {
            return false;
        }
        Vm before = operation.before();
        Vm done = fail ? before : vm.withStatus(before.status()).withPending(null);
        state.put(done);
        lifecycle.emit(done, name, fail ? MIGRATION_FAILED : MIGRATED, operation.callbackUrl());
        log.debug("Finished {} of VM '{}': on host '{}'", name, vm.vmId(), done.hostId());
        return true;
    }
}

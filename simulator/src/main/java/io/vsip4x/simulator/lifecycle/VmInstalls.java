package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Image;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.state.PendingOperation;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code installVm}, queued like {@code createVm}: the VM appears in status 6 (creating) with a
 * first event, is placed on the roomiest running host of its pool, and after its delay becomes
 * stopped (status 0, result 0), or, made to fail, disappears (2000).
 */
public final class VmInstalls implements OperationFinisher {

    /** The SDK method installing a VM from an image. */
    public static final String INSTALL = "installVm";

    private static final Logger log = LoggerFactory.getLogger(VmInstalls.class);
    private static final String OK = "0";
    private static final String CREATE_FAILED = "2000";
    private static final String DUPLICATE_ID = "2001";
    private static final String NO_ROOM = "2002";
    private static final String INVALID = "2003";
    private static final String NO_IMAGE = "2062";
    private static final String NO_POOL = "4020";
    private static final int STOPPED = 0;

    private final VmLifecycle lifecycle;
    private final Inventory inventory;
    private final PlatformState state;

    /** Registers itself with {@code lifecycle} to finish its operations. */
    public VmInstalls(VmLifecycle lifecycle, Inventory inventory) {
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.state = lifecycle.state();
        lifecycle.register(this);
    }

    /**
     * Accepts {@code order}: {@code "0"}, with the VM in status 6 and its event queued, or 4020
     * (no such pool), 2062 (no such image in the pool), 2003 (a NIC's network is not in the
     * pool), 2001 (the id is taken), 2002 (no room).
     */
    public String install(InstallOrder order, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admit(order, callbackUrl);
        }
        if (OK.equals(code)) {
            lifecycle.changed();
        } else {
            log.info("Refused installVm of VM '{}' in pool '{}' with code {}", Logs.safe(order.vmId()),
                    Logs.safe(order.pool()), code);
        }
        return code;
    }

    private String admit(InstallOrder order, String callbackUrl) {
        Optional<Pool> found = inventory.pool(order.pool());
        if (found.isEmpty()) {
            return NO_POOL;
        }
        Pool pool = found.get();
        String refused = refusal(order, pool);
        if (refused != null) {
            return refused;
        }
        Optional<List<Host>> hosts = lifecycle.capacity().place(pool, order.shape(), 1, null, state.vms());
        if (hosts.isEmpty()) {
            return NO_ROOM;
        }

        Instant dueAt = lifecycle.dueAt(INSTALL);
        CreateOrder asCreate = new CreateOrder(null, pool.id(), null, order.shape(), List.of(order.vmId()),
                List.of(order.nics()), order.encryption());
        Vm built = new NewVms(inventory, state.vms()).build(asCreate, pool.id(), hosts.get(), dueAt, callbackUrl)
                .get(0);
        PendingOperation installing = new PendingOperation(UUID.randomUUID().toString(), INSTALL, dueAt,
                callbackUrl);
        String password = order.vncPassword() == null ? built.vncPassword() : order.vncPassword();
        Vm vm = new Vm(built.vmId(), built.vmName(), built.uuid(), built.status(), built.poolId(), built.hostId(),
                null, built.cpu(), built.memoryBytes(), built.diskBytes(), password, built.encryption(),
                built.nics(), built.createdAt(), installing);
        state.put(vm);
        Image image = image(order.image()).orElseThrow();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("vmOSType", image.type());
        attributes.put("vmOSBits", image.bits());
        attributes.put("osFamily", image.family());
        attributes.putAll(order.attributes());
        attributes.forEach((name, value) -> {
            if (value != null) {
                state.putVmAttribute(vm.vmId(), name, value);
            }
        });
        lifecycle.emit(vm, INSTALL, OK, callbackUrl);
        lifecycle.schedule(vm);
        log.info("Accepted installVm of VM '{}' in pool '{}' from image '{}'", vm.vmId(), pool.id(), order.image());
        return OK;
    }

    /** The code refusing {@code order} in {@code pool} before placement, or {@code null}. */
    private String refusal(InstallOrder order, Pool pool) {
        if (image(order.image()).filter(i -> i.poolId().equals(pool.id())).isEmpty()) {
            return NO_IMAGE;
        }
        boolean badNetwork = order.nics().stream()
                .anyMatch(nic -> inventory.network(nic.network()).filter(n -> n.availableIn(pool.id())).isEmpty());
        if (badNetwork || NicRules.broken(List.of(order.nics()), inventory, state.vms())) {
            return INVALID;
        }
        if (state.vm(order.vmId()).isPresent()) {
            return DUPLICATE_ID;
        }
        return state.capacityExhausted(pool.id()) ? NO_ROOM : null;
    }

    /**
     * The image named {@code ref} by its id, file name or full path. Its OS type, bits and family
     * are the installed VM's unless {@code installVm} names others.
     */
    private Optional<Image> image(String ref) {
        return inventory.images().stream()
                .filter(i -> i.id().equals(ref) || ref.equals(i.name()) || ref.equals(i.fullpath()))
                .findFirst();
    }

    /** Finishes an installation: the VM stops (result 0), or, made to fail, is removed (2000). */
    @Override
    public boolean finish(Vm vm, boolean fail) {
        PendingOperation operation = vm.pending();
        if (!INSTALL.equals(operation.operation())) {
            return false;
        }
        if (fail) {
            state.remove(vm.vmId());
            lifecycle.emit(vm, INSTALL, CREATE_FAILED, null, operation.callbackUrl());
            log.info("Installation of VM '{}' failed on purpose (fault injection)", vm.vmId());
            return true;
        }
        Vm done = vm.withStatus(STOPPED).withPending(null);
        state.put(done);
        lifecycle.emit(done, INSTALL, OK, operation.callbackUrl());
        log.debug("Installed VM '{}' on host '{}'", vm.vmId(), vm.hostId());
        return true;
    }
}

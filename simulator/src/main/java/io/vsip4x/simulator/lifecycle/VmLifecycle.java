package io.vsip4x.simulator.lifecycle;

import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.callback.CallbackDispatcher;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.inventory.Template;
import io.vsip4x.simulator.state.PendingOperation;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts {@code createVm} and the power operations, finishes them (and those of
 * {@link VmChanges}) after their delay, and reports every step as an event. Check-and-change
 * runs under the state's monitor, so two calls cannot both take the last room or both start
 * the same VM.
 */
public final class VmLifecycle {

    /** The SDK method creating VMs. */
    public static final String CREATE = "createVm";

    private static final Logger log = LoggerFactory.getLogger(VmLifecycle.class);
    private static final String OK = "0";
    private static final String CREATE_FAILED = "2000";
    private static final String DUPLICATE_ID = "2001";
    private static final String NO_ROOM = "2002";
    private static final String INVALID = "2003";
    private static final String NO_VM = "2004";
    private static final String NO_TEMPLATE = "2006";
    private static final String WRONG_HOST = "2046";
    private static final String BUSY = "2052";
    private static final String NO_POOL = "4020";
    private static final String HOST_DOWN = "3023";

    private final Inventory inventory;
    private final PlatformState state;
    private final CallbackDispatcher callbacks;
    private final Capacity capacity;
    private final Function<String, Duration> delays;
    private final Runnable onChange;
    private final VmChanges changes;
    private final List<OperationFinisher> finishers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;

    /**
     * @param delays   how long each SDK method (by name) takes to finish
     * @param onChange called, without locks held, after the state changed
     */
    public VmLifecycle(Inventory inventory, PlatformState state, CallbackDispatcher callbacks,
            Function<String, Duration> delays, Runnable onChange) {
        this.inventory = inventory;
        this.state = state;
        this.callbacks = callbacks;
        this.capacity = new Capacity(inventory, state);
        this.delays = delays;
        this.onChange = onChange;
        this.changes = new VmChanges(this, state, capacity);
        this.finishers.add(changes);
    }

    /**
     * Lets {@code finisher} finish the pending operations it owns: when an operation falls due,
     * each registered finisher is asked in turn until one takes it.
     */
    public void register(OperationFinisher finisher) {
        finishers.add(finisher);
    }

    /** When an operation of SDK method {@code method} accepted now falls due. */
    Instant dueAt(String method) {
        return Instant.now().plus(delays.apply(method));
    }

    /** How room for VMs is computed, for the operations of other classes of this package. */
    Capacity capacity() {
        return capacity;
    }

    /** The state this lifecycle changes. */
    PlatformState state() {
        return state;
    }

    /** Called, without locks held, after an accepted operation changed the state. */
    void changed() {
        onChange.run();
    }

    /**
     * Follows up the answer {@code code} to {@code operation} on {@code target}, without locks
     * held: an acceptance saves the state, a refusal is logged.
     *
     * @return {@code code}
     */
    String reported(String code, String operation, Object target) {
        if (OK.equals(code)) {
            onChange.run();
        } else {
            log.info("Refused {} of {} with code {}", operation, Logs.safe(target), code);
        }
        return code;
    }

    /** The templates VMs can be made from, the built ones included. */
    public Templates templates() {
        return new Templates(inventory, state);
    }

    /** Deletion and resizing of VMs, finished by this lifecycle's scheduler. */
    public VmChanges changes() {
        return changes;
    }

    /** Finishes operations with {@code scheduler}, first those pending already. */
    public void attach(ScheduledExecutorService scheduler) {
        synchronized (state) {
            executor = scheduler;
            state.vms().stream().filter(Vm::busy).forEach(this::schedule);
        }
    }

    /** Stops finishing operations; they stay pending until the next {@link #attach}. */
    public void detach() {
        synchronized (state) {
            executor = null;
        }
    }

    /**
     * Accepts {@code order}: {@code "0"}, with its VMs in state 6 and their events queued, or
     * the refusal code (2006 template, 4020 pool, 2003 network, 2046 host, 2001 ids, 2002 room).
     */
    public String create(CreateOrder order, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admit(order, callbackUrl);
        }
        if (OK.equals(code)) {
            onChange.run();
        } else {
            log.info("Refused createVm of {} in pool '{}' with code {}", order.vmIds(), Logs.safe(order.pool()), code);
        }
        return code;
    }

    private String admit(CreateOrder order, String callbackUrl) {
        Optional<Template> template = templates().find(order.templateId());
        Optional<Pool> found = inventory.pool(order.pool());
        if (template.isEmpty()) {
            return NO_TEMPLATE;
        }
        if (found.isEmpty()) {
            return NO_POOL;
        }
        Pool pool = found.get();
        String refused = refusal(order, template.get(), pool);
        if (refused != null) {
            return refused;
        }
        Optional<List<Host>> hosts = capacity.place(pool, order.shape(), order.vmIds().size(), order.hostId(),
                state.vms());
        if (hosts.isEmpty()) {
            return NO_ROOM;
        }

        Instant dueAt = dueAt(CREATE);
        List<Vm> vms = new NewVms(inventory, state.vms()).build(order, pool.id(), hosts.get(), dueAt, callbackUrl);
        for (Vm vm : vms) {
            state.put(vm);
            emit(vm, CREATE, OK, callbackUrl);
            schedule(vm);
        }
        log.info("Accepted createVm of {} in pool '{}'", order.vmIds(), pool.id());
        return OK;
    }

    /** The code refusing {@code order} before placement, or {@code null}. */
    private String refusal(CreateOrder order, Template template, Pool pool) {
        if (!template.availableIn(pool.id())) {
            return NO_TEMPLATE;
        }
        boolean badNetwork = order.nics().stream().flatMap(List::stream)
                .anyMatch(nic -> inventory.network(nic.network()).filter(n -> n.availableIn(pool.id())).isEmpty());
        if (badNetwork || NicRules.broken(order.nics(), inventory, state.vms())) {
            return INVALID;
        }
        if (order.hostId() != null
                && inventory.host(order.hostId()).filter(h -> h.poolId().equals(pool.id())).isEmpty()) {
            return WRONG_HOST;
        }
        Set<String> seen = new HashSet<>();
        boolean duplicate = order.vmIds().stream().anyMatch(id -> !seen.add(id) || state.vm(id).isPresent());
        if (duplicate) {
            return DUPLICATE_ID;
        }
        return state.capacityExhausted(pool.id()) ? NO_ROOM : null;
    }

    /** How many VMs of {@code shape} still fit in {@code pool}; 0 while its room is made exhausted. */
    public long available(Pool pool, Shape shape) {
        synchronized (state) {
            return state.capacityExhausted(pool.id()) ? 0 : capacity.available(pool, shape, state.vms());
        }
    }

    /**
     * Accepts power operation {@code action} on VM {@code vmId}: {@code "0"}, or 2004 (no such
     * VM), 2052 (another operation is in flight), 2049 or 2050 (wrong state).
     */
    public String power(PowerAction action, String vmId, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admit(action, vmId, callbackUrl);
        }
        if (OK.equals(code)) {
            onChange.run();
        } else {
            log.info("Refused {} of VM '{}' with code {}", action.operation(), Logs.safe(vmId), code);
        }
        return code;
    }

    private String admit(PowerAction action, String vmId, String callbackUrl) {
        Optional<Vm> found = state.vm(vmId);
        if (found.isEmpty()) {
            return NO_VM;
        }
        Vm vm = found.get();
        if (vm.busy()) {
            return BUSY;
        }
        if (vm.status() != action.requiredStatus()) {
            return action.wrongStatusCode();
        }
        if (action == PowerAction.START && !hostOnline(vm)) {
            return HOST_DOWN;
        }
        PendingOperation operation = new PendingOperation(UUID.randomUUID().toString(), action.operation(),
                dueAt(action.operation()), callbackUrl);
        Vm pending = vm.withPending(operation);
        state.put(pending);
        schedule(pending);
        log.debug("Accepted {} of VM '{}'", action.operation(), vmId);
        return OK;
    }

    /** Whether the host of {@code vm} runs; a host the inventory does not know does not. */
    private boolean hostOnline(Vm vm) {
        return inventory.host(vm.hostId()).map(state::online).orElse(false);
    }

    /** Finishes operation {@code operationId} of VM {@code vmId}, unless it is no longer pending. */
    void complete(String vmId, String operationId) {
        boolean changed;
        synchronized (state) {
            changed = finish(vmId, operationId);
        }
        if (changed) {
            onChange.run();
        }
    }

    private boolean finish(String vmId, String operationId) {
        Vm vm = state.vm(vmId).orElse(null);
        if (vm == null || !vm.busy() || !vm.pending().id().equals(operationId)) {
            return false;
        }
        PendingOperation operation = vm.pending();
        boolean fail = state.operationFailing(operation.operation());
        if (CREATE.equals(operation.operation())) {
            finishCreate(vm, operation, fail);
            return true;
        }
        for (OperationFinisher finisher : finishers) {
            if (finisher.finish(vm, fail)) {
                return true;
            }
        }
        PowerAction action = PowerAction.of(operation.operation());
        if (action == null) {
            log.warn("VM '{}' had unknown operation '{}' pending; dropping it", vmId, operation.operation());
            state.put(vm.withPending(null));
            return true;
        }
        Vm done = vm.withStatus(fail ? action.failedStatus() : action.targetStatus()).withPending(null);
        state.put(done);
        emit(done, action.operation(), fail ? action.failureCode() : action.successCode(), operation.callbackUrl());
        log.debug("Finished {} of VM '{}': status {}", action.operation(), vmId, done.status());
        return true;
    }

    private void finishCreate(Vm vm, PendingOperation operation, boolean fail) {
        if (fail) {
            state.remove(vm.vmId());
            emit(vm, CREATE, CREATE_FAILED, null, operation.callbackUrl());
            log.info("Creation of VM '{}' failed on purpose (fault injection)", vm.vmId());
            return;
        }
        Vm done = vm.withStatus(0).withPending(null);
        state.put(done);
        emit(done, CREATE, OK, operation.callbackUrl());
        log.debug("Created VM '{}' on host '{}'", vm.vmId(), vm.hostId());
    }

    /** Queues the event reporting {@code vm}'s status. */
    void emit(Vm vm, String operation, String result, String callbackUrl) {
        emit(vm, operation, result, Integer.toString(vm.status()), callbackUrl);
    }

    /** Queues an event of {@code vm} reporting {@code status}; {@code null} when it has none. */
    void emit(Vm vm, String operation, String result, String status, String callbackUrl) {
        emit(vm, operation, result, status, callbackUrl, Map.of());
    }

    /** Queues an event of {@code vm} reporting its status and {@code detail}. */
    void emit(Vm vm, String operation, String result, String callbackUrl, Map<String, String> detail) {
        emit(vm, operation, result, Integer.toString(vm.status()), callbackUrl, detail);
    }

    private void emit(Vm vm, String operation, String result, String status, String callbackUrl,
            Map<String, String> detail) {
        String info = ResultCodes.find(result).map(ResultCode::zh).orElse("");
        CallbackEvent event = new CallbackEvent(UUID.randomUUID().toString(), vm.vmId(), operation, result, info,
                status, vm.hostId(), state.nextSequence(vm.vmId()), Instant.now(), detail);
        callbacks.enqueue(event, callbackUrl);
    }

    /** Finishes {@code vm}'s pending operation when it is due; called under the state's monitor. */
    void schedule(Vm vm) {
        if (executor == null) {
            return;
        }
        PendingOperation operation = vm.pending();
        long delay = Math.max(0, Duration.between(Instant.now(), operation.dueAt()).toMillis());
        try {
            executor.schedule(() -> complete(vm.vmId(), operation.id()), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Simulator stopping; {} of VM '{}' stays pending", operation.operation(), vm.vmId());
        }
    }
}

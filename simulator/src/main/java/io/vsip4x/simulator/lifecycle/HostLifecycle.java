package io.vsip4x.simulator.lifecycle;

import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.callback.CallbackDispatcher;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts {@code startHost} and {@code shutdownHost}, finishes them after their method delay and
 * reports each as a host event: {@code vmId} empty, {@code hostId} set, no {@code status}.
 * Check-and-change runs under the state's monitor. Operations in flight live in memory only:
 * they survive {@code stop()}/{@code start()}, but not the end of the process.
 */
public final class HostLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostLifecycle.class);
    private static final String OK = "0";
    private static final String NO_HOST = "3022";
    private static final String REFUSED = "9004";
    private static final String SEQUENCE_PREFIX = "host:";

    private final Inventory inventory;
    private final PlatformState state;
    private final CallbackDispatcher callbacks;
    private final Function<String, Duration> delays;
    private final Runnable onChange;
    private final Map<String, Pending> pending = new HashMap<>();
    private ScheduledExecutorService executor;

    /** An accepted host operation waiting for its delay. */
    private record Pending(String id, HostPower action, Instant dueAt, String callbackUrl) {
    }

    /**
     * @param delays   how long each SDK method (by name) takes to finish
     * @param onChange called, without locks held, after the state changed
     */
    public HostLifecycle(Inventory inventory, PlatformState state, CallbackDispatcher callbacks,
            Function<String, Duration> delays, Runnable onChange) {
        this.inventory = inventory;
        this.state = state;
        this.callbacks = callbacks;
        this.delays = delays;
        this.onChange = onChange;
    }

    /** Finishes operations with {@code scheduler}, first those pending already. */
    public void attach(ScheduledExecutorService scheduler) {
        synchronized (state) {
            executor = scheduler;
            pending.forEach(this::schedule);
        }
    }

    /** Stops finishing operations; they stay pending until the next {@link #attach}. */
    public void detach() {
        synchronized (state) {
            executor = null;
        }
    }

    /**
     * Accepts {@code action} on host {@code hostId}: {@code "0"}, or the refusal code (3022
     * unknown host; 9004 busy, already running, or shutting down with VMs not stopped on it;
     * 3023 shutting down a host that is not running).
     */
    public String power(HostPower action, String hostId, String callbackUrl) {
        String code;
        synchronized (state) {
            code = admit(action, hostId, callbackUrl);
        }
        if (OK.equals(code)) {
            log.debug("Accepted {} of host '{}'", action.operation(), hostId);
        } else {
            log.info("Refused {} of host '{}' with code {}", action.operation(), Logs.safe(hostId), code);
        }
        return code;
    }

    private String admit(HostPower action, String hostId, String callbackUrl) {
        Optional<Host> found = inventory.host(hostId);
        if (found.isEmpty()) {
            return NO_HOST;
        }
        if (pending.containsKey(hostId)) {
            return REFUSED;
        }
        if (state.online(found.get()) != action.requiredOnline()) {
            return action.wrongStateCode();
        }
        if (action == HostPower.SHUTDOWN && hasActiveVms(hostId)) {
            return REFUSED;
        }
        Instant dueAt = Instant.now().plus(delays.apply(action.operation()));
        Pending operation = new Pending(UUID.randomUUID().toString(), action, dueAt, callbackUrl);
        pending.put(hostId, operation);
        if (action == HostPower.SHUTDOWN) {
            state.setHostStopping(hostId, true);
        }
        schedule(hostId, operation);
        return OK;
    }

    /** Whether a VM on the host is not stopped, or has an operation in flight. */
    private boolean hasActiveVms(String hostId) {
        List<Vm> vms = state.vms();
        return vms.stream().filter(vm -> hostId.equals(vm.hostId())).anyMatch(vm -> vm.busy() || vm.status() != 0);
    }

    private void complete(String hostId, String operationId) {
        synchronized (state) {
            Pending operation = pending.get(hostId);
            if (operation == null || !operation.id().equals(operationId)) {
                return;
            }
            pending.remove(hostId);
            finish(hostId, operation);
        }
        onChange.run();
    }

    private void finish(String hostId, Pending operation) {
        HostPower action = operation.action();
        boolean fail = state.operationFailing(action.operation());
        state.setHostStopping(hostId, false);
        if (!fail) {
            state.setHostOnline(hostId, action == HostPower.START);
        }
        emit(hostId, action.operation(), fail ? action.failureCode() : action.successCode(), operation.callbackUrl());
        log.debug("Finished {} of host '{}'{}", action.operation(), hostId, fail ? " with failure" : "");
    }

    private void emit(String hostId, String operation, String result, String callbackUrl) {
        String info = ResultCodes.find(result).map(ResultCode::zh).orElse("");
        CallbackEvent event = new CallbackEvent(UUID.randomUUID().toString(), "", operation, result, info,
                null, hostId, state.nextSequence(SEQUENCE_PREFIX + hostId), Instant.now());
        callbacks.enqueue(event, callbackUrl);
    }

    /** Finishes {@code operation} when it is due; called under the state's monitor. */
    private void schedule(String hostId, Pending operation) {
        if (executor == null) {
            return;
        }
        long millis = Math.max(0, Duration.between(Instant.now(), operation.dueAt()).toMillis());
        try {
            executor.schedule(() -> complete(hostId, operation.id()), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Simulator stopping; {} of host '{}' stays pending", operation.action().operation(), hostId);
        }
    }
}

package io.vsip4x.simulator.faults;

import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.simulator.state.PlatformState;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults a simulator injects, changed at any time from tests or the admin endpoint. Faults
 * live in memory only: they are not saved to the state file and a new process starts without
 * any. Thread-safe.
 */
public final class Faults {

    /** How many dropped events the view keeps. */
    public static final int DROPPED_KEPT = 1000;

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    private final PlatformState state;
    private final Supplier<Set<String>> methodNames;
    private final Predicate<String> poolExists;
    private final Map<String, MethodFault> methods = new HashMap<>();
    private final Set<String> failingOperations = new HashSet<>();
    private final Set<String> exhaustedPools = new HashSet<>();
    private final Map<CallbackFate, Long> counts = new EnumMap<>(CallbackFate.class);
    private final Deque<DroppedEvent> dropped = new ArrayDeque<>();
    private boolean platformDown;
    private CallbackFaults callbacks = CallbackFaults.none();
    private Random random = new Random(0);

    /**
     * @param state       where failing operations and exhausted pools take effect
     * @param methodNames the canonical names of the served SDK methods
     * @param poolExists  whether a pool id exists
     */
    public Faults(PlatformState state, Supplier<Set<String>> methodNames, Predicate<String> poolExists) {
        this.state = Objects.requireNonNull(state, "state");
        this.methodNames = Objects.requireNonNull(methodNames, "methodNames");
        this.poolExists = Objects.requireNonNull(poolExists, "poolExists");
    }

    /**
     * Makes SDK method {@code method} answer {@code code} instead of running, for the next
     * {@code times} calls or, with {@code null}, until cleared.
     *
     * @throws IllegalArgumentException for a method not served or a code that is not one
     */
    public void answer(String method, String code, Integer times) {
        setMethod(method, MethodFault.answer(code, times));
    }

    /** Makes SDK method {@code method} answer after {@code delay}; see {@link #answer}. */
    public void slow(String method, Duration delay, Integer times) {
        setMethod(method, MethodFault.slow(delay, times));
    }

    /**
     * Makes SDK method {@code method} hold calls for {@code hold} without answering, then close
     * the connection; see {@link #answer}.
     */
    public void silent(String method, Duration hold, Integer times) {
        setMethod(method, MethodFault.silent(hold, times));
    }

    /** Sets {@code fault} on SDK method {@code method}, replacing its earlier one. */
    public synchronized void setMethod(String method, MethodFault fault) {
        requireMethod(method);
        methods.put(method, Objects.requireNonNull(fault, "fault"));
        log.info("SDK method '{}' made to fail with {}", method, fault);
    }

    /** Lets SDK method {@code method} run normally again. */
    public synchronized void clearMethod(String method) {
        methods.remove(method);
    }

    /**
     * The fault for the call of {@code method} being answered now, counting it against the
     * fault's calls; empty when the method runs normally.
     */
    public synchronized Optional<MethodFault> take(String method) {
        MethodFault fault = methods.get(method);
        if (fault == null) {
            return Optional.empty();
        }
        MethodFault rest = fault.used();
        if (rest == null) {
            methods.remove(method);
        } else {
            methods.put(method, rest);
        }
        return Optional.of(fault);
    }

    /** Makes every SDK call answer HTTP 503 ({@code true}) or be served again. */
    public synchronized void platformDown(boolean down) {
        platformDown = down;
        log.info("Platform {}", down ? "made to answer 503" : "up again");
    }

    /** Whether every SDK call answers HTTP 503. */
    public synchronized boolean platformDown() {
        return platformDown;
    }

    /** Applies {@code faults} to the events queued from now on, reseeding the generator. */
    public synchronized void callbacks(CallbackFaults faults) {
        callbacks = Objects.requireNonNull(faults, "faults");
        random = new Random(faults.seed());
    }

    /** The callback faults in force. */
    public synchronized CallbackFaults callbacks() {
        return callbacks;
    }

    /** The fate of {@code event}, being queued now; counted, and kept when dropped. */
    public synchronized CallbackFate fateOf(CallbackEvent event) {
        if (callbacks.inactive()) {
            return CallbackFate.DELIVER;
        }
        CallbackFate fate = callbacks.fate(random.nextDouble());
        if (fate != CallbackFate.DELIVER) {
            counts.merge(fate, 1L, Long::sum);
        }
        if (fate == CallbackFate.DROP) {
            if (dropped.size() == DROPPED_KEPT) {
                dropped.removeFirst();
            }
            dropped.addLast(new DroppedEvent(event.eventId(), event.vmId(), event.hostId(), event.operation(),
                    event.result(), event.sequence()));
        }
        return fate;
    }

    /**
     * Makes asynchronous operation {@code operation} finish with its failure code
     * ({@code true}) or succeed again. The module's README lists the codes; a synchronous
     * method named here is not affected.
     *
     * @throws IllegalArgumentException for a method not served
     */
    public synchronized void failOperation(String operation, boolean failing) {
        requireMethod(operation);
        state.setOperationFailing(operation, failing);
        if (failing) {
            failingOperations.add(operation);
        } else {
            failingOperations.remove(operation);
        }
        log.info("Operation '{}' {}", operation, failing ? "made to fail" : "restored");
    }

    /**
     * Makes pool {@code poolId} report no room ({@code true}) or its real room.
     *
     * @throws IllegalArgumentException for an unknown pool id
     */
    public synchronized void exhaustCapacity(String poolId, boolean exhausted) {
        if (!poolExists.test(poolId)) {
            throw new IllegalArgumentException("No such pool: '" + poolId + "'");
        }
        state.setCapacityExhausted(poolId, exhausted);
        if (exhausted) {
            exhaustedPools.add(poolId);
        } else {
            exhaustedPools.remove(poolId);
        }
        log.info("Capacity of pool '{}' {}", poolId, exhausted ? "made exhausted" : "restored");
    }

    /**
     * Makes {@code getSystemInfo} report licence expiry {@code date}, or the simulator's fixed
     * one again for {@code null}; for tests of licence warnings. Kept by {@link #reset()} and
     * {@link #apply}: a test that sets it puts it back.
     */
    public void licenceExpiry(LocalDate date) {
        state.setLicenceExpiry(date);
        log.info("Licence expiry {}", date == null ? "restored" : "set to " + date);
    }

    /**
     * Checks {@code plan} against the served methods and the pools, then replaces every fault
     * with it; on failure nothing changes. The callback counts are kept.
     *
     * @throws IllegalArgumentException naming the first method, operation or pool not known
     */
    public synchronized void apply(FaultPlan plan) {
        plan.methods().keySet().forEach(this::requireMethod);
        plan.failingOperations().forEach(this::requireMethod);
        for (String pool : plan.exhaustedPools()) {
            if (!poolExists.test(pool)) {
                throw new IllegalArgumentException("No such pool: '" + pool + "'");
            }
        }
        clear();
        methods.putAll(plan.methods());
        platformDown = plan.platformDown();
        callbacks(plan.callbacks());
        plan.failingOperations().forEach(operation -> failOperation(operation, true));
        plan.exhaustedPools().forEach(pool -> exhaustCapacity(pool, true));
        log.info("Faults replaced: {}", plan);
    }

    /** Removes every fault and forgets the callback counts and dropped events. */
    public synchronized void reset() {
        clear();
        counts.clear();
        dropped.clear();
        log.info("Faults reset");
    }

    /** The faults in force and the callback counts. */
    public synchronized FaultsView view() {
        FaultPlan plan = new FaultPlan(methods, platformDown, callbacks, failingOperations, exhaustedPools);
        return new FaultsView(plan, counts, List.copyOf(dropped));
    }

    private void clear() {
        methods.clear();
        platformDown = false;
        callbacks(CallbackFaults.none());
        List.copyOf(failingOperations).forEach(operation -> failOperation(operation, false));
        List.copyOf(exhaustedPools).forEach(pool -> exhaustCapacity(pool, false));
    }

    private void requireMethod(String method) {
        if (method == null || !methodNames.get().contains(method)) {
            throw new IllegalArgumentException("No such SDK method: '" + method + "'");
        }
    }
}

package io.vsip4x.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How long each asynchronous SDK method takes: the configured time, unless a test set another
 * while the simulator runs ({@link Vsip4xSimulator#setMethodDelay}).
 */
final class MethodDelays {

    private final Function<String, Duration> configured;
    private final Supplier<Set<String>> methods;
    private final Map<String, Duration> overrides = new ConcurrentHashMap<>();

    MethodDelays(Function<String, Duration> configured, Supplier<Set<String>> methods) {
        this.configured = configured;
        this.methods = methods;
    }

    /** The time {@code method} takes now. */
    Duration of(String method) {
        Duration override = overrides.get(method);
        return override != null ? override : configured.apply(method);
    }

    /**
     * Makes {@code method} take {@code delay} ({@code null}: its configured time).
     *
     * @throws IllegalArgumentException for a method the simulator does not serve, or a negative delay
     */
    void set(String method, Duration delay) {
        if (!methods.get().contains(method)) {
            throw new IllegalArgumentException("Unknown method: " + method);
        }
        if (delay == null) {
            overrides.remove(method);
        } else if (delay.isNegative()) {
            throw new IllegalArgumentException("Negative delay of " + method + ": " + delay);
        } else {
            overrides.put(method, delay);
        }
    }
}

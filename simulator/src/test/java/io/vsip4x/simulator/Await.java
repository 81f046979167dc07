package io.vsip4x.simulator;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Named waits of the simulator's tests, on Awaitility. */
final class Await {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(10);

    private Await() {
    }

    /**
     * Returns once {@code condition} holds; fails the test after twenty seconds (a bound for a
     * loaded machine, not a duration: the wait ends as soon as the condition holds).
     */
    static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /** Returns once {@code condition} holds; fails the test after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(POLL).until(condition::getAsBoolean);
    }

    /**
     * Checks that {@code condition} stays false for {@code period}: for asserting that
     * something does not happen.
     */
    static void never(String what, Duration period, BooleanSupplier condition) {
        Awaitility.await("never: " + what).during(period).atMost(period.plusSeconds(1)).pollInterval(POLL)
                .until(() -> !condition.getAsBoolean());
    }
}

package io.vsip4x.simulator;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it, up to a deadline. */
final class Await {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test after five seconds. */
    static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /** Returns once {@code condition} holds; fails the test after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            pause(POLL_MILLIS);
        }
    }

    /**
     * Checks that {@code condition} stays false for {@code period}: for asserting that
     * something does not happen.
     */
    static void never(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                throw new AssertionError("Unexpectedly " + what);
            }
            pause(POLL_MILLIS);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}

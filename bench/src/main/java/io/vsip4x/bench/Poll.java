package io.vsip4x.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition (the portal's answer, a VM's status; the cluster module's processes) with a
 * short pause between looks.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * Looks at {@code done} every {@code every} until it holds.
     *
     * @return true when it held within {@code timeout}
     */
    public static boolean until(BooleanSupplier done, Duration timeout, Duration every) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(every.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@link System#nanoTime()} reaches {@code nanoTime}. */
    static void pauseUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(left);
        }
    }
}

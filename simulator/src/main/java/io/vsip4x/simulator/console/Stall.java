package io.vsip4x.simulator.console;

import java.util.function.BooleanSupplier;

/** Whether a VM's console connections are made to stall: to send and read nothing. Thread-safe. */
final class Stall {

    private static final long RECHECK_MILLIS = 200;

    private boolean stalled;

    /** Stalls ({@code true}) or resumes the connections. */
    synchronized void set(boolean stall) {
        stalled = stall;
        notifyAll();
    }

    /** Whether the connections stall now. */
    synchronized boolean stalled() {
        return stalled;
    }

    /**
     * Blocks while the connections stall, unless {@code closed} says the caller's connection
     * was closed meanwhile.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    synchronized void await(BooleanSupplier closed) throws InterruptedException {
        while (stalled && !closed.getAsBoolean()) {
            wait(RECHECK_MILLIS);
        }
    }
}

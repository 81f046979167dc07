package io.vsip4x.simulator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's thread pools: small, named, daemon, so an embedding JVM can always exit. Public
 * for the simulator's guacd, in a package of its own.
 */
public final class Threads {

    private static final Logger log = LoggerFactory.getLogger(Threads.class);
    private static final long STOP_SECONDS = 2;

    private Threads() {
    }

    /** {@code count} threads named {@code prefix1}, {@code prefix2}, ... */
    static ExecutorService fixed(String prefix, int count) {
        return Executors.newFixedThreadPool(count, daemons(prefix));
    }

    /** {@code count} scheduling threads named {@code prefix1}, {@code prefix2}, ... */
    static ScheduledExecutorService scheduled(String prefix, int count) {
        return Executors.newScheduledThreadPool(count, daemons(prefix));
    }

    /** Interrupts the work of {@code pools} and waits briefly for their threads to end. */
    public static void stop(ExecutorService... pools) {
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
        }
        for (ExecutorService pool : pools) {
            try {
                if (!pool.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("Simulator threads did not stop within {} s", STOP_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Makes daemon threads named {@code prefix1}, {@code prefix2}, ... */
    public static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

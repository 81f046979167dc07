package io.vsip4x.portal.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timer on a daemon thread of its own, for a heartbeat that must keep its beat whatever the
 * application's task scheduler is busy with: the scheduled jobs share a few threads and may all wait
 * on a platform that accepts connections but never answers, for longer than a node's lease.
 */
public final class OwnTimer {

    private static final Logger log = LoggerFactory.getLogger(OwnTimer.class);

    private final String threadName;
    private ScheduledExecutorService executor;

    /** A timer whose thread, once started, is called {@code threadName}. */
    public OwnTimer(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Runs {@code task} every {@code interval} (the first time after one interval, each run starting
     * an interval after the previous one ended) until {@link #stop(Duration)}; does nothing when the
     * timer runs already. A run that throws is logged and the beat goes on.
     */
    public synchronized void start(Runnable task, Duration interval) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> runSafely(task), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Whether the timer runs. */
    public synchronized boolean running() {
        return executor != null;
    }

    /**
     * Stops the timer: no run starts any more, and a run under way is waited for up to {@code wait}
     * (then interrupted). Does nothing when the timer does not run.
     */
    public void stop(Duration wait) {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("A run of '{}' failed; the next one comes at the usual time", threadName, e);
        }
    }
}

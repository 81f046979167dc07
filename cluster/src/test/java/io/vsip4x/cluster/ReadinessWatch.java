package io.vsip4x.cluster;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks a node's readiness probe every 20 ms on a thread of its own and keeps every status it answered
 * (0: no answer), for a stop that turns it 503 for a moment only.
 */
final class ReadinessWatch {

    private final Set<Integer> seen = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    ReadinessWatch(PortalNode node) {
        thread = new Thread(() -> {
            while (running) {
                int status = node.readiness();
                synchronized (seen) {
                    seen.add(status);
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }, "readiness-watch-" + node.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops asking. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }

    /** The statuses answered, in the order first seen. */
    Set<Integer> seen() {
        synchronized (seen) {
            return new LinkedHashSet<>(seen);
        }
    }
}

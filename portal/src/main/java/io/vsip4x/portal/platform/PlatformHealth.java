package io.vsip4x.portal.platform;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** Whether the last call to the platform got through, for the banner the pages show. */
@Component
public class PlatformHealth {

    /** A reading: reachable or not, since when. */
    public record Reading(boolean reachable, Instant since) {
    }

    private final AtomicReference<Reading> reading = new AtomicReference<>(new Reading(true, Instant.now()));

    /** The current reading. */
    public Reading current() {
        return reading.get();
    }

    /** Whether the last call got through. */
    public boolean reachable() {
        return reading.get().reachable();
    }

    void markReachable() {
        reading.updateAndGet(r -> r.reachable() ? r : new Reading(true, Instant.now()));
    }

    void markUnreachable() {
        reading.updateAndGet(r -> r.reachable() ? new Reading(false, Instant.now()) : r);
    }
}

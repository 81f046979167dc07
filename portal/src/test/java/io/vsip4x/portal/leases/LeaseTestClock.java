package io.vsip4x.portal.leases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The leases' own clock in tests ({@link LeaseService#CLOCK}): the real time plus an offset
 * that tests move forward, so that a lease runs out without waiting for it. It is no default
 * candidate, so nothing else (callback signatures, caches) sees the moved time.
 */
@Configuration(proxyBeanMethods = false)
public class LeaseTestClock {

    /** A clock that runs with the real one, shifted by an offset tests can change. */
    public static final class MovableClock extends Clock {

        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        /** Moves the clock forward by {@code by}. */
        public void advance(Duration by) {
            offset.updateAndGet(o -> o.plus(by));
        }

        /** Puts the clock back to the real time. */
        public void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    @Bean(name = LeaseService.CLOCK, defaultCandidate = false)
    @Qualifier(LeaseService.CLOCK)
    MovableClock leaseClock() {
        return new MovableClock();
    }
}

package io.vsip4x.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The portal's clock in tests: the real time plus an offset a test may move forward (and must
 * put back with {@link #reset()}), so that time-outs and expiries are tested without waiting.
 */
@Component
@Primary
public class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock forward by {@code amount}. */
    public void advance(Duration amount) {
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /** Back to the real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}

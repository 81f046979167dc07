package io.vsip4x.portal.identity.ukey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The UKEY sign-in's limit per client address: a burst at once, then so many a minute; each
 * address on its own; one refusal a minute to log; idle addresses forgotten.
 */
class UkeyRateLimiterTest {

    private final MovingClock clock = new MovingClock();
    private final UkeyRateLimiter limiter = new UkeyRateLimiter(new UkeyRateLimits(20, 5), clock);

    @Test
    void anAddressGetsItsBurstThenTwentyAMinute() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("10.0.0.1").allowed()).as("call %d", i).isTrue();
        }
        UkeyRateLimiter.Decision refused = limiter.acquire("10.0.0.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(3);
        assertThat(limiter.acquire("10.0.0.2").allowed()).as("another address is not held back").isTrue();

        clock.advance(Duration.ofSeconds(3));
        assertThat(limiter.acquire("10.0.0.1").allowed()).as("one call back every 3 s").isTrue();
        assertThat(limiter.acquire("10.0.0.1").allowed()).isFalse();

        // A minute at the steady rate: 20 calls pass, no more.
        int passed = 0;
        for (int second = 0; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 10; i++) {
                passed += limiter.acquire("10.0.0.1").allowed() ? 1 : 0;
            }
        }
        assertThat(passed).isEqualTo(20);
    }

    @Test
    void onlyTheFirstRefusalOfAMinuteIsToBeLogged() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("10.0.0.3");
        }
        assertThat(limiter.acquire("10.0.0.3").firstRefusal()).isTrue();
        for (int i = 0; i < 100; i++) {
            UkeyRateLimiter.Decision again = limiter.acquire("10.0.0.3");
            assertThat(again.allowed()).isFalse();
            assertThat(again.firstRefusal()).isFalse();
        }
        clock.advance(Duration.ofSeconds(59));
        drain("10.0.0.3");
        assertThat(limiter.acquire("10.0.0.3").firstRefusal()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire("10.0.0.3").firstRefusal()).as("a minute later").isTrue();
    }

    @Test
    void idleAddressesAreForgotten() {
        for (int i = 0; i < 50; i++) {
            limiter.acquire("10.1.0." + i);
        }
        assertThat(limiter.remembered()).isEqualTo(50);
        clock.advance(Duration.ofSeconds(30));
        limiter.acquire("10.2.0.1");
        limiter.sweep(clock.millis());
        assertThat(limiter.remembered()).isEqualTo(51);
        clock.advance(Duration.ofSeconds(31));
        limiter.sweep(clock.millis());
        assertThat(limiter.remembered()).as("only the address seen within the minute").isEqualTo(1);
    }

    private void drain(String address) {
        while (limiter.acquire(address).allowed()) {
            // Spends what refilled meanwhile.
        }
    }

    /** A clock tests move by hand. */
    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

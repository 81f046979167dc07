package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Remembered password checks: fast for the right password, never for a wrong or changed one. */
class VerifiedPasswordsTest {

    private final AtomicInteger slowChecks = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final VerifiedPasswords encoder = new VerifiedPasswords(new Counting(), clock);

    @Test
    void aRightPasswordIsCheckedSlowlyOnceThenRemembered() {
        String hash = encoder.encode("correct horse 1");

        assertThat(encoder.matches("correct horse 1", hash)).isTrue();
        assertThat(encoder.matches("correct horse 1", hash)).isTrue();
        assertThat(encoder.matches("correct horse 1", hash)).isTrue();

        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndRefused() {
        String hash = encoder.encode("correct horse 1");
        encoder.matches("correct horse 1", hash);

        assertThat(encoder.matches("correct horse 2", hash)).isFalse();
        assertThat(encoder.matches("correct horse 2", hash)).isFalse();

        assertThat(slowChecks).hasValue(3);
    }

    @Test
    void aChangedPasswordForgetsTheOldOne() {
        String oldHash = encoder.encode("correct horse 1");
        encoder.matches("correct horse 1", oldHash);
        String newHash = encoder.encode("battery staple 2");

        assertThat(encoder.matches("correct horse 1", newHash)).isFalse();
        assertThat(encoder.matches("battery staple 2", newHash)).isTrue();
    }

    @Test
    void aRememberedCheckExpires() {
        String hash = encoder.encode("correct horse 1");
        encoder.matches("correct horse 1", hash);

        clock.now = clock.now.plus(VerifiedPasswords.REMEMBER).plusSeconds(1);

        assertThat(encoder.matches("correct horse 1", hash)).isTrue();
        assertThat(slowChecks).hasValue(2);
    }

    /** The real bcrypt, counting its checks. */
    private final class Counting implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            slowChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-05T01:00:00Z");

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
            return now;
        }
    }
}

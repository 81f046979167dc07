package io.vsip4x.sdk.ukey;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The text a UKEY signs to sign in: {@code vsip4x-ukey:<epoch millis>:<16 random bytes,
 * Base64url>}. The portal issues a fresh one per sign-in; the platform accepts it for
 * {@link #LIFETIME} from its time (one minute of clock skew ahead) and only once.
 */
public final class UkeyChallenge {

    /** How long a challenge stays acceptable after its time. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration MAX_AHEAD = Duration.ofMinutes(1);
    private static final String PREFIX = "vsip4x-ukey:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UkeyChallenge() {
    }

    /** A new challenge dated {@code now}. */
    public static String fresh(Instant now) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return PREFIX + now.toEpochMilli() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** The time written in {@code challenge}, or empty when it is not one of ours. */
    public static Optional<Instant> issuedAt(String challenge) {
        if (challenge == null || !challenge.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = challenge.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 2 || parts[1].length() < 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(parts[0])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code challenge} is well formed and current at {@code now}. */
    public static boolean current(String challenge, Instant now) {
        return issuedAt(challenge)
                .filter(at -> !at.isAfter(now.plus(MAX_AHEAD)) && !at.plus(LIFETIME).isBefore(now))
                .isPresent();
    }
}

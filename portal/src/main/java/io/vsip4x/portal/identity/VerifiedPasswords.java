package io.vsip4x.portal.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a few minutes, that a password matched a stored hash,
 * so that API clients signing every call in with HTTP Basic do not pay a bcrypt check per call.
 * <p>
 * Only successful checks are remembered, and only as an HMAC (keyed with a random key that lives
 * in this process's memory alone) of the stored hash and the password: no password is kept. A
 * wrong password always goes to the slow check, so remembering does not help guessing. A changed
 * password has a new stored hash, so what was remembered of the old one no longer matches;
 * locked and disabled accounts are refused before their password is checked at all.
 */
final class VerifiedPasswords implements PasswordEncoder {

    static final Duration REMEMBER = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    VerifiedPasswords(PasswordEncoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String entry = fingerprint(rawPassword, encodedPassword);
        Instant now = clock.instant();
        Instant until = verified.get(entry);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(expiry -> !now.isBefore(expiry));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(entry, now.plus(REMEMBER));
        } else {
            verified.remove(entry);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

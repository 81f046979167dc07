package io.vsip4x.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks HTTP Basic credentials in constant time: both sides are hashed first, so neither the
 * content nor the length of the secret shows in the time taken.
 */
final class BasicAuth {

    private static final String SCHEME = "Basic ";

    private final byte[] expected;

    BasicAuth(String account, String password) {
        this.expected = sha256((account + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the {@code Authorization} header {@code header} carries the right credentials. */
    boolean accepts(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(SCHEME.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), expected);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

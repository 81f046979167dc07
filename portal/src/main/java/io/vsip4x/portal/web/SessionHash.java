package io.vsip4x.portal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an HTTP session is named where its id must not go (the id is a secret that signs its holder
 * in): the SHA-256 of the id, in lower-case hex. The cross-node signal of a session's end carries
 * this, never the id.
 */
public final class SessionHash {

    private SessionHash() {
    }

    /** The hash of {@code sessionId}; {@code null} for {@code null}. */
    public static String of(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

package io.vsip4x.portal.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one-time tokens that open a console: 256 random bits given to the page, of which only the
 * SHA-256 is kept, bound to the person, the VM and the HTTP session that asked for it.
 */
@Repository
public class ConsoleTokens {

    private static final int TOKEN_BYTES = 32;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ConsoleTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored token: what it opens, for whom, and whether it is spent. */
    record Token(long userId, String vmId, byte[] sessionHash, boolean viewOnly, Instant expiresAt, Instant usedAt) {
    }

    /** How presenting a token went; {@code token} is {@code null} when none was found. */
    record Redemption(ConsoleReason refusal, Token token) {

        boolean redeemed() {
            return refusal == null;
        }
    }

    /**
     * Issues a token for {@code userId} to open {@code vmId} from the HTTP session {@code sessionId},
     * valid for {@code ttlSeconds}.
     *
     * @return the token as the page gets it (URL-safe Base64); only its hash is stored
     */
    String issue(long userId, String vmId, String sessionId, boolean viewOnly, long ttlSeconds) {
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now(clock);
        jdbc.sql("""
                INSERT INTO console_token (token_hash, user_id, vm_id, session_hash, view_only, created_at, expires_at)
                VALUES (:hash, :userId, :vmId, :session, :viewOnly, :now, :expires)""")
                .param("hash", sha256(token))
                .param("userId", userId)
                .param("vmId", vmId)
                .param("session", sha256(sessionId))
                .param("viewOnly", viewOnly)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plusSeconds(ttlSeconds)))
                .update();
        return token;
    }

    /** The stored token of {@code token}, spent or not, or empty when the portal never issued it. */
    Optional<Token> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT user_id, vm_id, session_hash, view_only, expires_at, used_at
                  FROM console_token WHERE token_hash = :hash""")
                .param("hash", sha256(token))
                .query((rs, n) -> new Token(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .optional();
    }

    /**
     * Spends {@code token} for {@code userId} in the HTTP session {@code sessionId}: at most once, with
     * one update that only an unspent, unexpired token of theirs passes. A token of someone else (or of
     * another sign-in) is refused and left unspent for its owner.
     */
    Redemption redeem(String token, long userId, String sessionId) {
        Optional<Token> found = find(token);
        if (found.isEmpty()) {
            return new Redemption(ConsoleReason.TOKEN_INVALID, null);
        }
        Token t = found.get();
        if (t.userId() != userId || !Arrays.equals(t.sessionHash(), sha256(sessionId))) {
            return new Redemption(ConsoleReason.TOKEN_OTHER_USER, t);
        }
        Instant now = Instant.now(clock);
        int spent = jdbc.sql("""
                UPDATE console_token SET used_at = :now
                 WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                .param("now", Timestamp.from(now))
                .param("hash", sha256(token))
                .update();
        if (spent == 1) {
            return new Redemption(null, t);
        }
        Token after = find(token).orElse(t);
        return new Redemption(after.usedAt() != null ? ConsoleReason.TOKEN_USED : ConsoleReason.TOKEN_EXPIRED, after);
    }

    /** Removes tokens that expired before {@code before}; they can only be refused by now. */
    int purgeExpired(Instant before) {
        return jdbc.sql("DELETE FROM console_token WHERE expires_at < :before")
                .param("before", Timestamp.from(before))
                .update();
    }

    /** The SHA-256 of a text's UTF-8 bytes (of a token, or of an HTTP session id). */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

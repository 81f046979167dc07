package io.vsip4x.portal.identity.ukey;

import io.vsip4x.sdk.ukey.UkeyChallenge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The challenges a UKEY signs ({@code ukey_challenge}): random, bound to the HTTP session that
 * asked (only a SHA-256 of its id is kept), valid for {@link UkeyProperties#challengeTtl()} and
 * spent once, by one UPDATE so that two posts of the same challenge cannot both pass.
 */
@Service
public class UkeyChallenges {

    /** What a challenge is for. */
    public enum Purpose {
        /** Signing in with the key alone. */
        SIGN_IN,
        /** The key after a verified password; the challenge names the account. */
        SECOND_FACTOR
    }

    /**
     * A spent challenge.
     *
     * @param purpose   what it was issued for
     * @param accountId the account of a second-factor challenge, else {@code null}
     */
    public record Spent(Purpose purpose, Long accountId) {
    }

    /** Spent challenges are kept a while for the record, then removed. */
    private static final Duration KEEP = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final UkeyProperties properties;
    private final Clock clock;

    UkeyChallenges(JdbcClient jdbc, UkeyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The challenges' time to live. */
    public Duration ttl() {
        return properties.challengeTtl();
    }

    /** A new challenge for the session {@code sessionId}; {@code accountId} only for a second factor. */
    @Transactional
    public String issue(String sessionId, Purpose purpose, Long accountId) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM ukey_challenge WHERE expires_at < :before")
                .param("before", Timestamp.from(now.minus(KEEP))).update();
        String challenge = UkeyChallenge.fresh(now);
        jdbc.sql("INSERT INTO ukey_challenge (challenge, session_hash, purpose, account_id, created_at, expires_at) "
                        + "VALUES (:challenge, :session, :purpose, :account, :now, :expires)")
                .param("challenge", challenge).param("session", hash(sessionId)).param("purpose", purpose.name())
                .param("account", accountId).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(properties.challengeTtl()))).update();
        return challenge;
    }

    /**
     * Spends {@code challenge} for the session {@code sessionId}.
     *
     * @throws UkeyRefusedException {@link UkeyRefusal#UNKNOWN} when there is no such challenge of this
     *                              session, {@link UkeyRefusal#USED} when it was spent before,
     *                              {@link UkeyRefusal#EXPIRED} when its time is up
     */
    @Transactional
    public Spent spend(String challenge, String sessionId, String sid) {
        Timestamp now = Timestamp.from(clock.instant());
        byte[] session = hash(sessionId);
        int spent = jdbc.sql("UPDATE ukey_challenge SET used_at = :now WHERE challenge = :challenge "
                        + "AND session_hash = :session AND used_at IS NULL AND expires_at > :now")
                .param("now", now).param("challenge", challenge).param("session", session).update();
        Row row = jdbc.sql("SELECT session_hash, purpose, account_id, expires_at, used_at FROM ukey_challenge "
                        + "WHERE challenge = :challenge")
                .param("challenge", challenge)
                .query((rs, n) -> new Row(rs.getBytes(1), Purpose.valueOf(rs.getString(2)),
                        rs.getObject(3, Long.class), rs.getTimestamp(4), rs.getTimestamp(5)))
                .optional().orElse(null);
        if (row == null || !Arrays.equals(row.session(), session)) {
            throw new UkeyRefusedException(UkeyRefusal.UNKNOWN, sid, null);
        }
        if (spent == 1) {
            return new Spent(row.purpose(), row.accountId());
        }
        throw new UkeyRefusedException(row.usedAt() != null ? UkeyRefusal.USED : UkeyRefusal.EXPIRED, sid, null);
    }

    /**
     * Whether {@code challenge} was issued to the session {@code sessionId} (spent, lapsed or not): a
     * refused post that carries none of its session's challenges is noise, not an attempt.
     */
    @Transactional(readOnly = true)
    public boolean issuedTo(String challenge, String sessionId) {
        if (challenge == null || challenge.isEmpty() || challenge.length() > 100 || sessionId == null) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM ukey_challenge WHERE challenge = :challenge AND session_hash = :session")
                .param("challenge", challenge).param("session", hash(sessionId)).query(Long.class).single() > 0;
    }

    private record Row(byte[] session, Purpose purpose, Long accountId, Timestamp expiresAt, Timestamp usedAt) {
    }

    private static byte[] hash(String sessionId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

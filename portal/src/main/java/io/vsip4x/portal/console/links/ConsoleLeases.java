package io.vsip4x.portal.console.links;

import io.vsip4x.portal.console.ConsoleProperties;
import io.vsip4x.portal.console.ConsoleTokens;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.vms.Vm;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The leases behind native-client links ({@code console_link_lease}). A lease is issued with each
 * set of links, lasts {@code portal.console.lease-ttl} and is renewed by the client's calls to its
 * URL, never beyond {@code portal.console.lease-max} after it was issued. Only the SHA-256 of its
 * token is kept: the token is in the link and nowhere else.
 */
@Service
public class ConsoleLeases {

    /** The lease kind of a set of links (both fastrap variants and the RDP link share one lease). */
    static final String KIND = "NATIVE_LINKS";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ConsoleProperties properties;
    private final Clock clock;

    ConsoleLeases(JdbcClient jdbc, ConsoleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new lease: its id, the token (only here, never stored) and when it ends unless renewed. */
    public record Issued(long id, String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[id=" + id + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** A lease still in force, as the VM's page lists it. */
    public record ActiveLease(long id, String username, Instant issuedAt, Instant expiresAt, Instant lastRenewedAt,
            int renewals) {
    }

    /** What a renewal found. */
    public enum Outcome {
        /** Renewed: {@link Renewal#expiresAt()} is the new end. */
        RENEWED,
        /** Ended by time (its last renewal was too long ago, or it reached the longest lease). */
        EXPIRED,
        /** Revoked by a person. */
        REVOKED,
        /** No lease has this token. */
        UNKNOWN
    }

    /** The answer to a renewal; {@code expiresAt} only when renewed. */
    public record Renewal(Outcome outcome, Instant expiresAt) {
    }

    /** Issues a lease on {@code vm} to {@code user}, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Issued issue(CurrentUser user, Vm vm) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expires = earlier(now.plus(properties.leaseTtl()), now.plus(properties.leaseMax()));
        long id = jdbc.sql("""
                INSERT INTO console_link_lease (token_hash, vm_id, tenant_id, user_id, kind, issued_at, expires_at)
                VALUES (:hash, :vmId, :tenantId, :userId, :kind, :now, :expires)
                RETURNING id""")
                .param("hash", hash(token))
                .param("vmId", vm.vmId())
                .param("tenantId", vm.tenantId())
                .param("userId", user.id())
                .param("kind", KIND)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires))
                .query(Long.class)
                .single();
        return new Issued(id, token, expires);
    }

    /**
     * Renews the lease of {@code token} by {@code portal.console.lease-ttl} from now, capped at its
     * issue plus {@code portal.console.lease-max}, when it is neither revoked nor expired.
     */
    @Transactional
    public Renewal renew(String token) {
        Optional<Row> found = jdbc.sql("""
                SELECT id, issued_at, expires_at, revoked_at
                  FROM console_link_lease
                 WHERE token_hash = :hash
                   FOR UPDATE""")
                .param("hash", hash(token))
                .query((rs, n) -> new Row(rs.getLong(1), instant(rs, 2), instant(rs, 3), instant(rs, 4)))
                .optional();
        if (found.isEmpty()) {
            return new Renewal(Outcome.UNKNOWN, null);
        }
        Row lease = found.get();
        Instant now = clock.instant();
        if (lease.revokedAt() != null) {
            return new Renewal(Outcome.REVOKED, null);
        }
        if (!lease.expiresAt().isAfter(now)) {
            return new Renewal(Outcome.EXPIRED, null);
        }
        Instant cap = lease.issuedAt().plus(properties.leaseMax());
        Instant expires = earlier(later(lease.expiresAt(), now.plus(properties.leaseTtl())), cap);
        jdbc.sql("""
                UPDATE console_link_lease
                   SET expires_at = :expires, renewals = renewals + 1, last_renewed_at = :now
                 WHERE id = :id""")
                .param("expires", Timestamp.from(expires))
                .param("now", Timestamp.from(now))
                .param("id", lease.id())
                .update();
        return new Renewal(Outcome.RENEWED, expires);
    }

    /** The leases of {@code vmId} neither revoked nor expired, newest first. */
    @Transactional(readOnly = true)
    public List<ActiveLease> active(String vmId) {
        return jdbc.sql("""
                SELECT l.id, u.username, l.issued_at, l.expires_at, l.last_renewed_at, l.renewals
                  FROM console_link_lease l
                  JOIN app_user u ON u.id = l.user_id
                 WHERE l.vm_id = :vmId AND l.revoked_at IS NULL AND l.expires_at > :now
                 ORDER BY l.id DESC""")
                .param("vmId", vmId)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new ActiveLease(rs.getLong(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
                        instant(rs, 5), rs.getInt(6)))
                .list();
    }

    /**
     * Revokes lease {@code leaseId} of {@code vmId}, in the caller's transaction.
     *
     * @return {@code false} when the VM has no such lease or it was revoked already
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean revoke(String vmId, long leaseId, long byUserId) {
        return jdbc.sql("""
                UPDATE console_link_lease SET revoked_at = :now, revoked_by = :by
                 WHERE id = :id AND vm_id = :vmId AND revoked_at IS NULL""")
                .param("now", Timestamp.from(clock.instant()))
                .param("by", byUserId)
                .param("id", leaseId)
                .param("vmId", vmId)
                .update() == 1;
    }

    /** The SHA-256 of a token, as the table keeps it. */
    static byte[] hash(String token) {
        return ConsoleTokens.sha256(token);
    }

    private record Row(long id, Instant issuedAt, Instant expiresAt, Instant revokedAt) {
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

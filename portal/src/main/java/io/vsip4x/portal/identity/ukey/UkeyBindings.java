package io.vsip4x.portal.identity.ukey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which UKEY signs in which account ({@code ukey_binding}): bound and revoked by security admins,
 * read at every UKEY sign-in. A key (its {@code sid}) has at most one active binding. Callers
 * check rights and audit.
 */
@Service
public class UkeyBindings {

    private static final String SELECT = "SELECT b.id, b.account_id, u.username, b.sid, b.cert_user, "
            + "b.platform_user_id, b.label, b.bound_at, b.revoked_at, b.revoke_reason, b.last_used_at "
            + "FROM ukey_binding b JOIN app_user u ON u.id = b.account_id ";

    private final JdbcClient jdbc;
    private final Clock clock;

    UkeyBindings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Binds a key to an account.
     *
     * @return the new binding's id
     * @throws AlreadyBoundException when the key has an active binding already
     */
    @Transactional
    public long bind(long accountId, String sid, String certUser, String platformUserId, String label,
            Long byAccount) {
        try {
            jdbc.sql("INSERT INTO ukey_binding (account_id, sid, cert_user, platform_user_id, label, bound_by, "
                            + "bound_at) VALUES (:account, :sid, :cert, :platform, :label, :by, :at)")
                    .param("account", accountId).param("sid", sid).param("cert", certUser)
                    .param("platform", platformUserId).param("label", label == null ? "" : label)
                    .param("by", byAccount).param("at", Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new AlreadyBoundException(sid);
        }
        return jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
    }

    /** Revokes an active binding; false when there is none with that id or it was revoked already. */
    @Transactional
    public boolean revoke(long bindingId, Long byAccount, String reason) {
        return jdbc.sql("UPDATE ukey_binding SET revoked_at = :at, revoked_by = :by, revoke_reason = :reason "
                        + "WHERE id = :id AND revoked_at IS NULL")
                .param("at", Timestamp.from(clock.instant())).param("by", byAccount)
                .param("reason", reason).param("id", bindingId).update() > 0;
    }

    /** The binding with {@code id}, active or not. */
    @Transactional(readOnly = true)
    public Optional<UkeyBinding> find(long id) {
        return jdbc.sql(SELECT + "WHERE b.id = :id").param("id", id).query(UkeyBindings::row).optional();
    }

    /** The active binding of the key {@code sid}. */
    @Transactional(readOnly = true)
    public Optional<UkeyBinding> active(String sid) {
        return jdbc.sql(SELECT + "WHERE b.active_sid = :sid").param("sid", sid).query(UkeyBindings::row).optional();
    }

    /** Whether the binding {@code id} is still active (one primary-key lookup, for every request of a session). */
    @Transactional(readOnly = true)
    public boolean isActive(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM ukey_binding WHERE id = :id AND revoked_at IS NULL")
                .param("id", id).query(Long.class).single() > 0;
    }

    /** The latest binding of the key {@code sid}, active or revoked: says why a key no longer signs in. */
    @Transactional(readOnly = true)
    public Optional<UkeyBinding> latest(String sid) {
        return jdbc.sql(SELECT + "WHERE b.sid = :sid ORDER BY b.id DESC LIMIT 1").param("sid", sid)
                .query(UkeyBindings::row).optional();
    }

    /** An account's bindings, active first, newest first. */
    @Transactional(readOnly = true)
    public List<UkeyBinding> ofAccount(long accountId) {
        return jdbc.sql(SELECT + "WHERE b.account_id = :account ORDER BY b.revoked_at IS NOT NULL, b.id DESC")
                .param("account", accountId).query(UkeyBindings::row).list();
    }

    /** Every binding, active first, newest first; at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<UkeyBinding> all(int limit) {
        return jdbc.sql(SELECT + "ORDER BY b.revoked_at IS NOT NULL, b.id DESC LIMIT :limit")
                .param("limit", limit).query(UkeyBindings::row).list();
    }

    /** Notes a sign-in with the binding. */
    @Transactional
    public void markUsed(long bindingId) {
        jdbc.sql("UPDATE ukey_binding SET last_used_at = :at WHERE id = :id")
                .param("at", Timestamp.from(clock.instant())).param("id", bindingId).update();
    }

    private static UkeyBinding row(ResultSet rs, int n) throws SQLException {
        return new UkeyBinding(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                rs.getString(10), instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    /** The key has an active binding already: revoke it first. */
    public static final class AlreadyBoundException extends RuntimeException {

        private final String sid;

        AlreadyBoundException(String sid) {
            super("UKEY '" + sid + "' is bound already");
            this.sid = sid;
        }

        /** The key's serial. */
        public String sid() {
            return sid;
        }
    }
}

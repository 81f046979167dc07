package io.vsip4x.portal.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL of accounts as sign-in sees them: roles, passwords, their history and the locks. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record UserRow(long id, String username, String passwordHash, String displayName, Long tenantId,
            String tenantCode, boolean enabled, int clearance, PortalUserDetails.SignInState state) {
    }

    Optional<UserRow> findByUsername(String username) {
        return find("u.username = :key", username);
    }

    Optional<UserRow> findById(long id) {
        return find("u.id = :key", id);
    }

    /**
     * The account with its row locked to the end of the caller's transaction. Only the account's
     * row: locking through the join would lock its tenant's row too, which quota approvals hold.
     */
    Optional<UserRow> lockByUsername(String username) {
        boolean exists = jdbc.sql("SELECT id FROM app_user WHERE username = :key FOR UPDATE")
                .param("key", username)
                .query(Long.class)
                .optional()
                .isPresent();
        return exists ? find("u.username = :key", username) : Optional.empty();
    }

    private Optional<UserRow> find(String where, Object key) {
        return jdbc.sql("""
                SELECT u.id, u.username, u.password_hash, u.display_name, u.tenant_id, t.code, u.enabled,
                       LEAST(u.clearance, COALESCE(t.classification_ceiling, u.clearance)) AS clearance,
                       u.locked, u.locked_until, u.failed_attempts, u.must_change_password
                  FROM app_user u
                  LEFT JOIN tenant t ON t.id = u.tenant_id
                """ + " WHERE " + where)
                .param("key", key)
                .query((rs, n) -> new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getString(6), rs.getBoolean(7), rs.getInt(8),
                        new PortalUserDetails.SignInState(rs.getBoolean(9), instant(rs.getTimestamp(10)),
                                rs.getInt(11), rs.getBoolean(12))))
                .optional();
    }

    Set<Role> roles(long userId) {
        List<String> names = jdbc.sql("SELECT role FROM user_role WHERE user_id = :id")
                .param("id", userId)
                .query(String.class)
                .list();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> roles.add(Role.valueOf(name)));
        return roles;
    }

    long insert(String username, String passwordHash, String displayName, Long tenantId) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, tenant_id)
                VALUES (:username, :hash, :displayName, :tenantId)""")
                .param("username", username)
                .param("hash", passwordHash)
                .param("displayName", displayName)
                .param("tenantId", tenantId)
                .update(keys);
        return keys.getKey().longValue();
    }

    void addRole(long userId, Role role) {
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
                .param("id", userId)
                .param("role", role.name())
                .update();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("SELECT COUNT(*) FROM user_role WHERE role = :role")
                .param("role", role.name())
                .query(Integer.class)
                .single() > 0;
    }

    /** Counts failed sign-ins, and locks the account until {@code lockedUntil} when it is not null. */
    void recordFailures(long id, int failedAttempts, Instant lockedUntil) {
        jdbc.sql("UPDATE app_user SET failed_attempts = :failed, locked_until = :until WHERE id = :id")
                .param("failed", failedAttempts)
                .param("until", timestamp(lockedUntil))
                .param("id", id)
                .update();
    }

    /** Forgets failed sign-ins and an expired lock after a successful one. */
    void clearFailures(long id) {
        jdbc.sql("UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = :id")
                .param("id", id)
                .update();
    }

    /** Marks the account's password as one to change at the next sign-in. */
    void requirePasswordChange(long id) {
        jdbc.sql("UPDATE app_user SET must_change_password = TRUE WHERE id = :id").param("id", id).update();
    }

    /** Sets a new password, and whether it must be changed at the next sign-in. */
    void setPassword(long id, String hash, boolean mustChange, Instant at) {
        jdbc.sql("""
                UPDATE app_user
                   SET password_hash = :hash, must_change_password = :mustChange, password_changed_at = :at
                 WHERE id = :id""")
                .param("hash", hash)
                .param("mustChange", mustChange)
                .param("at", timestamp(at))
                .param("id", id)
                .update();
    }

    /** The account's latest password hashes, newest first. */
    List<String> latestPasswords(long id, int count) {
        return jdbc.sql("SELECT password_hash FROM password_history WHERE user_id = :id ORDER BY id DESC LIMIT :n")
                .param("id", id)
                .param("n", count)
                .query(String.class)
                .list();
    }

    /** Remembers a password hash, keeping only the newest {@code keep} of the account. */
    void remember(long id, String hash, int keep, Instant at) {
        jdbc.sql("INSERT INTO password_history (user_id, password_hash, created_at) VALUES (:id, :hash, :at)")
                .param("id", id)
                .param("hash", hash)
                .param("at", timestamp(at))
                .update();
        jdbc.sql("SELECT id FROM password_history WHERE user_id = :id ORDER BY id DESC LIMIT 1 OFFSET :skip")
                .param("id", id)
                .param("skip", Math.max(keep, 1) - 1)
                .query(Long.class)
                .optional()
                .ifPresent(oldest -> jdbc.sql("DELETE FROM password_history WHERE user_id = :id AND id < :oldest")
                        .param("id", id)
                        .param("oldest", oldest)
                        .update());
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package io.vsip4x.portal.identity;

import static io.vsip4x.portal.identity.UserRepository.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of accounts as security admins manage them. */
@Repository
class AccountRepository {

    private static final String SELECT = """
            SELECT u.id, u.username, u.display_name, u.email, t.code, t.name, u.clearance, u.locked,
                   u.locked_until, u.failed_attempts, u.must_change_password, u.password_changed_at,
                   u.created_at, u.version,
                   (SELECT GROUP_CONCAT(r.role) FROM user_role r WHERE r.user_id = u.id) AS roles
              FROM app_user u
              LEFT JOIN tenant t ON t.id = u.tenant_id
            """;

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tenant an account may belong to. */
    record TenantChoice(long id, String code, String name) {
    }

    /**
     * Accounts by name.
     *
     * @param tenant only this tenant's (by code); {@code null} for all, {@code ""} for those of none
     * @param text   only those whose name, display name or e-mail contains it; {@code null} for all
     */
    List<Account> list(String tenant, String text, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (tenant != null && tenant.isEmpty()) {
            where.append(" AND u.tenant_id IS NULL");
        } else if (tenant != null) {
            where.append(" AND t.code = :tenant");
            params.put("tenant", tenant);
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND (u.username LIKE :text OR u.display_name LIKE :text OR u.email LIKE :text)");
            params.put("text", "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
        }
        params.put("limit", limit);
        return jdbc.sql(SELECT + where + " ORDER BY u.username LIMIT :limit")
                .params(params)
                .query(AccountRepository::map)
                .list();
    }

    Optional<Account> find(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id").param("id", id).query(AccountRepository::map).optional();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :username")
                .param("username", username)
                .query(Integer.class)
                .single() > 0;
    }

    List<TenantChoice> tenants() {
        return jdbc.sql("SELECT id, code, name FROM tenant ORDER BY code")
                .query((rs, n) -> new TenantChoice(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    Optional<TenantChoice> tenant(String code) {
        return jdbc.sql("SELECT id, code, name FROM tenant WHERE code = :code")
                .param("code", code)
                .query((rs, n) -> new TenantChoice(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** Sets what a security admin edits, if the row is still at {@code version}; false when it is not. */
    boolean update(long id, int version, String displayName, String email, Long tenantId, int clearance) {
        return jdbc.sql("""
                UPDATE app_user
                   SET display_name = :displayName, email = :email, tenant_id = :tenantId, clearance = :clearance,
                       version = version + 1
                 WHERE id = :id AND version = :version""")
                .param("displayName", displayName)
                .param("email", email)
                .param("tenantId", tenantId)
                .param("clearance", clearance)
                .param("id", id)
                .param("version", version)
                .update() == 1;
    }

    void replaceRoles(long id, Set<Role> roles) {
        jdbc.sql("DELETE FROM user_role WHERE user_id = :id").param("id", id).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
                    .param("id", id)
                    .param("role", role.name())
                    .update();
        }
    }

    void setContact(long id, String email, int clearance) {
        jdbc.sql("UPDATE app_user SET email = :email, clearance = :clearance WHERE id = :id")
                .param("email", email)
                .param("clearance", clearance)
                .param("id", id)
                .update();
    }

    /**
     * Locks or unlocks, if the row is still at {@code version} ({@code null}: whatever it is);
     * unlocking forgets failed sign-ins too. False when the version differs.
     */
    boolean setLocked(long id, Integer version, boolean locked) {
        return jdbc.sql("""
                UPDATE app_user
                   SET locked = :locked,
                       failed_attempts = CASE WHEN :locked THEN failed_attempts ELSE 0 END,
                       locked_until = CASE WHEN :locked THEN locked_until ELSE NULL END,
                       version = version + 1
                 WHERE id = :id AND (:version IS NULL OR version = :version)""")
                .param("locked", locked)
                .param("id", id)
                .param("version", version)
                .update() == 1;
    }

    /** Takes the next version for a change made elsewhere (a password reset); false when it differs. */
    boolean bumpVersion(long id, Integer version) {
        return jdbc.sql("""
                UPDATE app_user SET version = version + 1
                 WHERE id = :id AND (:version IS NULL OR version = :version)""")
                .param("id", id)
                .param("version", version)
                .update() == 1;
    }

    /** Ends a lock after failed sign-ins and forgets them (a reset password starts afresh). */
    void clearFailures(long id) {
        jdbc.sql("UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = :id")
                .param("id", id)
                .update();
    }

    private static Account map(ResultSet rs, int n) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String names = rs.getString("roles");
        if (names != null) {
            for (String name : names.split(",")) {
                roles.add(Role.valueOf(name));
            }
        }
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), roles, rs.getInt(7), rs.getBoolean(8), instant(rs.getTimestamp(9)), rs.getInt(10),
                rs.getBoolean(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), rs.getInt(14));
    }
}

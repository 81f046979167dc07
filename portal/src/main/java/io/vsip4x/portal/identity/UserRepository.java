package io.vsip4x.portal.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL of accounts and their roles. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record UserRow(long id, String username, String passwordHash, String displayName, Long tenantId,
            String tenantCode, boolean enabled, int clearance) {
    }

    Optional<UserRow> findByUsername(String username) {
        return jdbc.sql("""
                SELECT u.id, u.username, u.password_hash, u.display_name, u.tenant_id, t.code, u.enabled,
                       LEAST(u.clearance, COALESCE(t.classification_ceiling, u.clearance)) AS clearance
                  FROM app_user u
                  LEFT JOIN tenant t ON t.id = u.tenant_id
                 WHERE u.username = :username""")
                .param("username", username)
                .query((rs, n) -> new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getString(6), rs.getBoolean(7), rs.getInt(8)))
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
}

package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The people a console can be granted or shared to, read as the features see a signed-in person
 * ({@link CurrentUser}), so that {@link ConsoleAccess} can tell what each of them would get.
 */
@Repository
class ConsolePeople {

    private final JdbcClient jdbc;

    ConsolePeople(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The enabled account {@code userId}, with its roles and clearance; empty when none. */
    Optional<CurrentUser> find(long userId) {
        return select("u.id = :key", userId).stream().findFirst();
    }

    /** The enabled account named {@code username}; empty when none. */
    Optional<CurrentUser> findByUsername(String username) {
        return select("u.username = :key", username).stream().findFirst();
    }

    /** The enabled account {@code userId}, or when that is {@code null} the one named {@code username}. */
    Optional<CurrentUser> named(Long userId, String username) {
        if (userId != null) {
            return find(userId);
        }
        return username == null || username.isBlank() ? Optional.empty() : findByUsername(username.strip());
    }

    /** The enabled accounts of the tenant, by user name. */
    List<CurrentUser> ofTenant(long tenantId) {
        return select("u.tenant_id = :key", tenantId);
    }

    private List<CurrentUser> select(String where, Object key) {
        return jdbc.sql("""
                SELECT u.id, u.username, u.display_name, u.tenant_id, t.code,
                       LEAST(u.clearance, COALESCE(t.classification_ceiling, u.clearance)) AS clearance,
                       (SELECT GROUP_CONCAT(r.role) FROM user_role r WHERE r.user_id = u.id) AS roles
                  FROM app_user u
                  LEFT JOIN tenant t ON t.id = u.tenant_id
                """ + " WHERE u.enabled AND " + where + " ORDER BY u.username")
                .param("key", key)
                .query((rs, n) -> new CurrentUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getString(5), roles(rs.getString(7)), rs.getInt(6)))
                .list();
    }

    private static Set<Role> roles(String names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names != null && !names.isBlank()) {
            for (String name : names.split(",")) {
                roles.add(Role.valueOf(name));
            }
        }
        return roles;
    }
}

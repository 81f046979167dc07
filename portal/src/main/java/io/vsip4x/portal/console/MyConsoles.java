package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's own consoles page: the VMs whose console they may open through a console-only
 * permission or a view-only share (with when the share ends), and the consoles they have open.
 */
@Service
class MyConsoles {

    private final JdbcClient jdbc;
    private final ConsoleSessionRows sessions;
    private final Clock clock;

    MyConsoles(JdbcClient jdbc, ConsoleSessionRows sessions, Clock clock) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * A VM whose console someone gave the reader.
     *
     * @param givenBy   who gave it (display name)
     * @param viewOnly  a view-only share rather than the console-only permission
     * @param expiresAt when a share ends; {@code null} for a permission
     */
    record Given(String vmId, String vmName, String givenBy, boolean viewOnly, Instant givenAt,
            Instant expiresAt) {
    }

    /** The page's content. */
    record Page(List<Given> given, List<ConsoleSessionRows.OpenConsole> open) {
    }

    /** What {@code user} was given and has open; VMs above their clearance or gone are left out. */
    @Transactional(readOnly = true)
    Page of(CurrentUser user) {
        if (user.tenantId() == null) {
            return new Page(List.of(), sessions.openBy(user.id()));
        }
        List<Given> given = jdbc.sql("""
                SELECT v.vm_id, v.name, b.display_name, FALSE, g.granted_at, NULL
                  FROM console_grant g
                  JOIN vm v ON v.vm_id = g.vm_id
                  LEFT JOIN app_user b ON b.id = g.granted_by
                 WHERE g.user_id = :user AND g.revoked_at IS NULL
                   AND v.tenant_id = :tenant AND v.lifecycle <> 'DELETED' AND v.classification <= :clearance
                UNION ALL
                SELECT v.vm_id, v.name, o.display_name, TRUE, s.created_at, s.expires_at
                  FROM console_share s
                  JOIN vm v ON v.vm_id = s.vm_id
                  LEFT JOIN app_user o ON o.id = s.owner_id
                 WHERE s.user_id = :user AND s.revoked_at IS NULL AND s.expires_at > :now
                   AND v.tenant_id = :tenant AND v.lifecycle <> 'DELETED' AND v.classification <= :clearance
                 ORDER BY 2, 4""")
                .param("user", user.id())
                .param("tenant", user.tenantId())
                .param("clearance", user.clearance())
                .param("now", Timestamp.from(Instant.now(clock)))
                .query((rs, n) -> new Given(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null
                                : rs.getTimestamp(6).toInstant()))
                .list();
        return new Page(given, sessions.openBy(user.id()));
    }
}

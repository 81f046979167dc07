package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * @param alsoShared a permission of a VM that is shared with the reader too (the permission counts)
     */
    record Given(String vmId, String vmName, String givenBy, boolean viewOnly, Instant givenAt,
            Instant expiresAt, boolean alsoShared) {
    }

    /** The page's content. */
    record Page(List<Given> given, List<ConsoleSessionRows.OpenConsole> open) {
    }

    /**
     * What {@code user} was given and has open; VMs above their clearance or gone are left out. A VM
     * given both ways is one row: the console-only permission (interactive), noting the share.
     */
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
                                : rs.getTimestamp(6).toInstant(), false))
                .list();
        return new Page(onePerVm(given), sessions.openBy(user.id()));
    }

    /** Keeps the first of each VM's rows (the permission sorts before the share), noting a share it hides. */
    private static List<Given> onePerVm(List<Given> given) {
        Map<String, Given> byVm = new LinkedHashMap<>();
        for (Given g : given) {
            Given first = byVm.putIfAbsent(g.vmId(), g);
            if (first != null && !first.viewOnly() && g.viewOnly()) {
                byVm.put(g.vmId(), new Given(first.vmId(), first.vmName(), first.givenBy(), false, first.givenAt(),
                        null, true));
            }
        }
        return List.copyOf(byVm.values());
    }
}

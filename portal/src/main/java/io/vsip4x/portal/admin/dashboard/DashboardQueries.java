package io.vsip4x.portal.admin.dashboard;

import io.vsip4x.portal.platform.OperationKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's figures from the portal's database: the operation queue and the callbacks received.
 * Times are compared with the database's clock, which wrote them.
 */
@Component
class DashboardQueries {

    /** Minutes in the callback chart. */
    static final int MINUTES = 60;

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The operations under way by state, and the oldest of them. */
    @Transactional(readOnly = true)
    public Dashboard.Queue queue() {
        Map<String, Long> byState = jdbc.sql("""
                SELECT state, COUNT(*) AS n
                  FROM operation
                 WHERE state IN ('QUEUED', 'SENDING', 'SENT')
                 GROUP BY state""")
                .query((rs, row) -> Map.entry(rs.getString("state"), rs.getLong("n")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Dashboard.Oldest oldest = jdbc.sql("""
                SELECT id, kind, vm_id, host_id, created_at,
                       TIMESTAMPDIFF(SECOND, created_at, NOW(3)) AS age
                  FROM operation
                 WHERE state IN ('QUEUED', 'SENDING', 'SENT')
                 ORDER BY created_at, id
                 LIMIT 1""")
                .query((rs, row) -> new Dashboard.Oldest(rs.getLong("id"), rs.getString("kind"),
                        method(rs.getString("kind")), rs.getString("vm_id"), rs.getString("host_id"),
                        rs.getTimestamp("created_at").toInstant(), Math.max(0, rs.getLong("age"))))
                .optional().orElse(null);
        long queued = byState.getOrDefault("QUEUED", 0L);
        long sending = byState.getOrDefault("SENDING", 0L);
        long sent = byState.getOrDefault("SENT", 0L);
        return new Dashboard.Queue(queued + sending + sent, queued, sending, sent, oldest);
    }

    /** Callbacks received in each of the last {@link #MINUTES} minutes, the current one last. */
    @Transactional(readOnly = true)
    public Dashboard.Callbacks callbacks() {
        Long[] counts = new Long[MINUTES];
        Arrays.fill(counts, 0L);
        jdbc.sql("""
                SELECT FLOOR(TIMESTAMPDIFF(SECOND, received_at, NOW(3)) / 60) AS ago, COUNT(*) AS n
                  FROM callback_event
                 WHERE received_at > NOW(3) - INTERVAL 1 HOUR
                 GROUP BY ago""")
                .query((rs, row) -> Map.entry(rs.getInt("ago"), rs.getLong("n")))
                .list().forEach(e -> {
                    int ago = Math.min(MINUTES - 1, Math.max(0, e.getKey()));
                    counts[MINUTES - 1 - ago] += e.getValue();
                });
        List<Long> perMinute = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(counts)));
        return new Dashboard.Callbacks(perMinute.stream().mapToLong(Long::longValue).sum(), perMinute);
    }

    private static String method(String kind) {
        return Arrays.stream(OperationKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                .map(OperationKind::method).orElse(null);
    }
}

package io.vsip4x.portal.web;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code live_event} table that every portal node writes to and tails. */
@Repository
class LiveEventLog {

    private static final String COLUMNS = "SELECT id, tenant_id, user_id, vm_id, kind, session_hash FROM live_event ";

    private final JdbcClient jdbc;

    LiveEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores events, in the caller's transaction when there is one. */
    void insert(List<LiveEvent> events) {
        for (LiveEvent e : events) {
            jdbc.sql("INSERT INTO live_event (tenant_id, user_id, vm_id, kind, session_hash) VALUES (?, ?, ?, ?, ?)")
                    .params(e.tenantId(), e.userId(), e.vmId(), e.kind(), e.sessionHash())
                    .update();
        }
    }

    /** The newest id, or 0 when there is none. */
    long maxId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM live_event").query(Long.class).single();
    }

    /** Up to {@code limit} events after {@code id}, oldest first (one range read of the primary key). */
    List<LiveEvent> after(long id, int limit) {
        return jdbc.sql(COLUMNS + "WHERE id > ? ORDER BY id LIMIT ?").params(id, limit).query(this::row).list();
    }

    /** The events with these ids that have become visible (committed late). */
    List<LiveEvent> byIds(Collection<Long> ids) {
        return jdbc.sql(COLUMNS + "WHERE id IN (:ids) ORDER BY id").param("ids", ids).query(this::row).list();
    }

    /** Removes events older than {@code retention}, by the database's clock; returns how many. */
    int prune(Duration retention) {
        return jdbc.sql("DELETE FROM live_event WHERE created_at < NOW(3) - INTERVAL ? MICROSECOND LIMIT 10000")
                .param(retention.toNanos() / 1000)
                .update();
    }

    private LiveEvent row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new LiveEvent(rs.getLong(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class),
                rs.getString(4), rs.getString(5), rs.getString(6));
    }
}

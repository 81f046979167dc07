package io.vsip4x.portal.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL of {@code console_session} for the tunnel: opening, closing and ending rows (the open consoles
 * are read by {@link ConsoleSessionRows}).
 */
@Repository
class ConsoleSessionRepository {

    private final JdbcClient jdbc;

    ConsoleSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a row is opened with. */
    record NewSession(String vmId, String vmName, long tenantId, long userId, String username, boolean viewOnly,
            String node, String clientAddress) {
    }

    /**
     * An open row of this node that must end: closed meanwhile by another node that thought this one
     * lost ({@code closed}), or asked to end by another node or a person ({@code reason}).
     */
    record Ending(long id, boolean closed, String reason) {
    }

    /** A row that is open on a node that stopped refreshing it. */
    record LostSession(long id, String vmId, String username, String tenantCode, Instant openedAt) {
    }

    /** Locks the person's account row until the transaction ends, so their open consoles are counted one at a time. */
    void lockUser(long userId) {
        jdbc.sql("SELECT id FROM app_user WHERE id = :id FOR UPDATE").param("id", userId).query(Long.class).optional();
    }

    /** How many consoles {@code userId} has open, on any node. */
    int countOpen(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM console_session WHERE user_id = :userId AND closed_at IS NULL")
                .param("userId", userId)
                .query(Integer.class)
                .single();
    }

    /** Inserts an open row; returns its id. */
    long insert(NewSession s, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO console_session (vm_id, vm_name, tenant_id, user_id, username, view_only, node,
                                             client_address, opened_at, seen_at)
                VALUES (:vmId, :vmName, :tenantId, :userId, :username, :viewOnly, :node, :addr, :now, :now)""")
                .param("vmId", s.vmId())
                .param("vmName", s.vmName())
                .param("tenantId", s.tenantId())
                .param("userId", s.userId())
                .param("username", s.username())
                .param("viewOnly", s.viewOnly())
                .param("node", s.node())
                .param("addr", s.clientAddress())
                .param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Removes the row of a console that never opened (guacd could not be reached). */
    void delete(long id) {
        jdbc.sql("DELETE FROM console_session WHERE id = :id").param("id", id).update();
    }

    /**
     * Closes a row that is still open.
     *
     * @param recordingPath  the recording's file, or {@code null} when it was not recorded
     * @param recordingUntil until when the recording is kept, or {@code null}
     * @return whether the row was open (another node may have closed it as lost)
     */
    boolean close(long id, String reason, Instant now, String recordingPath, Long recordingBytes,
            Instant recordingUntil) {
        return jdbc.sql("""
                UPDATE console_session
                   SET closed_at = :now, close_reason = :reason, recording_path = :path,
                       recording_bytes = :bytes, recording_until = :until
                 WHERE id = :id AND closed_at IS NULL""")
                .param("now", Timestamp.from(now))
                .param("reason", reason)
                .param("path", recordingPath)
                .param("bytes", recordingBytes)
                .param("until", recordingUntil == null ? null : Timestamp.from(recordingUntil))
                .param("id", id)
                .update() == 1;
    }

    /** Asks an open row to end; returns whether it was open and not asked already. */
    boolean requestEnd(long id, String reason, long byUserId) {
        return jdbc.sql("""
                UPDATE console_session SET end_requested = :reason, end_requested_by = :by
                 WHERE id = :id AND closed_at IS NULL AND end_requested IS NULL""")
                .param("reason", reason)
                .param("by", byUserId)
                .param("id", id)
                .update() == 1;
    }

    /** Which of the rows {@code ids}, open when last seen, must end; one query for a whole sweep. */
    List<Ending> endings(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, closed_at IS NOT NULL, end_requested FROM console_session
                 WHERE id IN (:ids) AND (closed_at IS NOT NULL OR end_requested IS NOT NULL)""")
                .param("ids", ids)
                .query((rs, n) -> new Ending(rs.getLong(1), rs.getBoolean(2), rs.getString(3)))
                .list();
    }

    /** Marks the open rows of {@code node} as seen at {@code now}. */
    void touch(String node, Instant now) {
        jdbc.sql("UPDATE console_session SET seen_at = :now WHERE node = :node AND closed_at IS NULL")
                .param("now", Timestamp.from(now))
                .param("node", node)
                .update();
    }

    /** Open rows of other nodes not seen since {@code before}. */
    List<LostSession> lost(String node, Instant before) {
        return jdbc.sql("""
                SELECT s.id, s.vm_id, s.username, t.code, s.opened_at
                  FROM console_session s LEFT JOIN tenant t ON t.id = s.tenant_id
                 WHERE s.closed_at IS NULL AND s.node <> :node AND s.seen_at < :before""")
                .param("node", node)
                .param("before", Timestamp.from(before))
                .query((rs, n) -> new LostSession(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }
}

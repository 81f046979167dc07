package io.vsip4x.portal.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The open consoles as {@code console_session} tells them: the one reader of them. A row asked to
 * end ({@link ConsoleSessions#requestEnd}) is still listed, with {@code end_requested}, until the
 * node holding its tunnel closes it.
 */
@Repository
public class ConsoleSessionRows {

    private static final String SELECT = """
            SELECT s.id, s.vm_id, s.vm_name, s.tenant_id, t.code, s.user_id, s.username, s.view_only,
                   s.opened_at, s.client_address, s.end_requested
              FROM console_session s
              LEFT JOIN tenant t ON t.id = s.tenant_id
            """;

    private final JdbcClient jdbc;

    ConsoleSessionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One open console.
     *
     * @param tenantCode    the VM's tenant's code
     * @param clientAddress the browser's address as the tunnel saw it, or {@code null}
     * @param endRequested  why it was asked to end and has not closed yet, or {@code null}
     */
    public record OpenConsole(long id, String vmId, String vmName, long tenantId, String tenantCode, long userId,
            String username, boolean viewOnly, Instant openedAt, String clientAddress, String endRequested) {
    }

    /** The consoles open on {@code vmId}, oldest first. */
    List<OpenConsole> open(String vmId) {
        return jdbc.sql(SELECT + " WHERE s.closed_at IS NULL AND s.vm_id = :vmId ORDER BY s.opened_at, s.id")
                .param("vmId", vmId)
                .query(ConsoleSessionRows::row)
                .list();
    }

    /** The consoles open on the tenant's VMs, or on every tenant's for {@code null}; newest first. */
    List<OpenConsole> openInTenant(Long tenantId) {
        String where = tenantId == null ? "" : " AND s.tenant_id = :tenantId";
        JdbcClient.StatementSpec query = jdbc.sql(SELECT + " WHERE s.closed_at IS NULL" + where
                + " ORDER BY s.opened_at DESC, s.id DESC");
        if (tenantId != null) {
            query = query.param("tenantId", tenantId);
        }
        return query.query(ConsoleSessionRows::row).list();
    }

    /** The consoles {@code userId} has open, newest first. */
    List<OpenConsole> openBy(long userId) {
        return jdbc.sql(SELECT + " WHERE s.closed_at IS NULL AND s.user_id = :userId"
                        + " ORDER BY s.opened_at DESC, s.id DESC")
                .param("userId", userId)
                .query(ConsoleSessionRows::row)
                .list();
    }

    /** The console {@code id} while it is open. */
    Optional<OpenConsole> find(long id) {
        return jdbc.sql(SELECT + " WHERE s.closed_at IS NULL AND s.id = :id")
                .param("id", id)
                .query(ConsoleSessionRows::row)
                .optional();
    }

    private static OpenConsole row(ResultSet rs, int n) throws SQLException {
        Timestamp opened = rs.getTimestamp(9);
        return new OpenConsole(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getBoolean(8), opened == null ? null : opened.toInstant(),
                rs.getString(10), rs.getString(11));
    }
}

package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.Correlation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL of the outbox. Claims ({@link OperationClaims}) are locked conditional updates, so each
 * operation is sent by one node.
 */
@Repository
class OperationRepository {

    private static final String COLUMNS = """
            id, kind, vm_id, request_id, actor_id, state, attempts, next_attempt_at,
            result_code, result_info, last_error, payload, created_at, sent_at, correlation_id, host_id""";

    private final JdbcClient jdbc;

    OperationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(OperationKind kind, String vmId, Long requestId, Long actorId, String payload) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operation (kind, vm_id, request_id, actor_id, state, payload, correlation_id)
                VALUES (:kind, :vmId, :requestId, :actorId, 'QUEUED', :payload, :correlation)""")
                .param("kind", kind.name())
                .param("correlation", Correlation.current())
                .param("vmId", vmId)
                .param("requestId", requestId)
                .param("actorId", actorId)
                .param("payload", payload)
                .update(keys);
        return keys.getKey().longValue();
    }

    /**
     * Queues an operation on host {@code hostId} ({@code vm_id} null). At most one host operation is
     * open per host: a second one fails on the unique index of V30.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the host has an open operation
     */
    long insertHost(OperationKind kind, String hostId, Long actorId) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operation (kind, host_id, actor_id, state, correlation_id)
                VALUES (:kind, :hostId, :actorId, 'QUEUED', :correlation)""")
                .param("kind", kind.name())
                .param("hostId", hostId)
                .param("actorId", actorId)
                .param("correlation", Correlation.current())
                .update(keys);
        return keys.getKey().longValue();
    }

    /**
     * The oldest operation of {@code kind} on host {@code hostId} that waits for its callback (one
     * still SENDING counts, as for VMs).
     */
    Optional<Operation> oldestAwaitingOnHost(String hostId, OperationKind kind) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM operation
                WHERE host_id = :hostId AND vm_id IS NULL AND kind = :kind AND state IN ('SENDING', 'SENT')
                ORDER BY id
                LIMIT 1""")
                .param("hostId", hostId)
                .param("kind", kind.name())
                .query(OperationRepository::map)
                .optional();
    }

    /** The open host operations, oldest first. */
    List<Operation> openOnHosts() {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM operation
                WHERE host_id IS NOT NULL AND vm_id IS NULL AND state IN ('QUEUED', 'SENDING', 'SENT')
                ORDER BY id""")
                .query(OperationRepository::map)
                .list();
    }

    /** The newest operation on host {@code hostId}. */
    Optional<Operation> latestOnHost(String hostId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM operation
                WHERE host_id = :hostId AND vm_id IS NULL
                ORDER BY id DESC
                LIMIT 1""")
                .param("hostId", hostId)
                .query(OperationRepository::map)
                .optional();
    }

    /**
     * What the audit events of an operation carry beside the operation: the correlation id of the
     * request that queued it and the tenant of its VM or request.
     */
    record AuditContext(String correlationId, String tenantCode) {
    }

    /** The code of the tenant of VM {@code vmId}, which the audit events of the VM carry; {@code null} when unknown. */
    String tenantCodeOfVm(String vmId) {
        return jdbc.sql("""
                SELECT t.code
                  FROM vm v
                  JOIN tenant t ON t.id = v.tenant_id
                 WHERE v.vm_id = :vmId""")
                .param("vmId", vmId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    AuditContext auditContext(long id) {
        return jdbc.sql("""
                SELECT o.correlation_id, COALESCE(tv.code, tr.code) AS tenant_code
                  FROM operation o
                  LEFT JOIN vm v          ON v.vm_id = o.vm_id
                  LEFT JOIN tenant tv     ON tv.id = v.tenant_id
                  LEFT JOIN vm_request r  ON r.id = o.request_id
                  LEFT JOIN tenant tr     ON tr.id = r.tenant_id
                 WHERE o.id = :id""")
                .param("id", id)
                .query((rs, n) -> new AuditContext(rs.getString(1), rs.getString(2)))
                .optional()
                .orElse(new AuditContext(null, null));
    }

    /**
     * The correlation id of the creation that waits for {@code vmId}'s callback (the open
     * {@code createVm} of the VM's request), or {@code null}.
     */
    String awaitingCreateCorrelation(String vmId) {
        return first(jdbc.sql("""
                SELECT o.correlation_id
                  FROM vm v
                  JOIN operation o ON o.request_id = v.request_id
                 WHERE v.vm_id = :vmId AND o.kind IN ('CREATE_VM', 'INSTALL_VM') AND o.state IN ('SENDING', 'SENT')
                 ORDER BY o.id
                 LIMIT 1""")
                .param("vmId", vmId)
                .query(String.class)
                .list());
    }

    Optional<Operation> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM operation WHERE id = :id")
                .param("id", id)
                .query(OperationRepository::map)
                .optional();
    }

    /**
     * Queued operations that are due, oldest first, skipping any whose VM still has an
     * older open operation (a VM's operations go out one at a time, in order).
     */
    List<Long> dueIds(int limit) {
        return jdbc.sql("""
                SELECT o.id
                  FROM operation o
                 WHERE o.state = 'QUEUED'
                   AND o.next_attempt_at <= NOW(3)
                   AND NOT EXISTS (SELECT 1
                                     FROM operation p
                                    WHERE p.vm_id = o.vm_id
                                      AND p.id < o.id
                                      AND p.state IN ('QUEUED', 'SENDING', 'SENT'))
                 ORDER BY o.id
                 LIMIT :limit""")
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Marks a claimed operation accepted by the platform. Its sent time is when it was claimed,
     * just before the send, so that nothing the platform did for it (a host event's time) is older.
     */
    void markSent(long id, String code, String info) {
        jdbc.sql("""
                UPDATE operation
                   SET state = 'SENT', result_code = :code, result_info = :info, last_error = NULL,
                       sent_at = updated_at, updated_at = NOW(3)
                 WHERE id = :id
                   AND state = 'SENDING'""")
                .param("id", id)
                .param("code", code)
                .param("info", truncate(info, 500))
                .update();
    }

    /**
     * Marks a claimed operation sent although its answer was lost: the platform may have it. Its
     * sent time is when it was claimed, before the send, so what the platform made since counts.
     */
    void markSentAnswerLost(long id, String info) {
        jdbc.sql("""
                UPDATE operation
                   SET state = 'SENT', result_code = NULL, result_info = :info, last_error = NULL,
                       sent_at = updated_at, updated_at = NOW(3)
                 WHERE id = :id
                   AND state = 'SENDING'""")
                .param("id", id)
                .param("info", truncate(info, 500))
                .update();
    }

    /** Replaces the payload of a claimed operation (what a later check of it needs). */
    void updatePayload(long id, String payload) {
        jdbc.sql("UPDATE operation SET payload = :payload WHERE id = :id AND state = 'SENDING'")
                .param("id", id)
                .param("payload", payload)
                .update();
    }

    void requeue(long id, Duration delay, String error) {
        jdbc.sql("""
                UPDATE operation
                   SET state = 'QUEUED', last_error = :error, updated_at = NOW(3),
                       claimed_by = NULL, claim_expires_at = NULL,
                       next_attempt_at = NOW(3) + INTERVAL :millis * 1000 MICROSECOND
                 WHERE id = :id
                   AND state = 'SENDING'""")
                .param("id", id)
                .param("error", truncate(error, 300))
                .param("millis", delay.toMillis())
                .update();
    }

    /** Finishes an open operation; false when it was already finished. */
    boolean finish(long id, OperationState state, String code, String info) {
        return jdbc.sql("""
                UPDATE operation
                   SET state = :state, result_code = :code, result_info = :info,
                       completed_at = NOW(3), updated_at = NOW(3)
                 WHERE id = :id
                   AND state IN ('QUEUED', 'SENDING', 'SENT')""")
                .param("id", id)
                .param("state", state.name())
                .param("code", code)
                .param("info", truncate(info, 500))
                .update() == 1;
    }

    /**
     * The oldest operation of {@code kind} on {@code vmId} that waits for its callback; one
     * still SENDING counts too, since a quick platform may call back before the send returns.
     */
    Optional<Operation> oldestAwaiting(String vmId, OperationKind kind) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM operation
                WHERE vm_id = :vmId AND kind = :kind AND state IN ('SENDING', 'SENT')
                ORDER BY id
                LIMIT 1""")
                .param("vmId", vmId)
                .param("kind", kind.name())
                .query(OperationRepository::map)
                .optional();
    }

    /** Open operations on {@code vmId}, oldest first. */
    List<Operation> openFor(String vmId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM operation
                WHERE vm_id = :vmId AND state IN ('QUEUED', 'SENDING', 'SENT')
                ORDER BY id""")
                .param("vmId", vmId)
                .query(OperationRepository::map)
                .list();
    }

    /** The newest operation on {@code vmId}. */
    Optional<Operation> latestFor(String vmId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM operation WHERE vm_id = :vmId ORDER BY id DESC LIMIT 1")
                .param("vmId", vmId)
                .query(OperationRepository::map)
                .optional();
    }

    /** The newest {@code limit} operations on {@code vmId}, newest first, with who asked for each. */
    List<VmOperationEntry> historyFor(String vmId, int limit) {
        return jdbc.sql("""
                SELECT o.id, o.kind, o.state, o.result_code, COALESCE(o.result_info, o.last_error) AS reason,
                       u.username, o.created_at, o.completed_at
                  FROM operation o
                  LEFT JOIN app_user u ON u.id = o.actor_id
                 WHERE o.vm_id = :vmId
                 ORDER BY o.id DESC
                 LIMIT :limit""")
                .param("vmId", vmId)
                .param("limit", limit)
                .query((rs, n) -> new VmOperationEntry(rs.getLong("id"), OperationKind.valueOf(rs.getString("kind")),
                        OperationState.valueOf(rs.getString("state")), rs.getString("result_code"),
                        rs.getString("reason"), rs.getString("username"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("completed_at"))))
                .list();
    }

    /** Operations of a request, oldest first. */
    List<Operation> forRequest(long requestId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM operation WHERE request_id = :requestId ORDER BY id")
                .param("requestId", requestId)
                .query(OperationRepository::map)
                .list();
    }

    /** Operations in {@code state} last touched before {@code age} ago. */
    List<Operation> stale(OperationState state, Duration age) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM operation
                WHERE state = :state
                  AND updated_at < NOW(3) - INTERVAL :millis * 1000 MICROSECOND
                ORDER BY id
                LIMIT 100""")
                .param("state", state.name())
                .param("millis", age.toMillis())
                .query(OperationRepository::map)
                .list();
    }

    /** Makes the operations that wait for the platform due now; returns how many. */
    int retryWaitingNow() {
        return jdbc.sql("""
                UPDATE operation
                   SET next_attempt_at = NOW(3)
                 WHERE state = 'QUEUED'
                   AND last_error IS NOT NULL
                   AND next_attempt_at > NOW(3)""")
                .update();
    }

    /** How many operations are queued because the platform could not be reached. */
    int countWaitingForPlatform() {
        return jdbc.sql("SELECT COUNT(*) FROM operation WHERE state = 'QUEUED' AND last_error IS NOT NULL")
                .query(Integer.class)
                .single();
    }

    private static Operation map(ResultSet rs, int row) throws SQLException {
        return new Operation(
                rs.getLong("id"),
                OperationKind.valueOf(rs.getString("kind")),
                rs.getString("vm_id"),
                (Long) rs.getObject("request_id", Long.class),
                (Long) rs.getObject("actor_id", Long.class),
                OperationState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("result_code"),
                rs.getString("result_info"),
                rs.getString("last_error"),
                rs.getString("payload"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")),
                rs.getString("correlation_id"),
                rs.getString("host_id"));
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

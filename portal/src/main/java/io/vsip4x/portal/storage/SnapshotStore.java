package io.vsip4x.portal.storage;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Usage;
import io.vsip4x.portal.tenancy.UsageSource;
import io.vsip4x.portal.vms.Vm;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal's rows of snapshots ({@code vm_snapshot}): who took one and when, the ones being
 * taken, and what they use of the {@code snapshots} quota: live ones as used, pending ones as
 * reserved, so that a snapshot being taken already counts. A deleted VM takes its snapshots with it:
 * they no longer count.
 */
@Repository
class SnapshotStore implements UsageSource {

    static final String PENDING = "PENDING";
    static final String ACTIVE = "ACTIVE";
    static final String FAILED = "FAILED";
    static final String DELETED = "DELETED";

    private static final String COLUMNS = """
            s.id, s.vm_id, s.snap_id, s.state, s.result_code, u.username, s.operation_id, s.taken_at,
            s.created_at, s.note""";

    /**
     * One row.
     *
     * @param snapId  the platform's id, or {@code null} while it is being taken
     * @param takenBy who asked for it, or {@code null} when it was taken outside the portal
     * @param takenAt when the platform took it, or {@code null} while it is being taken
     * @param note    the note its taker gave it, or {@code null}
     */
    record SnapshotRow(long id, String vmId, String snapId, String state, String resultCode, String takenBy,
            Long operationId, Instant takenAt, Instant createdAt, String note) {
    }

    private final JdbcClient jdbc;

    SnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Usage usage(long tenantId, Long ownerId) {
        return jdbc.sql("""
                SELECT s.state, COUNT(*)
                  FROM vm_snapshot s
                  JOIN vm v ON v.vm_id = s.vm_id
                 WHERE s.tenant_id = :tenantId
                   AND (:ownerId IS NULL OR s.owner_id = :ownerId)
                   AND s.state IN ('PENDING', 'ACTIVE')
                   AND v.lifecycle NOT IN ('DELETED', 'FAILED')
                 GROUP BY s.state""")
                .param("tenantId", tenantId)
                .param("ownerId", ownerId)
                .query((rs, n) -> {
                    Quota amount = new Quota(0, 0, 0, 0, 0, rs.getLong(2), 0);
                    return ACTIVE.equals(rs.getString(1)) ? new Usage(amount, Quota.ZERO)
                            : new Usage(Quota.ZERO, amount);
                })
                .list()
                .stream()
                .reduce(Usage.NONE, Usage::plus);
    }

    /** Records a snapshot being taken of {@code vm} by operation {@code operationId}, with its note or none. */
    void insertPending(Vm vm, long createdBy, long operationId, String note) {
        jdbc.sql("""
                INSERT INTO vm_snapshot (vm_id, tenant_id, owner_id, state, created_by, operation_id, note)
                VALUES (:vmId, :tenantId, :ownerId, 'PENDING', :createdBy, :operationId, :note)""")
                .param("note", note)
                .param("vmId", vm.vmId())
                .param("tenantId", vm.tenantId())
                .param("ownerId", vm.ownerId())
                .param("createdBy", createdBy)
                .param("operationId", operationId)
                .update();
    }

    /** Records a snapshot the platform has that the portal did not take (or never heard of). */
    void insertFound(Vm vm, String snapId, Instant takenAt) {
        jdbc.sql("""
                INSERT INTO vm_snapshot (vm_id, tenant_id, owner_id, snap_id, state, taken_at)
                VALUES (:vmId, :tenantId, :ownerId, :snapId, 'ACTIVE', :takenAt)""")
                .param("vmId", vm.vmId())
                .param("tenantId", vm.tenantId())
                .param("ownerId", vm.ownerId())
                .param("snapId", snapId)
                .param("takenAt", takenAt == null ? null : Timestamp.from(takenAt))
                .update();
    }

    /** How many snapshots the VM holds, pending ones included. */
    int countHeld(String vmId) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_snapshot WHERE vm_id = :vmId AND state IN ('PENDING', 'ACTIVE')")
                .param("vmId", vmId)
                .query(Integer.class)
                .single();
    }

    /** The VM's pending and live snapshots, oldest first. */
    List<SnapshotRow> held(String vmId) {
        return jdbc.sql("SELECT " + COLUMNS + """

                  FROM vm_snapshot s
                  LEFT JOIN app_user u ON u.id = s.created_by
                 WHERE s.vm_id = :vmId
                   AND s.state IN ('PENDING', 'ACTIVE')
                 ORDER BY COALESCE(s.taken_at, s.created_at), s.id""")
                .param("vmId", vmId)
                .query(SnapshotStore::row)
                .list();
    }

    /** The VM's live snapshot {@code snapId}. */
    Optional<SnapshotRow> active(String vmId, String snapId) {
        return jdbc.sql("SELECT " + COLUMNS + """

                  FROM vm_snapshot s
                  LEFT JOIN app_user u ON u.id = s.created_by
                 WHERE s.vm_id = :vmId
                   AND s.snap_id = :snapId
                   AND s.state = 'ACTIVE'""")
                .param("vmId", vmId)
                .param("snapId", snapId)
                .query(SnapshotStore::row)
                .optional();
    }

    /** The snapshot operation {@code operationId} was taking: now live as {@code snapId}. */
    void taken(long operationId, String snapId, Instant takenAt) {
        jdbc.sql("""
                UPDATE vm_snapshot SET snap_id = :snapId, state = 'ACTIVE', taken_at = :takenAt,
                                       updated_at = NOW(3)
                 WHERE operation_id = :operationId AND state = 'PENDING'""")
                .param("snapId", snapId)
                .param("takenAt", Timestamp.from(takenAt))
                .param("operationId", operationId)
                .update();
    }

    /** A pending snapshot (taken by an operation whose event never named it) found on the platform. */
    void adopt(long id, String snapId, Instant takenAt) {
        jdbc.sql("""
                UPDATE vm_snapshot SET snap_id = :snapId, state = 'ACTIVE', taken_at = :takenAt, updated_at = NOW(3)
                 WHERE id = :id AND state = 'PENDING'""")
                .param("snapId", snapId)
                .param("takenAt", takenAt == null ? null : Timestamp.from(takenAt))
                .param("id", id)
                .update();
    }

    /** The snapshot operation {@code operationId} was taking failed with {@code code} (or timed out). */
    void failed(long operationId, String code) {
        jdbc.sql("""
                UPDATE vm_snapshot SET state = 'FAILED', result_code = :code, updated_at = NOW(3)
                 WHERE operation_id = :operationId AND state = 'PENDING'""")
                .param("code", code)
                .param("operationId", operationId)
                .update();
    }

    /** A pending row the platform shows no snapshot for once nothing is under way: it was never taken. */
    void abandon(long id) {
        jdbc.sql("UPDATE vm_snapshot SET state = 'FAILED', updated_at = NOW(3) WHERE id = :id AND state = 'PENDING'")
                .param("id", id)
                .update();
    }

    /** Snapshot {@code snapId} of the VM is gone from the platform. */
    void deleted(String vmId, String snapId) {
        jdbc.sql("""
                UPDATE vm_snapshot SET state = 'DELETED', updated_at = NOW(3)
                 WHERE vm_id = :vmId AND snap_id = :snapId AND state = 'ACTIVE'""")
                .param("vmId", vmId)
                .param("snapId", snapId)
                .update();
    }

    private static SnapshotRow row(ResultSet rs, int n) throws SQLException {
        return new SnapshotRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, Long.class), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)), rs.getString(10));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

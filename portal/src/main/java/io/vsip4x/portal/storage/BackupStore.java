package io.vsip4x.portal.storage;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Usage;
import io.vsip4x.portal.tenancy.UsageSource;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.sdk.model.BackupInfo;
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
 * The portal's list of backups ({@code vm_backup}): the platform has no method listing them, so
 * each is recorded from the {@code detail} of its {@code backupVm} callback; what they use of the
 * {@code backups} quota (live ones used, ones being made reserved). The platform drops a VM's backups
 * with the VM: those of a deleted VM no longer count.
 */
@Repository
class BackupStore implements UsageSource {

    /**
     * The result code of a backup the platform reported made without naming it: it cannot be
     * restored or deleted, and no longer counts (the page says why in the reader's language).
     */
    static final String UNNAMED = "UNNAMED";

    private static final String COLUMNS = """
            b.id, b.vm_id, b.backup_id, b.name, b.description, b.memory_snapshot, b.checksum, b.size_bytes,
            b.state, b.result_code, u.username, b.operation_id, b.backup_time, b.created_at""";

    /**
     * One row.
     *
     * @param backupId   the platform's id, or {@code null} while it is being made (or when it failed)
     * @param state      {@code PENDING}, {@code ACTIVE}, {@code FAILED} or {@code DELETED}
     * @param resultCode the platform's code of a failed backup, or {@code null}
     * @param createdBy  who asked for it
     */
    record BackupRow(long id, String vmId, String backupId, String name, String description, boolean memorySnapshot,
            boolean checksum, long sizeBytes, String state, String resultCode, String createdBy, Long operationId,
            Instant backupTime, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    BackupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Usage usage(long tenantId, Long ownerId) {
        return jdbc.sql("""
                SELECT b.state, COUNT(*)
                  FROM vm_backup b
                  JOIN vm v ON v.vm_id = b.vm_id
                 WHERE b.tenant_id = :tenantId
                   AND (:ownerId IS NULL OR b.owner_id = :ownerId)
                   AND b.state IN ('PENDING', 'ACTIVE')
                   AND v.lifecycle NOT IN ('DELETED', 'FAILED')
                 GROUP BY b.state""")
                .param("tenantId", tenantId)
                .param("ownerId", ownerId)
                .query((rs, n) -> {
                    Quota amount = new Quota(0, 0, 0, 0, 0, 0, rs.getLong(2));
                    return "ACTIVE".equals(rs.getString(1)) ? new Usage(amount, Quota.ZERO)
                            : new Usage(Quota.ZERO, amount);
                })
                .list()
                .stream()
                .reduce(Usage.NONE, Usage::plus);
    }

    /** Records a backup of {@code vm} being made by operation {@code operationId}. */
    void insertPending(Vm vm, long createdBy, long operationId, String description, boolean memorySnapshot,
            boolean checksum) {
        jdbc.sql("""
                INSERT INTO vm_backup (vm_id, tenant_id, owner_id, description, memory_snapshot, checksum, state,
                                       created_by, operation_id)
                VALUES (:vmId, :tenantId, :ownerId, :description, :memory, :checksum, 'PENDING', :createdBy,
                        :operationId)""")
                .param("vmId", vm.vmId())
                .param("tenantId", vm.tenantId())
                .param("ownerId", vm.ownerId())
                .param("description", description)
                .param("memory", memorySnapshot)
                .param("checksum", checksum)
                .param("createdBy", createdBy)
                .param("operationId", operationId)
                .update();
    }

    /** The VM's backups, newest first: live and pending ones, and the failed ones of the last day. */
    List<BackupRow> listed(String vmId) {
        return jdbc.sql("SELECT " + COLUMNS + """

                  FROM vm_backup b
                  LEFT JOIN app_user u ON u.id = b.created_by
                 WHERE b.vm_id = :vmId
                   AND (b.state IN ('PENDING', 'ACTIVE')
                        OR (b.state = 'FAILED' AND b.updated_at > NOW(3) - INTERVAL 1 DAY))
                 ORDER BY b.created_at DESC, b.id DESC""")
                .param("vmId", vmId)
                .query(BackupStore::row)
                .list();
    }

    /** The VM's live backup {@code backupId}. */
    Optional<BackupRow> active(String vmId, String backupId) {
        return jdbc.sql("SELECT " + COLUMNS + """

                  FROM vm_backup b
                  LEFT JOIN app_user u ON u.id = b.created_by
                 WHERE b.vm_id = :vmId
                   AND b.backup_id = :backupId
                   AND b.state = 'ACTIVE'""")
                .param("vmId", vmId)
                .param("backupId", backupId)
                .query(BackupStore::row)
                .optional();
    }

    /** The backup operation {@code operationId} was making is done, as the callback's detail tells. */
    void made(long operationId, BackupInfo info, Instant fallbackTime) {
        jdbc.sql("""
                UPDATE vm_backup SET backup_id = :backupId, name = :name, size_bytes = :size,
                                     backup_time = :time, state = 'ACTIVE', updated_at = NOW(3)
                 WHERE operation_id = :operationId AND state = 'PENDING'""")
                .param("backupId", info.backupId())
                .param("name", info.name())
                .param("size", info.sizeBytes())
                .param("time", Timestamp.from(info.createdAt() == null ? fallbackTime : info.createdAt()))
                .param("operationId", operationId)
                .update();
    }

    /** Whether the portal has a row of backup {@code backupId} of the VM, in any state. */
    boolean known(String vmId, String backupId) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_backup WHERE vm_id = :vmId AND backup_id = :backupId")
                .param("vmId", vmId)
                .param("backupId", backupId)
                .query(Integer.class)
                .single() > 0;
    }

    /**
     * A backup of {@code vm} the platform reported after its operation had ended (timed out): it
     * completes the VM's newest backup that timed out, or is recorded as a new one when there is none.
     */
    void madeLate(Vm vm, BackupInfo info, Instant fallbackTime) {
        Timestamp time = Timestamp.from(info.createdAt() == null ? fallbackTime : info.createdAt());
        int updated = jdbc.sql("""
                UPDATE vm_backup SET backup_id = :backupId, name = :name, size_bytes = :size, backup_time = :time,
                                     state = 'ACTIVE', updated_at = NOW(3)
                 WHERE vm_id = :vmId AND backup_id IS NULL AND result_code IS NULL AND state IN ('PENDING', 'FAILED')
                 ORDER BY created_at DESC, id DESC
                 LIMIT 1""")
                .param("backupId", info.backupId())
                .param("name", info.name())
                .param("size", info.sizeBytes())
                .param("time", time)
                .param("vmId", vm.vmId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO vm_backup (vm_id, tenant_id, owner_id, backup_id, name, description, memory_snapshot,
                                           checksum, size_bytes, state, backup_time)
                    VALUES (:vmId, :tenantId, :ownerId, :backupId, :name, :description, :memory, :checksum, :size,
                            'ACTIVE', :time)""")
                    .param("vmId", vm.vmId())
                    .param("tenantId", vm.tenantId())
                    .param("ownerId", vm.ownerId())
                    .param("backupId", info.backupId())
                    .param("name", info.name())
                    .param("description", detail(info, "description"))
                    .param("memory", "true".equals(detail(info, "memorySnapshot")))
                    .param("checksum", "true".equals(detail(info, "checksum")))
                    .param("size", info.sizeBytes())
                    .param("time", time)
                    .update();
        }
    }

    /** The backup operation {@code operationId} was making failed with {@code code} (or timed out). */
    void failed(long operationId, String code) {
        jdbc.sql("""
                UPDATE vm_backup SET state = 'FAILED', result_code = :code, updated_at = NOW(3)
                 WHERE operation_id = :operationId AND state = 'PENDING'""")
                .param("code", code)
                .param("operationId", operationId)
                .update();
    }

    /** Backup {@code backupId} of the VM is gone from the platform. */
    void deleted(String vmId, String backupId) {
        jdbc.sql("""
                UPDATE vm_backup SET state = 'DELETED', updated_at = NOW(3)
                 WHERE vm_id = :vmId AND backup_id = :backupId AND state = 'ACTIVE'""")
                .param("vmId", vmId)
                .param("backupId", backupId)
                .update();
    }

    /** A VM restored into another pool belongs to it from now on. */
    void movedToPool(String vmId, String repoId) {
        jdbc.sql("UPDATE vm SET repo_id = :repoId, updated_at = NOW(3) WHERE vm_id = :vmId")
                .param("repoId", repoId)
                .param("vmId", vmId)
                .update();
    }

    private static String detail(BackupInfo info, String key) {
        Object value = info.raw() == null ? null : info.raw().get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static BackupRow row(ResultSet rs, int n) throws SQLException {
        return new BackupRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getBoolean(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getObject(12, Long.class), SnapshotStore.instant(rs.getTimestamp(13)),
                SnapshotStore.instant(rs.getTimestamp(14)));
    }
}

package io.vsip4x.portal.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data disks people see and manage: those asked for and still awaiting a decision, those
 * being made and those in use. Creating and growing disks go through the requests
 * ({@code requests.DataDiskStore}); this attaches, detaches and deletes them.
 */
@Repository
class DataDiskRepository {

    /** A disk on a VM that was deleted is detached: the platform unmounts it when it deletes the VM. */
    private static final String SELECT = """
            SELECT d.disk_id, d.name, d.tenant_id, d.owner_id, u.display_name,
                   CASE WHEN v.lifecycle = 'DELETED' THEN NULL ELSE d.vm_id END AS vm_id,
                   CASE WHEN v.lifecycle = 'DELETED' THEN NULL ELSE v.name END AS vm_name,
                   d.repo_id, d.size_gb, d.lifecycle, d.classification, d.request_id, d.created_at,
                   u.username, x.data_disk_gb, x.id
              FROM data_disk d
              JOIN app_user u ON u.id = d.owner_id
              LEFT JOIN vm v ON v.vm_id = d.vm_id
              LEFT JOIN vm_request r ON r.id = d.request_id
              LEFT JOIN vm_request x ON x.id = (SELECT MAX(e.id) FROM vm_request e
                                                 WHERE e.kind = 'DATA_DISK' AND e.data_disk_id = d.disk_id
                                                   AND e.state IN ('PENDING', 'CHANGES_REQUESTED'))
            """;
    private static final String SHOWN = """
               AND (d.lifecycle IN ('PENDING', 'ACTIVE')
                    OR (d.lifecycle = 'REQUESTED' AND r.state IN ('PENDING', 'CHANGES_REQUESTED')))
            """;

    private final JdbcClient jdbc;

    DataDiskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The disks of a tenant ({@code null}: of every tenant) worth showing, newest first. */
    @Transactional(propagation = Propagation.SUPPORTS)
    List<DataDiskRow> shown(Long tenantId) {
        return jdbc.sql(SELECT + " WHERE (:tenantId IS NULL OR d.tenant_id = :tenantId)" + SHOWN
                        + " ORDER BY d.created_at DESC, d.disk_id")
                .param("tenantId", tenantId)
                .query(DataDiskRepository::map)
                .list();
    }

    /** The disks of a VM worth showing, oldest first. */
    @Transactional(propagation = Propagation.SUPPORTS)
    List<DataDiskRow> onVm(String vmId) {
        return jdbc.sql(SELECT + " WHERE d.vm_id = :vmId AND v.lifecycle <> 'DELETED'" + SHOWN
                        + " ORDER BY d.created_at, d.disk_id")
                .param("vmId", vmId)
                .query(DataDiskRepository::map)
                .list();
    }

    /** A disk, read without a lock. */
    @Transactional(propagation = Propagation.SUPPORTS)
    Optional<DataDiskRow> find(String diskId) {
        return jdbc.sql(SELECT + " WHERE d.disk_id = :diskId")
                .param("diskId", diskId)
                .query(DataDiskRepository::map)
                .optional();
    }

    /** Locks a disk's row for the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<DataDiskRow> lock(String diskId) {
        List<String> ids = jdbc.sql("SELECT disk_id FROM data_disk WHERE disk_id = :diskId FOR UPDATE")
                .param("diskId", diskId)
                .query(String.class)
                .list();
        return ids.isEmpty() ? Optional.empty() : find(diskId);
    }

    /** Records the VM a disk is attached to ({@code null}: detached). */
    @Transactional(propagation = Propagation.MANDATORY)
    void attachTo(String diskId, String vmId) {
        jdbc.sql("UPDATE data_disk SET vm_id = :vmId, updated_at = NOW(3) WHERE disk_id = :diskId")
                .param("diskId", diskId)
                .param("vmId", vmId)
                .update();
    }

    /** Frees a disk reserved for VM {@code vmId} whose attach the platform refused. */
    @Transactional(propagation = Propagation.MANDATORY)
    void release(String diskId, String vmId) {
        jdbc.sql("UPDATE data_disk SET vm_id = NULL, updated_at = NOW(3) WHERE disk_id = :diskId AND vm_id = :vmId")
                .param("diskId", diskId)
                .param("vmId", vmId)
                .update();
    }

    /** Raises a disk's classification to {@code level} when it is lower (it holds data of that level now). */
    @Transactional(propagation = Propagation.MANDATORY)
    void raiseClassification(String diskId, int level) {
        jdbc.sql("UPDATE data_disk SET classification = :level WHERE disk_id = :diskId AND classification < :level")
                .param("diskId", diskId)
                .param("level", level)
                .update();
    }

    /** Forgets the VM of a disk when that VM was deleted (the platform unmounted the disk then). */
    @Transactional(propagation = Propagation.MANDATORY)
    void forgetDeletedVm(String diskId) {
        jdbc.sql("""
                UPDATE data_disk d
                  JOIN vm v ON v.vm_id = d.vm_id
                   SET d.vm_id = NULL, d.updated_at = NOW(3)
                 WHERE d.disk_id = :diskId
                   AND v.lifecycle = 'DELETED'""")
                .param("diskId", diskId)
                .update();
    }

    /** Records that a disk is gone: it no longer counts against the quota. */
    @Transactional(propagation = Propagation.MANDATORY)
    void deleted(String diskId) {
        jdbc.sql("""
                UPDATE data_disk
                   SET lifecycle = 'DELETED', vm_id = NULL, updated_at = NOW(3)
                 WHERE disk_id = :diskId""")
                .param("diskId", diskId)
                .update();
    }

    /** The newest operation queued for the request that asked for a disk, if any. */
    @Transactional(propagation = Propagation.SUPPORTS)
    Optional<Long> operationOf(long requestId) {
        return jdbc.sql("SELECT id FROM operation WHERE request_id = :requestId ORDER BY id DESC LIMIT 1")
                .param("requestId", requestId)
                .query(Long.class)
                .optional();
    }

    private static DataDiskRow map(ResultSet rs, int row) throws SQLException {
        return new DataDiskRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10), rs.getInt(11),
                rs.getObject(12, Long.class), rs.getTimestamp(13).toInstant(), rs.getString(14),
                rs.getObject(15, Long.class), rs.getObject(16, Long.class));
    }
}

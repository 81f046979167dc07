package io.vsip4x.portal.requests;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Usage;
import io.vsip4x.portal.tenancy.UsageSource;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data disks the portal knows, and what they use of the data-disk quota: ACTIVE disks as
 * used, PENDING ones (approved, not yet created) as reserved.
 */
@Repository
class DataDiskStore implements UsageSource {

    /** A data disk of a VM. */
    record DataDisk(String diskId, String name, long tenantId, long ownerId, String vmId, Long requestId,
            long sizeGb, String lifecycle) {
    }

    private final JdbcClient jdbc;

    DataDiskStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a tenant's (or one owner's) data disks use: live ones as used, approved ones as reserved. */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Usage usage(long tenantId, Long ownerId) {
        return jdbc.sql("""
                SELECT lifecycle, COALESCE(SUM(size_gb), 0)
                  FROM data_disk
                 WHERE tenant_id = :tenantId
                   AND (:ownerId IS NULL OR owner_id = :ownerId)
                   AND lifecycle IN ('PENDING', 'ACTIVE')
                 GROUP BY lifecycle""")
                .param("tenantId", tenantId)
                .param("ownerId", ownerId)
                .query((rs, n) -> {
                    Quota amount = new Quota(0, 0, 0, rs.getLong(2), 0, 0, 0);
                    return "ACTIVE".equals(rs.getString(1)) ? new Usage(amount, Quota.ZERO)
                            : new Usage(Quota.ZERO, amount);
                })
                .list()
                .stream()
                .reduce(Usage.NONE, Usage::plus);
    }

    /**
     * Records a disk approved for creation at level {@code classification}: it holds its size of
     * the quota from now on.
     */
    void insertPending(DataDisk disk, String repoId, int classification) {
        jdbc.sql("""
                INSERT INTO data_disk (disk_id, name, tenant_id, owner_id, vm_id, request_id, repo_id, size_gb,
                                       lifecycle, classification)
                VALUES (:diskId, :name, :tenantId, :ownerId, :vmId, :requestId, :repoId, :sizeGb, 'PENDING',
                        :classification)""")
                .param("diskId", disk.diskId())
                .param("name", disk.name())
                .param("tenantId", disk.tenantId())
                .param("ownerId", disk.ownerId())
                .param("vmId", disk.vmId())
                .param("requestId", disk.requestId())
                .param("repoId", repoId)
                .param("sizeGb", disk.sizeGb())
                .param("classification", classification)
                .update();
    }

    /** A disk asked for and not yet approved: where it goes once it is. */
    record Requested(String diskId, String vmId, String repoId) {
    }

    /**
     * Records a disk asked for by request {@code disk.requestId()}: it shows as asked for and holds
     * no quota until the request is approved.
     */
    void insertRequested(DataDisk disk, String repoId, int classification) {
        jdbc.sql("""
                INSERT INTO data_disk (disk_id, name, tenant_id, owner_id, vm_id, request_id, repo_id, size_gb,
                                       lifecycle, classification)
                VALUES (:diskId, :name, :tenantId, :ownerId, :vmId, :requestId, :repoId, :sizeGb, 'REQUESTED',
                        :classification)""")
                .param("diskId", disk.diskId())
                .param("name", disk.name())
                .param("tenantId", disk.tenantId())
                .param("ownerId", disk.ownerId())
                .param("vmId", disk.vmId())
                .param("requestId", disk.requestId())
                .param("repoId", repoId)
                .param("sizeGb", disk.sizeGb())
                .param("classification", classification)
                .update();
    }

    /** The disk request {@code requestId} asked for, if it recorded one. */
    Optional<Requested> requestedBy(long requestId) {
        return jdbc.sql("""
                SELECT disk_id, vm_id, repo_id
                  FROM data_disk
                 WHERE request_id = :requestId
                   AND lifecycle = 'REQUESTED'""")
                .param("requestId", requestId)
                .query((rs, n) -> new Requested(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** The data-disk requests for VM {@code vmId} still awaiting a decision, oldest first. */
    List<Long> openRequestsOn(String vmId) {
        return jdbc.sql("""
                SELECT id
                  FROM vm_request
                 WHERE kind = 'DATA_DISK'
                   AND vm_id = :vmId
                   AND state IN ('PENDING', 'CHANGES_REQUESTED')
                 ORDER BY id""")
                .param("vmId", vmId)
                .query(Long.class)
                .list();
    }

    /** The classification a disk carries (that of the VM it was made for). */
    int classificationOf(String diskId) {
        return jdbc.sql("SELECT classification FROM data_disk WHERE disk_id = :diskId")
                .param("diskId", diskId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Locks a disk's row for the caller's transaction and reads it. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<DataDisk> lock(String diskId) {
        List<String> ids = jdbc.sql("SELECT disk_id FROM data_disk WHERE disk_id = :diskId FOR UPDATE")
                .param("diskId", diskId)
                .query(String.class)
                .list();
        return ids.isEmpty() ? Optional.empty() : find(diskId);
    }

    /**
     * Whether an extend of disk {@code diskId} is open: a request for it awaiting a decision or
     * approved and not yet finished, or an operation growing it not yet finished.
     */
    boolean extendOpen(String diskId) {
        return jdbc.sql("""
                SELECT COUNT(*)
                  FROM vm_request r
                 WHERE r.kind = 'DATA_DISK'
                   AND r.data_disk_id = :diskId
                   AND (r.state IN ('PENDING', 'CHANGES_REQUESTED', 'APPROVED')
                        OR EXISTS (SELECT 1 FROM operation o
                                    WHERE o.request_id = r.id AND o.kind = 'EXTEND_DATA_DISK'
                                      AND o.state IN ('QUEUED', 'SENDING', 'SENT')))""")
                .param("diskId", diskId)
                .query(Integer.class)
                .single() > 0;
    }

    Optional<DataDisk> find(String diskId) {
        return jdbc.sql("""
                SELECT disk_id, name, tenant_id, owner_id, vm_id, request_id, size_gb, lifecycle
                  FROM data_disk
                 WHERE disk_id = :diskId""")
                .param("diskId", diskId)
                .query((rs, n) -> new DataDisk(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getObject(6, Long.class), rs.getLong(7), rs.getString(8)))
                .optional();
    }

    /** The live disks of a VM, oldest first. */
    List<DataDisk> activeOn(String vmId) {
        return jdbc.sql("""
                SELECT disk_id, name, tenant_id, owner_id, vm_id, request_id, size_gb, lifecycle
                  FROM data_disk
                 WHERE vm_id = :vmId
                   AND lifecycle = 'ACTIVE'
                 ORDER BY created_at, disk_id""")
                .param("vmId", vmId)
                .query((rs, n) -> new DataDisk(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getObject(6, Long.class), rs.getLong(7), rs.getString(8)))
                .list();
    }

    /** Moves a disk to {@code lifecycle} (ACTIVE once created, FAILED when it was not). */
    void changeLifecycle(String diskId, String lifecycle) {
        jdbc.sql("UPDATE data_disk SET lifecycle = :lifecycle, updated_at = NOW(3) WHERE disk_id = :diskId")
                .param("diskId", diskId)
                .param("lifecycle", lifecycle)
                .update();
    }

    /** Records a disk's new size. */
    void resize(String diskId, long sizeGb) {
        jdbc.sql("UPDATE data_disk SET size_gb = :sizeGb, updated_at = NOW(3) WHERE disk_id = :diskId")
                .param("diskId", diskId)
                .param("sizeGb", sizeGb)
                .update();
    }
}

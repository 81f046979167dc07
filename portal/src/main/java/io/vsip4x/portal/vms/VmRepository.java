package io.vsip4x.portal.vms;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Usage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the VM inventory. */
@Repository
class VmRepository {

    private static final String SELECT = """
            SELECT v.vm_id, v.name, v.tenant_id, v.owner_id, u.username, v.request_id, v.template_id,
                   v.repo_id, v.cpu, v.memory_mb, v.disk_gb, v.network, v.lifecycle, v.status, v.host_id,
                   v.status_seq, v.created_at, v.updated_at, v.classification, v.lease_expires_at
              FROM vm v
              JOIN app_user u ON u.id = v.owner_id
            """;

    private final JdbcClient jdbc;

    VmRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPending(Vm vm) {
        jdbc.sql("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, request_id, template_id, repo_id, cpu,
                                memory_mb, disk_gb, network, lifecycle, classification)
                VALUES (:vmId, :name, :tenantId, :ownerId, :requestId, :templateId, :repoId, :cpu,
                        :memoryMb, :diskGb, :network, 'PENDING', :classification)""")
                .param("vmId", vm.vmId())
                .param("name", vm.name())
                .param("tenantId", vm.tenantId())
                .param("ownerId", vm.ownerId())
                .param("requestId", vm.requestId())
                .param("templateId", vm.templateId())
                .param("repoId", vm.repoId())
                .param("cpu", vm.cpu())
                .param("memoryMb", vm.memoryMb())
                .param("diskGb", vm.diskGb())
                .param("network", vm.network())
                .param("classification", vm.classification())
                .update();
    }

    Optional<Vm> find(String vmId) {
        return jdbc.sql(SELECT + " WHERE v.vm_id = :vmId")
                .param("vmId", vmId)
                .query(VmRepository::map)
                .optional();
    }

    /** Reads a VM with its row (and only its row) locked to the end of the transaction. */
    Optional<Vm> lock(String vmId) {
        boolean exists = jdbc.sql("SELECT vm_id FROM vm WHERE vm_id = :vmId FOR UPDATE").param("vmId", vmId)
                .query(String.class).optional().isPresent();
        return exists ? find(vmId) : Optional.empty();
    }

    /**
     * Reads a VM with its row locked in one statement, without its owner's name (which would lock
     * the owner's row too): for the platform's reports, which come often and need no name.
     */
    Optional<Vm> lockWithoutOwnerName(String vmId) {
        return jdbc.sql("""
                SELECT vm_id, name, tenant_id, owner_id, NULL AS username, request_id, template_id, repo_id, cpu,
                       memory_mb, disk_gb, network, lifecycle, status, host_id, status_seq, created_at, updated_at,
                       classification, lease_expires_at
                  FROM vm
                 WHERE vm_id = :vmId
                   FOR UPDATE""")
                .param("vmId", vmId)
                .query(VmRepository::map)
                .optional();
    }

    List<Vm> forRequest(long requestId) {
        return jdbc.sql(SELECT + " WHERE v.request_id = :requestId ORDER BY v.vm_id")
                .param("requestId", requestId)
                .query(VmRepository::map)
                .list();
    }

    /**
     * What a tenant's (or one owner's) VMs use: approved ones not yet created as reserved, every
     * other one as used until it failed or the platform reported it deleted.
     */
    Usage usage(long tenantId, Long ownerId) {
        return jdbc.sql("""
                SELECT lifecycle, COALESCE(SUM(cpu), 0), COALESCE(SUM(memory_mb), 0), COALESCE(SUM(disk_gb), 0),
                       COUNT(*)
                  FROM vm
                 WHERE tenant_id = :tenantId
                   AND (:ownerId IS NULL OR owner_id = :ownerId)
                   AND lifecycle NOT IN ('FAILED', 'DELETED')
                 GROUP BY lifecycle""")
                .param("tenantId", tenantId)
                .param("ownerId", ownerId)
                .query((rs, n) -> {
                    Quota amount = new Quota(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                    return "PENDING".equals(rs.getString(1)) ? new Usage(Quota.ZERO, amount)
                            : new Usage(amount, Quota.ZERO);
                })
                .list()
                .stream()
                .reduce(Usage.NONE, Usage::plus);
    }

    void updateState(String vmId, VmLifecycle lifecycle, Integer status, String hostId, long seq) {
        jdbc.sql("""
                UPDATE vm
                   SET lifecycle = :lifecycle, status = :status, host_id = COALESCE(:hostId, host_id),
                       status_seq = :seq, updated_at = NOW(3)
                 WHERE vm_id = :vmId""")
                .param("vmId", vmId)
                .param("lifecycle", lifecycle.name())
                .param("status", status)
                .param("hostId", hostId)
                .param("seq", seq)
                .update();
    }

    /** The classification of every VM not deleted, by id. */
    Map<String, Integer> classifications() {
        Map<String, Integer> levels = new HashMap<>();
        jdbc.sql("SELECT vm_id, classification FROM vm WHERE lifecycle <> 'DELETED'")
                .query(rs -> {
                    levels.put(rs.getString(1), rs.getInt(2));
                });
        return levels;
    }

    void updateClassification(String vmId, int level) {
        jdbc.sql("UPDATE vm SET classification = :level, updated_at = NOW(3) WHERE vm_id = :vmId")
                .param("vmId", vmId)
                .param("level", level)
                .update();
    }

    void updateShape(String vmId, int cpu, long memoryMb, long diskGb) {
        jdbc.sql("""
                UPDATE vm
                   SET cpu = :cpu, memory_mb = :memoryMb, disk_gb = :diskGb, updated_at = NOW(3)
                 WHERE vm_id = :vmId""")
                .param("vmId", vmId)
                .param("cpu", cpu)
                .param("memoryMb", memoryMb)
                .param("diskGb", diskGb)
                .update();
    }

    /** Records the pool a VM was moved to. */
    void updatePool(String vmId, String repoId) {
        jdbc.sql("UPDATE vm SET repo_id = :repoId, updated_at = NOW(3) WHERE vm_id = :vmId")
                .param("vmId", vmId)
                .param("repoId", repoId)
                .update();
    }

    /** Sets a VM's lifecycle when it is in {@code from}; returns whether it was. */
    boolean changeLifecycle(String vmId, VmLifecycle from, VmLifecycle to) {
        return jdbc.sql("""
                UPDATE vm SET lifecycle = :to, updated_at = NOW(3)
                 WHERE vm_id = :vmId AND lifecycle = :from""")
                .param("vmId", vmId)
                .param("from", from.name())
                .param("to", to.name())
                .update() == 1;
    }

    /** Marks the still-pending VMs of a request failed, releasing their reservation. */
    int releasePending(long requestId) {
        return jdbc.sql("""
                UPDATE vm
                   SET lifecycle = 'FAILED', updated_at = NOW(3)
                 WHERE request_id = :requestId
                   AND lifecycle = 'PENDING'""")
                .param("requestId", requestId)
                .update();
    }

    /** A VM from a row with the columns of {@link #SELECT} (named as there). */
    static Vm map(ResultSet rs, int row) throws SQLException {
        return new Vm(
                rs.getString("vm_id"),
                rs.getString("name"),
                rs.getLong("tenant_id"),
                rs.getLong("owner_id"),
                rs.getString("username"),
                rs.getObject("request_id", Long.class),
                rs.getString("template_id"),
                rs.getString("repo_id"),
                rs.getInt("cpu"),
                rs.getLong("memory_mb"),
                rs.getLong("disk_gb"),
                rs.getString("network"),
                VmLifecycle.valueOf(rs.getString("lifecycle")),
                rs.getObject("status", Integer.class),
                rs.getString("host_id"),
                rs.getLong("status_seq"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("classification"),
                rs.getTimestamp("lease_expires_at") == null ? null : rs.getTimestamp("lease_expires_at").toInstant());
    }

    /** The code of tenant {@code tenantId}, which the audit events of its VMs carry; {@code null} when unknown. */
    String tenantCode(long tenantId) {
        return jdbc.sql("SELECT code FROM tenant WHERE id = :id").param("id", tenantId)
                .query(String.class).optional().orElse(null);
    }
}

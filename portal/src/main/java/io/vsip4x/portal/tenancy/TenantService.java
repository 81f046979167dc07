package io.vsip4x.portal.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Tenants, their quotas and the resources open to them. */
@Service
public class TenantService {

    private static final String COLUMNS = """
            id, code, name, quota_cpu, quota_memory_mb, quota_disk_gb, quota_data_disk_gb, quota_vms,
            quota_snapshots, quota_backups, vm_max_cpu, vm_max_memory_mb, vm_max_disk_gb,
            classification_ceiling, lease_max_days""";

    private final JdbcClient jdbc;

    TenantService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tenant by id. */
    @Transactional(readOnly = true)
    public Optional<Tenant> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = :id")
                .param("id", id)
                .query(TenantService::map)
                .optional();
    }

    /**
     * A tenant read with a row lock held to the end of the caller's transaction: whoever
     * checks and reserves quota does it under this lock, so concurrent approvals serialise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Tenant lockForQuota(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(TenantService::map)
                .single();
    }

    /** Whether any tenant exists. */
    @Transactional(readOnly = true)
    public boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM tenant").query(Integer.class).single() > 0;
    }

    /** Creates a tenant. */
    @Transactional
    public long create(String code, String name, Quota quota) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO tenant (code, name, quota_cpu, quota_memory_mb, quota_disk_gb, quota_data_disk_gb,
                                    quota_vms, quota_snapshots, quota_backups)
                VALUES (:code, :name, :cpu, :memoryMb, :diskGb, :dataDiskGb, :vms, :snapshots, :backups)""")
                .param("code", code)
                .param("name", name)
                .param("cpu", quota.cpu())
                .param("memoryMb", quota.memoryMb())
                .param("diskGb", quota.diskGb())
                .param("dataDiskGb", quota.dataDiskGb())
                .param("vms", quota.vms())
                .param("snapshots", quota.snapshots())
                .param("backups", quota.backups())
                .update(keys);
        return keys.getKey().longValue();
    }

    /**
     * Replaces a tenant's quota limits in the caller's transaction (lowering them below what is
     * used is allowed: nothing more fits until usage falls).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void setQuota(long tenantId, Quota limits) {
        jdbc.sql("""
                UPDATE tenant
                   SET quota_cpu = :cpu, quota_memory_mb = :memoryMb, quota_disk_gb = :diskGb,
                       quota_data_disk_gb = :dataDiskGb, quota_vms = :vms, quota_snapshots = :snapshots,
                       quota_backups = :backups, version = version + 1
                 WHERE id = :id""")
                .param("id", tenantId)
                .param("cpu", limits.cpu())
                .param("memoryMb", limits.memoryMb())
                .param("diskGb", limits.diskGb())
                .param("dataDiskGb", limits.dataDiskGb())
                .param("vms", limits.vms())
                .param("snapshots", limits.snapshots())
                .param("backups", limits.backups())
                .update();
    }

    /** Every tenant, by code. */
    @Transactional(readOnly = true)
    public List<Tenant> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant ORDER BY code")
                .query(TenantService::map)
                .list();
    }

    /** A tenant by code. */
    @Transactional(readOnly = true)
    public Optional<Tenant> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE code = :code")
                .param("code", code)
                .query(TenantService::map)
                .optional();
    }

    /** The optimistic version of a tenant's settings; every change of them raises it. */
    @Transactional(readOnly = true)
    public int version(long tenantId) {
        return jdbc.sql("SELECT version FROM tenant WHERE id = :id")
                .param("id", tenantId)
                .query(Integer.class)
                .single();
    }

    /** Whether another tenant than {@code exceptId} ({@code null}: any) has {@code code}. */
    @Transactional(readOnly = true)
    public boolean codeTaken(String code, Long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM tenant WHERE code = :code AND (:except IS NULL OR id <> :except)")
                .param("code", code)
                .param("except", exceptId)
                .query(Integer.class)
                .single() > 0;
    }

    /**
     * Replaces everything a platform admin edits of a tenant, unless somebody changed it since
     * {@code version} was read.
     *
     * @return whether it was replaced; {@code false} when the version is stale
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean update(long tenantId, int version, Tenant settings) {
        Quota q = settings.quota();
        Tenant.VmCap cap = settings.vmCap();
        int changed = jdbc.sql("""
                UPDATE tenant
                   SET code = :code, name = :name, quota_cpu = :cpu, quota_memory_mb = :memoryMb,
                       quota_disk_gb = :diskGb, quota_data_disk_gb = :dataDiskGb, quota_vms = :vms,
                       quota_snapshots = :snapshots, quota_backups = :backups, vm_max_cpu = :capCpu,
                       vm_max_memory_mb = :capMemoryMb, vm_max_disk_gb = :capDiskGb,
                       classification_ceiling = :ceiling, lease_max_days = :leaseMaxDays,
                       version = version + 1
                 WHERE id = :id
                   AND version = :version""")
                .param("id", tenantId)
                .param("version", version)
                .param("code", settings.code())
                .param("name", settings.name())
                .param("cpu", q.cpu())
                .param("memoryMb", q.memoryMb())
                .param("diskGb", q.diskGb())
                .param("dataDiskGb", q.dataDiskGb())
                .param("vms", q.vms())
                .param("snapshots", q.snapshots())
                .param("backups", q.backups())
                .param("capCpu", cap.cpu())
                .param("capMemoryMb", cap.memoryMb())
                .param("capDiskGb", cap.diskGb())
                .param("ceiling", settings.ceiling())
                .param("leaseMaxDays", settings.leaseMaxDays())
                .update();
        return changed == 1;
    }

    /** Makes exactly {@code resourceIds} the resources of {@code kind} open to a tenant. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void replaceGrants(long tenantId, ResourceKind kind, Set<String> resourceIds) {
        jdbc.sql("DELETE FROM tenant_resource WHERE tenant_id = :t AND kind = :k")
                .param("t", tenantId)
                .param("k", kind.name())
                .update();
        resourceIds.forEach(id -> grant(tenantId, kind, id));
    }

    /** Opens a platform resource to a tenant. */
    @Transactional
    public void grant(long tenantId, ResourceKind kind, String resourceId) {
        jdbc.sql("INSERT IGNORE INTO tenant_resource (tenant_id, kind, resource_id) VALUES (:t, :k, :r)")
                .param("t", tenantId)
                .param("k", kind.name())
                .param("r", resourceId)
                .update();
    }

    /** Closes a platform resource to a tenant. */
    @Transactional
    public void revoke(long tenantId, ResourceKind kind, String resourceId) {
        jdbc.sql("DELETE FROM tenant_resource WHERE tenant_id = :t AND kind = :k AND resource_id = :r")
                .param("t", tenantId)
                .param("k", kind.name())
                .param("r", resourceId)
                .update();
    }

    /** The ids of the resources of {@code kind} open to a tenant. */
    @Transactional(readOnly = true)
    public Set<String> granted(long tenantId, ResourceKind kind) {
        return new TreeSet<>(jdbc.sql("""
                SELECT resource_id
                  FROM tenant_resource
                 WHERE tenant_id = :t
                   AND kind = :k""")
                .param("t", tenantId)
                .param("k", kind.name())
                .query(String.class)
                .list());
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        Quota quota = new Quota(rs.getLong("quota_cpu"), rs.getLong("quota_memory_mb"), rs.getLong("quota_disk_gb"),
                rs.getLong("quota_data_disk_gb"), rs.getLong("quota_vms"), rs.getLong("quota_snapshots"),
                rs.getLong("quota_backups"));
        Tenant.VmCap cap = new Tenant.VmCap(rs.getObject("vm_max_cpu", Integer.class),
                rs.getObject("vm_max_memory_mb", Long.class), rs.getObject("vm_max_disk_gb", Long.class));
        return new Tenant(rs.getLong("id"), rs.getString("code"), rs.getString("name"), quota, cap,
                rs.getInt("classification_ceiling"), rs.getObject("lease_max_days", Integer.class));
    }
}

package io.vsip4x.portal.vms;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes VMs straight into the inventory, as the list tests need them in numbers: active, with
 * the given status, pool, host, template, level and addresses. The platform does not know them;
 * tests remove them with {@link #removeTenant} when done.
 */
public final class VmSeeder {

    /** The shape of one seeded VM; {@code createdAt} orders them. */
    public record Seed(String vmId, String name, long ownerId, int status, String repoId, String hostId,
            String templateId, int classification, String ipAddresses, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final long tenantId;

    public VmSeeder(JdbcClient jdbc, long tenantId) {
        this.jdbc = jdbc;
        this.tenantId = tenantId;
    }

    /** Writes one VM. */
    public void add(Seed vm) {
        jdbc.sql("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, template_id, repo_id, cpu, memory_mb, disk_gb,
                                network, ip_addresses, lifecycle, status, host_id, classification, created_at,
                                updated_at)
                VALUES (:vmId, :name, :tenantId, :ownerId, :templateId, :repoId, 1, 1024, 20, 'vnet-office',
                        :ips, 'ACTIVE', :status, :hostId, :classification, :createdAt, :createdAt)""")
                .param("vmId", vm.vmId())
                .param("name", vm.name())
                .param("tenantId", tenantId)
                .param("ownerId", vm.ownerId())
                .param("templateId", vm.templateId())
                .param("repoId", vm.repoId())
                .param("ips", vm.ipAddresses())
                .param("status", vm.status())
                .param("hostId", vm.hostId())
                .param("classification", vm.classification())
                .param("createdAt", Timestamp.from(vm.createdAt()))
                .update();
    }

    /**
     * Writes {@code count} VMs in one statement: named {@code prefix-00001}…, owned by
     * {@code ownerId}, status {@code n % 2} (stopped or running), on host {@code host-(n % 4)} in
     * pool {@code pool-prod} or (every third) {@code pool-test}, one a second from {@code start}.
     */
    public void addMany(String prefix, long ownerId, int count, Instant start) {
        jdbc.sql("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, template_id, repo_id, cpu, memory_mb, disk_gb,
                                network, ip_addresses, lifecycle, status, host_id, classification, created_at,
                                updated_at)
                SELECT CONCAT('vm-', :prefix, '-', LPAD(seq, 5, '0')), CONCAT(:prefix, '-', LPAD(seq, 5, '0')),
                       :tenantId, :ownerId, 'tpl-centos7', IF(seq % 3 = 0, 'pool-test', 'pool-prod'), 1, 1024, 20,
                       'vnet-office', CONCAT('10.', :tenantId % 200, '.', seq DIV 250, '.', seq % 250 + 1),
                       'ACTIVE', seq % 2, CONCAT('host-', seq % 4), 0,
                       :start + INTERVAL seq SECOND, :start + INTERVAL seq SECOND
                  FROM seq_1_to_""" + count)
                .param("prefix", prefix)
                .param("tenantId", tenantId)
                .param("ownerId", ownerId)
                .param("start", Timestamp.from(start))
                .update();
    }

    /** Removes every VM of the tenant, and their operations. */
    public void removeTenant() {
        jdbc.sql("DELETE FROM operation WHERE vm_id IN (SELECT vm_id FROM vm WHERE tenant_id = :tenantId)")
                .param("tenantId", tenantId).update();
        jdbc.sql("DELETE FROM vm WHERE tenant_id = :tenantId").param("tenantId", tenantId).update();
    }
}

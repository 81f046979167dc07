package io.vsip4x.portal.tenancy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Reads and writes {@code tenant_vm_settings}; a tenant without a row has the defaults. */
@Service
public class TenantVmSettingsService {

    private final JdbcClient jdbc;

    TenantVmSettingsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's settings, or the defaults. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public TenantVmSettings forTenant(long tenantId) {
        return jdbc.sql("""
                SELECT tenant_id, snapshots_per_vm, template_builds, data_disk_approval, templates_max
                  FROM tenant_vm_settings WHERE tenant_id = :tenantId""")
                .param("tenantId", tenantId)
                .query((rs, n) -> new TenantVmSettings(rs.getLong(1), rs.getInt(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getInt(5)))
                .optional()
                .orElseGet(() -> TenantVmSettings.defaults(tenantId));
    }

    /**
     * Writes the tenant's settings as they are; the caller has checked who asks, the values and the
     * tenant, and audits the change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(TenantVmSettings s, long updatedBy) {
        jdbc.sql("""
                INSERT INTO tenant_vm_settings (tenant_id, snapshots_per_vm, template_builds, data_disk_approval,
                                                templates_max, updated_by)
                VALUES (:tenantId, :snapshots, :templates, :approval, :max, :by)
                ON DUPLICATE KEY UPDATE snapshots_per_vm = VALUES(snapshots_per_vm),
                       template_builds = VALUES(template_builds), data_disk_approval = VALUES(data_disk_approval),
                       templates_max = VALUES(templates_max),
                       updated_at = CURRENT_TIMESTAMP(3), updated_by = VALUES(updated_by)""")
                .param("tenantId", s.tenantId())
                .param("snapshots", s.snapshotsPerVm())
                .param("templates", s.templateBuilds())
                .param("approval", s.dataDiskApproval())
                .param("max", s.templatesMax())
                .param("by", updatedBy)
                .update();
    }
}

package io.vsip4x.portal.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The templates made from the portal's VMs ({@code vm_template}). */
@Repository
class TemplateStore {

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A template made from a VM.
     *
     * @param encryption the disk encryption format asked ({@code sm4}, {@code aes}), or {@code null}
     * @param builtBy    the display name of who made it
     */
    record Built(String templateId, long tenantId, String vmId, String vmName, int classification,
            String encryption, boolean checksum, String builtBy, Instant builtAt) {
    }

    void insert(String templateId, long tenantId, String vmId, String vmName, int classification,
            String encryption, boolean checksum, long builtBy) {
        jdbc.sql("""
                INSERT INTO vm_template (template_id, tenant_id, vm_id, vm_name, classification, encryption,
                                         checksum, built_by)
                VALUES (:id, :tenant, :vm, :name, :level, :encryption, :checksum, :by)""")
                .param("id", templateId)
                .param("tenant", tenantId)
                .param("vm", vmId)
                .param("name", vmName)
                .param("level", classification)
                .param("encryption", encryption)
                .param("checksum", checksum)
                .param("by", builtBy)
                .update();
    }

    /** Every template made, by id. */
    Map<String, Built> all() {
        return index(jdbc.sql(SELECT + " ORDER BY t.built_at").query(TemplateStore::map).list());
    }

    /** The templates made from VMs of tenant {@code tenantId}, by id. */
    Map<String, Built> ofTenant(long tenantId) {
        return index(jdbc.sql(SELECT + " WHERE t.tenant_id = :tenant ORDER BY t.built_at")
                .param("tenant", tenantId).query(TemplateStore::map).list());
    }

    /** The templates made from VM {@code vmId}, oldest first. */
    List<Built> ofVm(String vmId) {
        return jdbc.sql(SELECT + " WHERE t.vm_id = :vm ORDER BY t.built_at").param("vm", vmId)
                .query(TemplateStore::map).list();
    }

    private static final String SELECT = """
            SELECT t.template_id, t.tenant_id, t.vm_id, t.vm_name, t.classification, t.encryption, t.checksum,
                   u.display_name, t.built_at
              FROM vm_template t
              JOIN app_user u ON u.id = t.built_by""";

    private static Map<String, Built> index(List<Built> rows) {
        return rows.stream().collect(Collectors.toMap(Built::templateId, Function.identity()));
    }

    private static Built map(ResultSet rs, int row) throws SQLException {
        return new Built(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }
}

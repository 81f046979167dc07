package io.vsip4x.portal.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The templates made from the portal's VMs ({@code vm_template}) and the builds under way, one per
 * VM at most ({@code vm_template_build}).
 */
@Repository
class TemplateStore {

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A template made from a VM.
     *
     * @param encryption  the disk encryption format asked ({@code sm4}, {@code aes}), or {@code null}
     * @param builtBy     the display name of who made it
     * @param displayName the name its maker gave it, or {@code null}
     * @param builtById   the account of who made it
     * @param withdrawnAt when it was withdrawn from its tenant (the platform keeps the image), or {@code null}
     */
    record Built(String templateId, long tenantId, String vmId, String vmName, int classification,
            String encryption, boolean checksum, String builtBy, Instant builtAt, String displayName,
            long builtById, Instant withdrawnAt) {
    }

    void insert(String templateId, long tenantId, String vmId, String vmName, int classification,
            String encryption, boolean checksum, long builtBy, String displayName) {
        jdbc.sql("""
                INSERT INTO vm_template (template_id, tenant_id, vm_id, vm_name, classification, encryption,
                                         checksum, built_by, display_name)
                VALUES (:id, :tenant, :vm, :name, :level, :encryption, :checksum, :by, :display)""")
                .param("id", templateId)
                .param("tenant", tenantId)
                .param("vm", vmId)
                .param("name", vmName)
                .param("level", classification)
                .param("encryption", encryption)
                .param("checksum", checksum)
                .param("by", builtBy)
                .param("display", displayName)
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

    /** Template {@code templateId} if made from a VM, locked until the transaction ends. */
    Optional<Built> lock(String templateId) {
        return jdbc.sql(SELECT + " WHERE t.template_id = :id FOR UPDATE").param("id", templateId)
                .query(TemplateStore::map).optional();
    }

    /** Marks template {@code templateId} withdrawn from its tenant by {@code userId}. */
    void withdraw(String templateId, long userId) {
        jdbc.sql("""
                UPDATE vm_template SET withdrawn_at = CURRENT_TIMESTAMP(3), withdrawn_by = :by
                 WHERE template_id = :id AND withdrawn_at IS NULL""")
                .param("id", templateId)
                .param("by", userId)
                .update();
    }

    /** The name of template {@code templateId} given by its maker, if any. */
    Optional<String> displayName(String templateId) {
        return jdbc.sql("SELECT display_name FROM vm_template WHERE template_id = :id AND display_name IS NOT NULL")
                .param("id", templateId).query(String.class).optional();
    }

    /** Locks tenant {@code tenantId}'s row: builds of its VMs are counted one after another. */
    void lockTenant(long tenantId) {
        jdbc.sql("SELECT id FROM tenant WHERE id = :id FOR UPDATE").param("id", tenantId).query(Long.class).list();
    }

    /**
     * How many templates tenant {@code tenantId} has made and not withdrawn, with its builds under
     * way; builds started before {@code staleBefore} are forgotten (their request is long gone).
     */
    int counted(long tenantId, Duration stale) {
        jdbc.sql("DELETE FROM vm_template_build WHERE started_at < :before")
                .param("before", Timestamp.from(Instant.now().minus(stale)))
                .update();
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM vm_template WHERE tenant_id = :t AND withdrawn_at IS NULL)
                     + (SELECT COUNT(*) FROM vm_template_build WHERE tenant_id = :t)""")
                .param("t", tenantId).query(Integer.class).single();
    }

    /** Whether a template is being made of VM {@code vmId}. */
    boolean building(String vmId) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_template_build WHERE vm_id = :vm").param("vm", vmId)
                .query(Integer.class).single() > 0;
    }

    /** Notes a build of VM {@code vmId} under way. */
    void startBuild(String vmId, long tenantId, long userId) {
        jdbc.sql("INSERT INTO vm_template_build (vm_id, tenant_id, started_by) VALUES (:vm, :t, :by)")
                .param("vm", vmId).param("t", tenantId).param("by", userId).update();
    }

    /** The build of VM {@code vmId} ended (made, refused or lost). */
    void endBuild(String vmId) {
        jdbc.sql("DELETE FROM vm_template_build WHERE vm_id = :vm").param("vm", vmId).update();
    }

    private static final String SELECT = """
            SELECT t.template_id, t.tenant_id, t.vm_id, t.vm_name, t.classification, t.encryption, t.checksum,
                   u.display_name, t.built_at, t.display_name, t.built_by, t.withdrawn_at
              FROM vm_template t
              JOIN app_user u ON u.id = t.built_by""";

    private static Map<String, Built> index(List<Built> rows) {
        return rows.stream().collect(Collectors.toMap(Built::templateId, Function.identity()));
    }

    private static Built map(ResultSet rs, int row) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp(12);
        return new Built(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                rs.getString(10), rs.getLong(11), withdrawn == null ? null : withdrawn.toInstant());
    }
}

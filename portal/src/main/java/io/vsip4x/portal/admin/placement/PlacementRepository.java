package io.vsip4x.portal.admin.placement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the VMs the placement pages list, across every tenant. */
@Repository
class PlacementRepository {

    private static final String SELECT = """
            SELECT v.vm_id, v.name, t.code, t.name AS tenant_name, u.username, v.repo_id, v.host_id, v.status,
                   v.lifecycle, v.cpu, v.memory_mb, v.disk_gb, v.classification, v.tenant_id, v.owner_id,
                   v.template_id, u.clearance AS owner_clearance, t.classification_ceiling
              FROM vm v
              JOIN tenant t ON t.id = v.tenant_id
              JOIN app_user u ON u.id = v.owner_id
            """;
    private static final String FILTER = """
             WHERE v.lifecycle = 'ACTIVE'
               AND (:tenant IS NULL OR t.code = :tenant)
               AND (:pool IS NULL OR v.repo_id = :pool)
               AND (:host IS NULL OR v.host_id = :host)
               AND (:name IS NULL OR v.name LIKE CONCAT('%', :like, '%') ESCAPE '!' OR v.vm_id = :name)
            """;

    private final JdbcClient jdbc;

    PlacementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the active VMs matching {@code query}, by tenant and name. */
    PlacementPage page(PlacementQuery query) {
        long total = jdbc.sql("SELECT COUNT(*) FROM vm v JOIN tenant t ON t.id = v.tenant_id" + FILTER)
                .param("tenant", query.tenant())
                .param("pool", query.pool())
                .param("host", query.host())
                .param("name", query.name())
                .param("like", like(query.name()))
                .query(Long.class).single();
        List<PlacedVm> items = jdbc.sql(SELECT + FILTER + " ORDER BY t.code, v.name, v.vm_id LIMIT :size OFFSET :from")
                .param("tenant", query.tenant())
                .param("pool", query.pool())
                .param("host", query.host())
                .param("name", query.name())
                .param("like", like(query.name()))
                .param("size", query.size())
                .param("from", (long) query.page() * query.size())
                .query(PlacementRepository::map)
                .list();
        return new PlacementPage(items, total, query.page(), query.size());
    }

    /** The VM {@code vmId} whatever its lifecycle, or empty when the portal has none. */
    Optional<PlacedVm> find(String vmId) {
        return jdbc.sql(SELECT + " WHERE v.vm_id = :vmId").param("vmId", vmId).query(PlacementRepository::map)
                .optional();
    }

    /** The codes of every tenant, for the filter. */
    List<String> tenantCodes() {
        return jdbc.sql("SELECT code FROM tenant ORDER BY code").query(String.class).list();
    }

    /** The pools the active VMs are in, for the filter. */
    List<String> poolIds() {
        return jdbc.sql("SELECT DISTINCT repo_id FROM vm WHERE lifecycle = 'ACTIVE' AND repo_id IS NOT NULL"
                + " ORDER BY repo_id").query(String.class).list();
    }

    /** The hosts the active VMs are on, for the filter. */
    List<String> hostIds() {
        return jdbc.sql("SELECT DISTINCT host_id FROM vm WHERE lifecycle = 'ACTIVE' AND host_id IS NOT NULL"
                + " ORDER BY host_id").query(String.class).list();
    }

    /** {@code text} with the LIKE wildcards {@code %} and {@code _} (and the escape itself) taken literally. */
    static String like(String text) {
        return text == null ? null : text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static PlacedVm map(ResultSet rs, int row) throws SQLException {
        return new PlacedVm(rs.getString("vm_id"), rs.getString("name"), rs.getString("code"),
                rs.getString("tenant_name"), rs.getString("username"), rs.getString("repo_id"),
                rs.getString("host_id"), rs.getObject("status", Integer.class), rs.getString("lifecycle"),
                rs.getInt("cpu"), rs.getLong("memory_mb"), rs.getLong("disk_gb"), rs.getInt("classification"),
                rs.getLong("tenant_id"), rs.getLong("owner_id"), rs.getString("template_id"),
                rs.getInt("owner_clearance"), rs.getInt("classification_ceiling"));
    }
}

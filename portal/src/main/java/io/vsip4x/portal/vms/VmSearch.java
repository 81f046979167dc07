package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the VM list: search, filters, order and paging, with who-sees-what and clearance in
 * the {@code WHERE} clause, so that a page is read along an index whatever the tenant's size
 * (see migration V9).
 */
@Repository
class VmSearch {

    /**
     * Whose VMs a viewer sees.
     *
     * @param tenantId  their tenant, or {@code null} for every tenant (platform admins)
     * @param ownerId   only this owner's VMs, or {@code null} for the whole scope
     * @param clearance the highest classification they see
     */
    record Scope(Long tenantId, Long ownerId, int clearance) {
    }

    /** A VM of the list with its IP addresses, comma-separated as stored, or {@code null}. */
    record Row(Vm vm, String ipAddresses) {
    }

    private static final String COLUMNS = """
            v.vm_id, v.name, v.tenant_id, v.owner_id, u.username, v.request_id, v.template_id,
            v.repo_id, v.cpu, v.memory_mb, v.disk_gb, v.network, v.ip_addresses, v.lifecycle, v.status,
            v.host_id, v.status_seq, v.created_at, v.updated_at, v.classification, v.lease_expires_at""";

    private final JdbcClient jdbc;

    VmSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The VMs of {@code query}'s page, in its order. */
    List<Row> page(Scope scope, VmQuery query) {
        Where where = where(scope, query);
        String sql = "SELECT " + COLUMNS + " FROM vm v JOIN app_user u ON u.id = v.owner_id" + where.sql
                + " ORDER BY " + query.sort().orderBy()
                + " LIMIT :limit OFFSET :offset";
        return jdbc.sql(sql).params(where.params).param("limit", query.size()).param("offset", query.offset())
                .query(VmSearch::map).list();
    }

    /** How many VMs match {@code query} in all. */
    long count(Scope scope, VmQuery query) {
        Where where = where(scope, query);
        String join = query.owner() != null ? " JOIN app_user u ON u.id = v.owner_id" : "";
        return jdbc.sql("SELECT COUNT(*) FROM vm v" + join + where.sql).params(where.params)
                .query(Long.class).single();
    }

    /** The query plan of a page, one map per table, for checking that indexes are used. */
    List<Map<String, Object>> explain(Scope scope, VmQuery query) {
        Where where = where(scope, query);
        return jdbc.sql("EXPLAIN SELECT " + COLUMNS + " FROM vm v JOIN app_user u ON u.id = v.owner_id" + where.sql
                        + " ORDER BY " + query.sort().orderBy() + " LIMIT :limit OFFSET :offset")
                .params(where.params).param("limit", query.size()).param("offset", query.offset())
                .query().listOfRows();
    }

    /** The values of one column among the VMs of the scope, for the filters. */
    List<String> distinct(Scope scope, String column) {
        String expression = switch (column) {
            case "repo_id", "host_id", "template_id" -> "v." + column;
            case "owner" -> "(SELECT username FROM app_user u WHERE u.id = v.owner_id)";
            case "classification" -> "CAST(v.classification AS CHAR)";
            default -> throw new IllegalArgumentException("No filter on " + column);
        };
        String source = "owner".equals(column) ? "v.owner_id" : "v." + column;
        Where where = where(scope, VmQuery.all());
        return jdbc.sql("SELECT " + expression + " FROM vm v" + where.sql + " AND " + source + " IS NOT NULL"
                        + " GROUP BY " + source + " ORDER BY 1 LIMIT 500")
                .params(where.params).query(String.class).list();
    }

    /** The newest operation of each of {@code vmIds} that has one, in one query. */
    Map<String, Operation> latestOperations(Collection<String> vmIds) {
        if (vmIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Operation> latest = new HashMap<>();
        jdbc.sql("""
                SELECT o.id, o.kind, o.vm_id, o.request_id, o.actor_id, o.state, o.attempts, o.next_attempt_at,
                       o.result_code, o.result_info, o.last_error, o.payload, o.created_at, o.sent_at,
                       o.correlation_id
                  FROM operation o
                  JOIN (SELECT vm_id, MAX(id) AS id FROM operation WHERE vm_id IN (:ids) GROUP BY vm_id) n
                    ON n.id = o.id""")
                .param("ids", List.copyOf(vmIds))
                .query(VmSearch::operation)
                .list()
                .forEach(op -> latest.put(op.vmId(), op));
        return latest;
    }

    /** The IP addresses of one VM, comma-separated, or {@code null}. */
    String ipAddresses(String vmId) {
        return jdbc.sql("SELECT ip_addresses FROM vm WHERE vm_id = :vmId").param("vmId", vmId)
                .query(String.class).optional().orElse(null);
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(Scope scope, VmQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (scope.tenantId() != null) {
            conditions.add("v.tenant_id = :tenantId");
            params.put("tenantId", scope.tenantId());
        }
        if (scope.ownerId() != null) {
            conditions.add("v.owner_id = :ownerId");
            params.put("ownerId", scope.ownerId());
        }
        conditions.add("v.lifecycle <> 'DELETED'");
        conditions.add("v.classification <= :clearance");
        params.put("clearance", scope.clearance());
        if (query.q() != null) {
            conditions.add("""
                    (v.name LIKE :contains ESCAPE '!' OR v.vm_id LIKE :prefix ESCAPE '!'
                     OR CONCAT(',', v.ip_addresses) LIKE :address ESCAPE '!')""");
            String literal = query.q().replace("!", "!!").replace("%", "!%").replace("_", "!_");
            params.put("contains", "%" + literal + "%");
            params.put("prefix", literal + "%");
            params.put("address", "%," + literal + "%");
        }
        if (!query.statuses().isEmpty()) {
            conditions.add("v.status IN (:statuses)");
            params.put("statuses", query.statuses());
        }
        equal(conditions, params, "v.repo_id", "repoName", query.repoName());
        equal(conditions, params, "v.host_id", "hostId", query.hostId());
        equal(conditions, params, "v.template_id", "templateId", query.templateId());
        equal(conditions, params, "u.username", "owner", query.owner());
        if (query.classification() != null) {
            conditions.add("v.classification = :classification");
            params.put("classification", query.classification());
        }
        return new Where(" WHERE " + String.join(" AND ", conditions), params);
    }

    private static void equal(List<String> conditions, Map<String, Object> params, String column, String name,
            String value) {
        if (value != null) {
            conditions.add(column + " = :" + name);
            params.put(name, value);
        }
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(VmRepository.map(rs, row), rs.getString("ip_addresses"));
    }

    private static Operation operation(ResultSet rs, int row) throws SQLException {
        return new Operation(
                rs.getLong("id"),
                OperationKind.valueOf(rs.getString("kind")),
                rs.getString("vm_id"),
                rs.getObject("request_id", Long.class),
                rs.getObject("actor_id", Long.class),
                OperationState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("result_code"),
                rs.getString("result_info"),
                rs.getString("last_error"),
                rs.getString("payload"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")),
                rs.getString("correlation_id"));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}

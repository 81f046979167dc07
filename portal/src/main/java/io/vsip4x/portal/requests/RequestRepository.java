package io.vsip4x.portal.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL of requests and their decisions. */
@Repository
class RequestRepository {

    private static final String SELECT = """
            SELECT r.id, r.tenant_id, t.code AS tenant_code, r.requester_id, u.username, r.template_id,
                   r.repo_id, r.pool_name, r.cpu, r.memory_mb, r.disk_gb, r.vm_count, r.network, r.reason,
                   r.power_on, r.state, r.failure_code, r.failure_info, r.created_at, r.updated_at, r.version,
                   r.kind, r.vm_id, r.lease_days, r.lease_until, r.data_disk_id, r.data_disk_gb, r.quota_limits,
                   r.classification, r.current_level, r.level_since, r.install_image, r.os_type, r.os_bits
              FROM vm_request r
              JOIN tenant t ON t.id = r.tenant_id
              JOIN app_user u ON u.id = r.requester_id
            """;

    private final JdbcClient jdbc;

    RequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long tenantId, long requesterId, RequestForm form, String poolName) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO vm_request (tenant_id, kind, requester_id, template_id, repo_id, pool_name, cpu,
                                        memory_mb, disk_gb, vm_count, network, reason, power_on, state, lease_days,
                                        install_image, os_type, os_bits)
                VALUES (:tenantId, :kind, :requesterId, :templateId, :repoId, :poolName, :cpu,
                        :memoryMb, :diskGb, :count, :network, :reason, :powerOn, 'PENDING', :leaseDays,
                        :imageId, :osType, :osBits)""")
                .param("tenantId", tenantId)
                .param("requesterId", requesterId)
                .params(formParams(form, poolName))
                .params(installParams(form))
                .update(keys);
        return keys.getKey().longValue();
    }

    /**
     * The columns a new-VM form fills, by name ({@code :templateId}, {@code :repoId},
     * {@code :poolName}, {@code :cpu}, {@code :memoryMb}, {@code :diskGb}, {@code :count},
     * {@code :network}, {@code :reason}, {@code :powerOn}, {@code :leaseDays}): for its first
     * submission and for its resubmission alike.
     */
    static Map<String, Object> formParams(RequestForm form, String poolName) {
        Map<String, Object> params = new HashMap<>();
        params.put("templateId", form.templateId());
        params.put("repoId", form.repoName());
        params.put("poolName", poolName);
        params.put("cpu", form.cpu());
        params.put("memoryMb", form.memoryMb());
        params.put("diskGb", form.diskGb());
        params.put("count", form.count());
        params.put("network", form.network());
        params.put("reason", form.reason().strip());
        params.put("powerOn", form.powerOn() == null || form.powerOn());
        params.put("leaseDays", form.leaseDays());
        return params;
    }

    /**
     * The kind and installation columns of a new-VM form ({@code :kind}, {@code :imageId},
     * {@code :osType}, {@code :osBits}): an installation leaves the template empty and counts one VM.
     */
    static Map<String, Object> installParams(RequestForm form) {
        Map<String, Object> params = new HashMap<>();
        boolean install = form.install();
        params.put("kind", (install ? RequestKind.INSTALL : RequestKind.CREATE).name());
        params.put("imageId", install ? form.imageId().strip() : null);
        params.put("osType", install ? blankToNull(form.osType()) : null);
        params.put("osBits", install ? blankToNull(form.osBits()) : null);
        if (install) {
            params.put("templateId", null);
            params.put("count", 1);
        }
        return params;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Records the classification of what a request asks for. */
    void classify(long id, int level) {
        jdbc.sql("UPDATE vm_request SET classification = :level WHERE id = :id")
                .param("id", id)
                .param("level", level)
                .update();
    }

    /**
     * A request of a kind other than CREATE, as {@link #insertChange} saves it; fields its kind
     * does not use are {@code null}.
     */
    record NewChange(long tenantId, long requesterId, RequestKind kind, String vmId, Integer cpu, Long memoryMb,
            Long diskGb, String dataDiskId, Long dataDiskGb, Instant leaseUntil, String quotaLimits, String reason,
            int classification) {
    }

    long insertChange(NewChange change) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO vm_request (tenant_id, kind, requester_id, cpu, memory_mb, disk_gb, vm_count, reason,
                                        power_on, state, vm_id, data_disk_id, data_disk_gb, lease_until,
                                        quota_limits, classification)
                VALUES (:tenantId, :kind, :requesterId, :cpu, :memoryMb, :diskGb, :count, :reason,
                        FALSE, 'PENDING', :vmId, :dataDiskId, :dataDiskGb, :leaseUntil,
                        :quotaLimits, :classification)""")
                .param("tenantId", change.tenantId())
                .param("kind", change.kind().name())
                .param("requesterId", change.requesterId())
                .param("cpu", change.cpu() == null ? 0 : change.cpu())
                .param("memoryMb", change.memoryMb() == null ? 0 : change.memoryMb())
                .param("diskGb", change.diskGb() == null ? 0 : change.diskGb())
                .param("count", change.vmId() == null ? 0 : 1)
                .param("reason", change.reason().strip())
                .param("vmId", change.vmId())
                .param("dataDiskId", change.dataDiskId())
                .param("dataDiskGb", change.dataDiskGb())
                .param("leaseUntil", change.leaseUntil() == null ? null : Timestamp.from(change.leaseUntil()))
                .param("quotaLimits", change.quotaLimits())
                .param("classification", change.classification())
                .update(keys);
        return keys.getKey().longValue();
    }

    Optional<VmRequest> find(long id) {
        return jdbc.sql(SELECT + " WHERE r.id = :id").param("id", id).query(RequestRepository::map).optional();
    }

    /**
     * Reads a request with its row locked to the end of the transaction. Only the request's
     * row: locking through the join would lock its tenant and requester too, and deadlock
     * with everything else that touches them.
     */
    Optional<VmRequest> lock(long id) {
        boolean exists = jdbc.sql("SELECT id FROM vm_request WHERE id = :id FOR UPDATE").param("id", id)
                .query(Long.class).optional().isPresent();
        return exists ? find(id) : Optional.empty();
    }

    /** Requests of a tenant (or of one requester, or in one state), newest first. */
    List<VmRequest> list(Long tenantId, Long requesterId, RequestState state, int limit) {
        return jdbc.sql(SELECT + """
                 WHERE (:tenantId IS NULL OR r.tenant_id = :tenantId)
                   AND (:requesterId IS NULL OR r.requester_id = :requesterId)
                   AND (:state IS NULL OR r.state = :state)
                 ORDER BY r.id DESC
                 LIMIT :limit""")
                .param("tenantId", tenantId)
                .param("requesterId", requesterId)
                .param("state", state == null ? null : state.name())
                .param("limit", limit)
                .query(RequestRepository::map)
                .list();
    }

    /** Moves a request to {@code state}, bumping its version. */
    void changeState(long id, RequestState state, String failureCode, String failureInfo) {
        jdbc.sql("""
                UPDATE vm_request
                   SET state = :state, failure_code = :code, failure_info = :info, updated_at = NOW(3),
                       version = version + 1
                 WHERE id = :id""")
                .param("id", id)
                .param("state", state.name())
                .param("code", failureCode)
                .param("info", failureInfo == null || failureInfo.length() <= 500 ? failureInfo
                        : failureInfo.substring(0, 500))
                .update();
    }

    void addDecision(long requestId, String kind, String code, Long actorId, String comment) {
        jdbc.sql("""
                INSERT INTO request_decision (request_id, kind, code, actor_id, comment)
                VALUES (:requestId, :kind, :code, :actorId, :comment)""")
                .param("requestId", requestId)
                .param("kind", kind)
                .param("code", code)
                .param("actorId", actorId)
                .param("comment", comment == null || comment.length() <= 500 ? comment : comment.substring(0, 500))
                .update();
    }

    List<Decision> decisions(long requestId) {
        return jdbc.sql("""
                SELECT d.kind, d.code, u.username, d.comment, d.created_at, d.level_no, b.username
                  FROM request_decision d
                  LEFT JOIN app_user u ON u.id = d.actor_id
                  LEFT JOIN app_user b ON b.id = d.on_behalf_of
                 WHERE d.request_id = :requestId
                 ORDER BY d.id""")
                .param("requestId", requestId)
                .query((rs, n) -> new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getObject(6, Integer.class), rs.getString(7)))
                .list();
    }

    private static VmRequest map(ResultSet rs, int row) throws SQLException {
        return new VmRequest(
                rs.getLong("id"),
                rs.getLong("tenant_id"),
                rs.getString("tenant_code"),
                rs.getLong("requester_id"),
                rs.getString("username"),
                rs.getString("template_id"),
                rs.getString("repo_id"),
                rs.getString("pool_name"),
                rs.getInt("cpu"),
                rs.getLong("memory_mb"),
                rs.getLong("disk_gb"),
                rs.getInt("vm_count"),
                rs.getString("network"),
                rs.getString("reason"),
                rs.getBoolean("power_on"),
                RequestState.valueOf(rs.getString("state")),
                rs.getString("failure_code"),
                rs.getString("failure_info"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("version"),
                RequestKind.valueOf(rs.getString("kind")),
                rs.getString("vm_id"),
                rs.getObject("lease_days", Integer.class),
                instant(rs.getTimestamp("lease_until")),
                rs.getString("data_disk_id"),
                rs.getObject("data_disk_gb", Long.class),
                rs.getString("quota_limits"),
                rs.getInt("classification"),
                rs.getInt("current_level"),
                rs.getTimestamp("level_since").toInstant(),
                rs.getString("install_image"),
                rs.getString("os_type"),
                rs.getString("os_bits"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each tenant's approval chain (levels 1..n) and its rules of automatic approval. A tenant with
 * no level configured has one, decided by any one of its approvers; a quota request always has
 * that one level, decided by platform admins.
 */
@Service
public class ApprovalChains {

    static final int MAX_LEVELS = 5;
    static final int MAX_TIMEOUT_MINUTES = 60 * 24 * 90;

    private final JdbcClient jdbc;
    private final AuditService audit;

    ApprovalChains(JdbcClient jdbc, AuditService audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The tenant's levels as configured, in order; empty when it configured none. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<ApprovalLevel> configured(long tenantId) {
        return jdbc.sql("""
                SELECT level_no, approver_role, mode, timeout_minutes, timeout_action
                  FROM approval_level
                 WHERE tenant_id = :tenant
                 ORDER BY level_no""")
                .param("tenant", tenantId)
                .query((rs, n) -> new ApprovalLevel(rs.getInt(1), Role.valueOf(rs.getString(2)),
                        ApprovalLevel.Mode.valueOf(rs.getString(3)), rs.getObject(4, Integer.class),
                        rs.getString(5) == null ? null : ApprovalLevel.TimeoutAction.valueOf(rs.getString(5))))
                .list();
    }

    /** The levels a request goes through: its tenant's chain, or the platform admins for a quota request. */
    List<ApprovalLevel> levelsFor(VmRequest request) {
        if (request.kind() == RequestKind.QUOTA) {
            return List.of(new ApprovalLevel(1, Role.PLATFORM_ADMIN, ApprovalLevel.Mode.ANY, null, null));
        }
        List<ApprovalLevel> levels = configured(request.tenantId());
        return levels.isEmpty() ? List.of(ApprovalLevel.defaultLevel()) : levels;
    }

    /** The level a request waits at, or empty when the chain got shorter than its level. */
    Optional<ApprovalLevel> currentLevel(VmRequest request) {
        List<ApprovalLevel> levels = levelsFor(request);
        int index = Math.min(request.currentLevel(), levels.size()) - 1;
        return index < 0 ? Optional.empty() : Optional.of(levels.get(index));
    }

    /**
     * Replaces the tenant's levels with {@code levels}, numbered in the order given.
     *
     * @throws FieldProblems when a level is incomplete or there are none or too many; nothing changes then
     */
    @Transactional
    public void replaceLevels(long tenantId, List<ApprovalLevel> levels) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (levels.isEmpty()) {
            problems.reject("levels", "chain.error.noLevel");
        } else if (levels.size() > MAX_LEVELS) {
            problems.reject("levels", "chain.error.tooMany", MAX_LEVELS);
        }
        for (int i = 0; i < levels.size(); i++) {
            check(levels.get(i), i + 1, problems);
        }
        problems.throwIfAny();

        jdbc.sql("DELETE FROM approval_level WHERE tenant_id = :tenant").param("tenant", tenantId).update();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < levels.size(); i++) {
            ApprovalLevel level = levels.get(i);
            jdbc.sql("""
                    INSERT INTO approval_level (tenant_id, level_no, approver_role, mode, timeout_minutes,
                                                timeout_action)
                    VALUES (:tenant, :no, :role, :mode, :timeout, :action)""")
                    .param("tenant", tenantId)
                    .param("no", i + 1)
                    .param("role", level.role().name())
                    .param("mode", level.mode().name())
                    .param("timeout", level.timeoutMinutes())
                    .param("action", level.timeoutAction() == null ? null : level.timeoutAction().name())
                    .update();
            summary.append(summary.isEmpty() ? "" : "; ").append(i + 1).append('=').append(level.role())
                    .append('/').append(level.mode());
            if (level.timeoutMinutes() != null) {
                summary.append('/').append(level.timeoutMinutes()).append("min/").append(level.timeoutAction());
            }
        }
        audit.event("APPROVAL_CHAIN_SET")
                .target("TENANT", "tenant:" + tenantId)
                .params(summary.toString())
                .record();
    }

    private static void check(ApprovalLevel level, int no, FieldProblems.Collector problems) {
        String field = "level" + no;
        if (level.role() == null || !ApprovalLevel.ROLES.contains(level.role())) {
            problems.reject(field, "chain.error.role", no);
        } else if (level.mode() == null) {
            problems.reject(field, "chain.error.mode", no);
        } else if ((level.timeoutMinutes() == null) != (level.timeoutAction() == null)) {
            problems.reject(field, "chain.error.timeoutPair", no);
        } else if (level.timeoutMinutes() != null
                && (level.timeoutMinutes() < 1 || level.timeoutMinutes() > MAX_TIMEOUT_MINUTES)) {
            problems.reject(field, "chain.error.timeoutRange", no, MAX_TIMEOUT_MINUTES);
        }
    }

    /** The tenant's rules of automatic approval. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<AutoApprovalRule> rules(long tenantId) {
        return jdbc.sql("""
                SELECT id, request_kind, max_cpu, max_memory_mb, max_disk_gb, max_count, max_lease_days,
                       max_data_disk_gb
                  FROM auto_approval_rule
                 WHERE tenant_id = :tenant
                 ORDER BY id""")
                .param("tenant", tenantId)
                .query((rs, n) -> new AutoApprovalRule(rs.getLong(1), RequestKind.valueOf(rs.getString(2)),
                        rs.getObject(3, Integer.class), rs.getObject(4, Long.class), rs.getObject(5, Long.class),
                        rs.getObject(6, Integer.class), rs.getObject(7, Integer.class), rs.getObject(8, Long.class)))
                .list();
    }

    /** The rule that approves {@code request} by itself, if any (never for a quota request). */
    Optional<AutoApprovalRule> autoRuleFor(VmRequest request) {
        if (request.kind() == RequestKind.QUOTA) {
            return Optional.empty();
        }
        return rules(request.tenantId()).stream().filter(rule -> rule.covers(request)).findFirst();
    }

    /**
     * Adds a rule of automatic approval ({@code id} is ignored).
     *
     * @throws FieldProblems when it names no kind, no threshold, a quota request or a threshold below 1
     */
    @Transactional
    public long addRule(long tenantId, AutoApprovalRule rule) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (rule.kind() == null || rule.kind() == RequestKind.QUOTA) {
            problems.reject("kind", "chain.error.ruleKind");
        }
        Number[] limits = {rule.maxCpu(), rule.maxMemoryMb(), rule.maxDiskGb(), rule.maxCount(),
                rule.maxLeaseDays(), rule.maxDataDiskGb()};
        boolean any = false;
        for (Number limit : limits) {
            any |= limit != null;
            if (limit != null && limit.longValue() < 1) {
                problems.reject("thresholds", "chain.error.ruleNegative");
                break;
            }
        }
        if (!any) {
            problems.reject("thresholds", "chain.error.ruleEmpty");
        }
        problems.throwIfAny();

        long id = jdbc.sql("""
                INSERT INTO auto_approval_rule (tenant_id, request_kind, max_cpu, max_memory_mb, max_disk_gb,
                                                max_count, max_lease_days, max_data_disk_gb)
                VALUES (:tenant, :kind, :cpu, :mem, :disk, :count, :lease, :data)
                RETURNING id""")
                .param("tenant", tenantId)
                .param("kind", rule.kind().name())
                .param("cpu", rule.maxCpu())
                .param("mem", rule.maxMemoryMb())
                .param("disk", rule.maxDiskGb())
                .param("count", rule.maxCount())
                .param("lease", rule.maxLeaseDays())
                .param("data", rule.maxDataDiskGb())
                .query(Long.class)
                .single();
        audit.event("AUTO_APPROVAL_RULE_ADD")
                .target("TENANT", "tenant:" + tenantId)
                .params(AuditParams.of("rule", id, "kind", rule.kind(), "cpu<", rule.maxCpu(),
                        "memoryMb<", rule.maxMemoryMb(), "diskGb<", rule.maxDiskGb(), "count<", rule.maxCount(),
                        "leaseDays<", rule.maxLeaseDays(), "dataDiskGb<", rule.maxDataDiskGb()))
                .record();
        return id;
    }

    /** Removes one of the tenant's rules; a rule of another tenant is not found (404). */
    @Transactional
    public void removeRule(long tenantId, long ruleId) {
        int removed = jdbc.sql("DELETE FROM auto_approval_rule WHERE id = :id AND tenant_id = :tenant")
                .param("id", ruleId)
                .param("tenant", tenantId)
                .update();
        if (removed == 0) {
            throw PortalException.notFound("chain.error.ruleNotFound", ruleId);
        }
        audit.event("AUTO_APPROVAL_RULE_REMOVE")
                .target("TENANT", "tenant:" + tenantId)
                .params("rule=" + ruleId)
                .record();
    }

    /** A tenant's id by its code. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Long> tenantId(String code) {
        return jdbc.sql("SELECT id FROM tenant WHERE code = :code").param("code", code).query(Long.class).optional();
    }
}

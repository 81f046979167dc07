package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deputies: an approver names another account of the same scope (their tenant, or the platform
 * accounts for a platform admin) to decide in their place for a period.
 */
@Service
public class Deputies {

    static final Duration MAX_PERIOD = Duration.ofDays(366);

    /**
     * SQL condition on an {@code approval_deputy d}: the deputy holds none of the separated roles
     * ({@link Role#SEPARATED}) that the principal does not hold, as their roles are now.
     */
    static final String KEEPS_SEPARATION = """
            NOT EXISTS (SELECT 1 FROM user_role dr
                         WHERE dr.user_id = d.deputy_id
                           AND dr.role IN ('PLATFORM_ADMIN', 'SECURITY_ADMIN', 'AUDITOR')
                           AND NOT EXISTS (SELECT 1 FROM user_role pr
                                            WHERE pr.user_id = d.principal_id AND pr.role = dr.role))""";

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;

    Deputies(JdbcClient jdbc, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A deputy named by an approver.
     *
     * @param deputy     the deputy's user name
     * @param deputyName the deputy's display name
     */
    public record Deputy(long id, String deputy, String deputyName, Instant startsAt, Instant endsAt) {
    }

    /** The deputies {@code principal} named, latest first. */
    @Transactional(readOnly = true)
    public List<Deputy> named(CurrentUser principal) {
        return jdbc.sql("""
                SELECT d.id, u.username, u.display_name, d.starts_at, d.ends_at
                  FROM approval_deputy d
                  JOIN app_user u ON u.id = d.deputy_id
                 WHERE d.principal_id = :principal
                 ORDER BY d.id DESC""")
                .param("principal", principal.id())
                .query((rs, n) -> new Deputy(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Whether {@code user} decides anything in their own right (and so may name a deputy). */
    public static boolean decides(CurrentUser user) {
        return ApprovalLevel.ROLES.stream().anyMatch(user::has);
    }

    /**
     * Names {@code deputyUsername} as {@code principal}'s deputy from {@code from} to {@code to}.
     *
     * @throws FieldProblems for an unknown account, oneself, another scope, an account holding a
     *                       separated role the principal does not hold, the same deputy for an
     *                       overlapping period, or a period that is empty, over, or longer than a year
     * @throws PortalException 403 when {@code principal} decides nothing
     */
    @Transactional
    public long add(CurrentUser principal, String deputyUsername, Instant from, Instant to) {
        if (!decides(principal)) {
            throw PortalException.forbidden("error.request.notApprover");
        }
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Long deputyId = null;
        if (deputyUsername == null || deputyUsername.isBlank()) {
            problems.reject("deputy", "request.error.required");
        } else {
            deputyId = sameScope(principal, deputyUsername.strip());
            if (deputyId == null) {
                problems.reject("deputy", "deputy.error.unknown");
            } else if (deputyId == principal.id()) {
                problems.reject("deputy", "deputy.error.self");
            } else if (breaksSeparation(principal, deputyId)) {
                problems.reject("deputy", "deputy.error.separatedRole");
            }
        }
        if (from == null || to == null) {
            problems.reject("period", "request.error.required");
        } else if (!to.isAfter(from) || !to.isAfter(clock.instant())) {
            problems.reject("period", "deputy.error.period");
        } else if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            problems.reject("period", "deputy.error.tooLong");
        }
        if (!problems.has("deputy") && !problems.has("period") && overlaps(principal, deputyId, from, to)) {
            problems.reject("deputy", "deputy.error.duplicate");
        }
        problems.throwIfAny();

        long id = jdbc.sql("""
                INSERT INTO approval_deputy (principal_id, deputy_id, starts_at, ends_at)
                VALUES (:principal, :deputy, :from, :to)
                RETURNING id""")
                .param("principal", principal.id())
                .param("deputy", deputyId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class)
                .single();
        audit.event("DEPUTY_ADD")
                .target("ACCOUNT", "user:" + deputyUsername.strip())
                .params("from=" + from + ", to=" + to)
                .record();
        return id;
    }

    /** Removes one of {@code principal}'s deputies; somebody else's is not found (404). */
    @Transactional
    public void remove(CurrentUser principal, long id) {
        int removed = jdbc.sql("DELETE FROM approval_deputy WHERE id = :id AND principal_id = :principal")
                .param("id", id)
                .param("principal", principal.id())
                .update();
        if (removed == 0) {
            throw PortalException.notFound("deputy.error.notFound", id);
        }
        audit.event("DEPUTY_REMOVE")
                .target("DEPUTY", "deputy:" + id)
                .record();
    }

    /** Whether the account {@code deputyId} holds a separated role that {@code principal} does not. */
    private boolean breaksSeparation(CurrentUser principal, long deputyId) {
        return jdbc.sql("SELECT role FROM user_role WHERE user_id = :id")
                .param("id", deputyId)
                .query(String.class)
                .list()
                .stream()
                .map(Role::valueOf)
                .anyMatch(role -> Role.SEPARATED.contains(role) && !principal.has(role));
    }

    /**
     * Whether {@code principal} already named {@code deputyId} for a period overlapping {@code from}
     * to {@code to}; locks the principal's row first, so two such forms at once add one deputy.
     */
    private boolean overlaps(CurrentUser principal, long deputyId, Instant from, Instant to) {
        jdbc.sql("SELECT id FROM app_user WHERE id = :id FOR UPDATE").param("id", principal.id())
                .query(Long.class).optional();
        return jdbc.sql("""
                SELECT COUNT(*) FROM approval_deputy
                 WHERE principal_id = :principal AND deputy_id = :deputy
                   AND starts_at < :to AND ends_at > :from""")
                .param("principal", principal.id())
                .param("deputy", deputyId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Integer.class)
                .single() > 0;
    }

    /** The id of an enabled account of the principal's scope, or {@code null}. */
    private Long sameScope(CurrentUser principal, String username) {
        return jdbc.sql("""
                SELECT id FROM app_user
                 WHERE username = :username
                   AND enabled = TRUE
                   AND ((:tenant IS NULL AND tenant_id IS NULL) OR tenant_id = :tenant)""")
                .param("username", username)
                .param("tenant", principal.tenantId())
                .query(Long.class)
                .optional()
                .filter(Objects::nonNull)
                .orElse(null);
    }
}

package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may decide a request at a level: the accounts holding the level's role (within the
 * request's tenant, or platform-wide for platform admins), never the requester, and the deputies
 * those accounts named for the moment.
 */
@Component
class Approvers {

    private final JdbcClient jdbc;

    Approvers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The right to decide.
     *
     * @param onBehalfOf the principal a deputy stands in for, or {@code null} when deciding in one's own right
     * @param principalName that principal's display name, or {@code null}
     */
    record Authority(long actorId, Long onBehalfOf, String principalName) {

        /** Whose approval it counts as. */
        long principal() {
            return onBehalfOf == null ? actorId : onBehalfOf;
        }
    }

    /**
     * The ids of the accounts that decide {@code request} at {@code level} in their own right: only
     * those cleared for its classification (their clearance capped by their tenant's ceiling).
     */
    List<Long> of(VmRequest request, ApprovalLevel level) {
        boolean platformWide = level.role() == Role.PLATFORM_ADMIN;
        return jdbc.sql("""
                SELECT u.id
                  FROM app_user u
                  JOIN user_role r ON r.user_id = u.id AND r.role = :role
                  LEFT JOIN tenant t ON t.id = u.tenant_id
                 WHERE u.enabled = TRUE
                   AND u.locked = FALSE
                   AND u.id <> :requester
                   AND ((:platformWide AND u.tenant_id IS NULL) OR (NOT :platformWide AND u.tenant_id = :tenant))
                   AND LEAST(u.clearance, COALESCE(t.classification_ceiling, u.clearance)) >= :classification
                 ORDER BY u.id""")
                .param("role", level.role().name())
                .param("requester", request.requesterId())
                .param("platformWide", platformWide)
                .param("tenant", request.tenantId())
                .param("classification", request.classification())
                .query(Long.class)
                .list();
    }

    /**
     * Who to tell that nobody can decide {@code request} at its level: the enabled admins of its
     * tenant and the platform admins, never the requester.
     */
    List<Long> keepersOf(VmRequest request) {
        return jdbc.sql("""
                SELECT DISTINCT u.id
                  FROM app_user u
                  JOIN user_role r ON r.user_id = u.id
                 WHERE u.enabled = TRUE
                   AND u.locked = FALSE
                   AND u.id <> :requester
                   AND ((r.role = 'TENANT_ADMIN' AND u.tenant_id = :tenant)
                        OR (r.role = 'PLATFORM_ADMIN' AND u.tenant_id IS NULL))
                 ORDER BY u.id""")
                .param("requester", request.requesterId())
                .param("tenant", request.tenantId())
                .query(Long.class)
                .list();
    }

    /**
     * Whether {@code user} may decide {@code request} at {@code level} at {@code now}: in their own
     * right first, else as the deputy of one of its approvers.
     */
    Optional<Authority> authority(CurrentUser user, VmRequest request, ApprovalLevel level, Instant now) {
        if (user.id() == request.requesterId()) {
            return Optional.empty();
        }
        if (holds(user, request, level)) {
            return Optional.of(new Authority(user.id(), null, null));
        }
        List<Long> approvers = of(request, level);
        if (approvers.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT d.principal_id, u.display_name
                  FROM approval_deputy d
                  JOIN app_user u ON u.id = d.principal_id
                 WHERE d.deputy_id = :deputy
                   AND d.starts_at <= :now
                   AND d.ends_at > :now
                   AND d.principal_id IN (:approvers)
                   AND %s
                 ORDER BY d.id
                 LIMIT 1""".formatted(Deputies.KEEPS_SEPARATION))
                .param("deputy", user.id())
                .param("now", Timestamp.from(now))
                .param("approvers", approvers)
                .query((rs, n) -> new Authority(user.id(), rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /** Whether {@code user} holds the level's role where the request is: its tenant, or platform-wide. */
    private static boolean holds(CurrentUser user, VmRequest request, ApprovalLevel level) {
        if (!user.has(level.role())) {
            return false;
        }
        if (level.role() == Role.PLATFORM_ADMIN) {
            return user.tenantId() == null;
        }
        return user.tenantId() != null && user.tenantId() == request.tenantId();
    }

    /** Whether {@code user} is somebody's deputy at {@code now} (so may have a queue without a role). */
    boolean isDeputyNow(long userId, Instant now) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM approval_deputy d
                 WHERE d.deputy_id = :deputy AND d.starts_at <= :now AND d.ends_at > :now
                   AND %s""".formatted(Deputies.KEEPS_SEPARATION))
                .param("deputy", userId)
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .single() > 0;
    }
}

package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Logs a signed-in session that expired ({@code SESSION_EXPIRED}), as the person it was signed in
 * as; the sweep of expired sessions calls it once per session. A session ended by a request
 * (signing out, a locked account's session closed) is logged by that request, not here.
 */
@Component
public class SessionExpiryAuditor {

    /** Audit action of a session that expired. */
    static final String SESSION_EXPIRED = "SESSION_EXPIRED";

    private final AuditService audit;

    SessionExpiryAuditor(AuditService audit) {
        this.audit = audit;
    }

    /**
     * Logs that the session of {@code user} expired, in the caller's transaction (or its own when
     * there is none), so that the session's removal and its record go together.
     *
     * @throws AuditUnavailableException when the event cannot be stored (the caller's work is undone)
     */
    public void expired(CurrentUser user) {
        try (Correlation.Scope scope = Correlation.open(Correlation.newId())) {
            audit.event(SESSION_EXPIRED)
                    .as(user.username(), user.tenantCode(), user.roleList())
                    .target("SESSION", user.username())
                    .record();
        }
    }
}

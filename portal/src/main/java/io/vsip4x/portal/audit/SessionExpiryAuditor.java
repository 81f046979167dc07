package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Logs a signed-in session that expired ({@code SESSION_EXPIRED}). A session ended by a request
 * (signing out, a locked account's session closed) is logged by that request, not here; the
 * sessions the web server drops when the portal stops did not expire and are not logged.
 */
@Component
class SessionExpiryAuditor implements HttpSessionListener, ApplicationListener<ContextClosedEvent> {

    /** Audit action of a session that expired. */
    static final String SESSION_EXPIRED = "SESSION_EXPIRED";
    private static final Logger log = LoggerFactory.getLogger(SessionExpiryAuditor.class);

    private final AuditService audit;
    private volatile boolean stopping;

    SessionExpiryAuditor(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        if (stopping || RequestContextHolder.getRequestAttributes() != null) {
            return;
        }
        Object context = event.getSession()
                .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        CurrentUser user = context instanceof SecurityContext security
                ? UserService.of(security.getAuthentication()) : null;
        if (user == null) {
            return;
        }
        try (Correlation.Scope scope = Correlation.open(Correlation.newId())) {
            audit.event(SESSION_EXPIRED)
                    .as(user.username(), user.tenantCode(), user.roleList())
                    .target("SESSION", user.username())
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            // The session is gone either way; the expiry stays in the application log.
            log.error("Could not log the expiry of a session of '{}'", user.username(), e);
        }
    }
}

package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Logs page sign-ins, and every refused sign-in (pages and API). A successful API call signs
 * in on every request, so only page sign-ins are logged on success.
 */
@Component
class SignInAuditor {

    private final AuditService audit;

    SignInAuditor(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        CurrentUser user = UserService.of(event.getAuthentication());
        if (user != null) {
            audit.recordAsAlone(user.username(), user.tenantCode(), "SIGN_IN", user.username(),
                    AuditService.SUCCESS, null, null);
        }
    }

    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        String name = String.valueOf(event.getAuthentication().getName());
        audit.recordAsAlone(name.length() > 64 ? name.substring(0, 64) : name, null, "SIGN_IN", name,
                AuditService.DENIED, null, event.getException().getClass().getSimpleName());
    }
}

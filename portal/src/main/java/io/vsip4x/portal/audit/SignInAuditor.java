package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Logs page sign-ins and sign-outs, and every refused sign-in (pages and API) with its reason,
 * never the password tried. A successful API call signs in on every request, so only page
 * sign-ins are logged on success.
 */
@Component
class SignInAuditor {

    /** Audit action of a sign-in, accepted or refused. */
    static final String SIGN_IN = "SIGN_IN";
    /** Audit action of a sign-out. */
    static final String SIGN_OUT = "SIGN_OUT";

    private final AuditService audit;

    SignInAuditor(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        CurrentUser user = UserService.of(event.getAuthentication());
        if (user != null) {
            audit.event(SIGN_IN)
                    .as(user.username(), user.tenantCode(), user.roleList())
                    .target("ACCOUNT", user.username())
                    .result(AuditService.SUCCESS, null,
                            UserService.mustChangePassword(event.getAuthentication()) ? "must change password" : null)
                    .recordAlone();
        }
    }

    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        String name = String.valueOf(event.getAuthentication().getName());
        String actor = name.length() > 64 ? name.substring(0, 64) : name;
        AuthenticationException e = event.getException();
        audit.event(SIGN_IN)
                .as(actor, null, null)
                .target("ACCOUNT", name)
                .params(e.getClass().getSimpleName())
                .result(AuditService.DENIED, null, reason(e))
                .recordAlone();
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        CurrentUser user = UserService.of(event.getAuthentication());
        if (user != null) {
            audit.event(SIGN_OUT)
                    .as(user.username(), user.tenantCode(), user.roleList())
                    .target("ACCOUNT", user.username())
                    .recordAlone();
        }
    }

    /** Why a sign-in was refused, in words that reveal nothing of what was typed. */
    static String reason(AuthenticationException e) {
        if (e instanceof LockedException) {
            return "locked";
        }
        if (e instanceof DisabledException) {
            return "disabled";
        }
        if (e instanceof CredentialsExpiredException) {
            return "must change password";
        }
        if (e instanceof BadCredentialsException) {
            return "bad credentials";
        }
        return "refused";
    }
}

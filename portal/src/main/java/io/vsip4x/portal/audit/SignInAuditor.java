package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Logs page sign-ins and sign-outs, and every refused sign-in (pages and API) with its reason,
 * never the password tried. A successful API call signs in on every request, so only page
 * sign-ins are logged on success.
 *
 * <p>A sign-in whose event cannot be stored does not happen: the new session is ended before
 * the answer, and the sign-in page says why ({@link #UNRECORDED}). A refusal or a sign-out
 * whose event cannot be stored still happens (refusing stays safe, and so does ending a
 * session); the failure is logged.
 */
@Component
public class SignInAuditor {

    /** Request attribute set when a sign-in was undone because its event could not be stored. */
    public static final String UNRECORDED = SignInAuditor.class.getName() + ".unrecorded";
    private static final Logger log = LoggerFactory.getLogger(SignInAuditor.class);

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
        if (user == null) {
            return;
        }
        try {
            audit.event(SIGN_IN)
                    .as(user.username(), user.tenantCode(), user.roleList())
                    .target("ACCOUNT", user.username())
                    .result(AuditService.SUCCESS, null,
                            UserService.mustChangePassword(event.getAuthentication()) ? "must change password" : null)
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            log.error("The sign-in of '{}' could not be logged, so it is undone: {}", user.username(), e.toString());
            SecurityContextHolder.clearContext();
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                HttpServletRequest request = attributes.getRequest();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                request.setAttribute(UNRECORDED, Boolean.TRUE);
            }
        }
    }

    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        String name = String.valueOf(event.getAuthentication().getName());
        String actor = name.length() > 64 ? name.substring(0, 64) : name;
        AuthenticationException e = event.getException();
        try {
            audit.event(SIGN_IN)
                    .as(actor, null, null)
                    .target("ACCOUNT", name)
                    .params(e.getClass().getSimpleName())
                    .result(AuditService.DENIED, null, reason(e))
                    .recordAlone();
        } catch (DataAccessException | TransactionException failure) {
            log.error("A refused sign-in could not be logged: {}", failure.toString());
        }
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        CurrentUser user = UserService.of(event.getAuthentication());
        if (user == null) {
            return;
        }
        try {
            audit.event(SIGN_OUT)
                    .as(user.username(), user.tenantCode(), user.roleList())
                    .target("ACCOUNT", user.username())
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            log.error("The sign-out of '{}' could not be logged: {}", user.username(), e.toString());
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

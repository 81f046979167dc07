package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;

    SignInAuditor(AuditService audit, JdbcClient jdbc) {
        this.audit = audit;
        this.jdbc = jdbc;
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
        String reason = reasonCode(e);
        audit.event(SIGN_IN)
                .as(actor, tenantOf(name), null)
                .target("ACCOUNT", name)
                .params(AuditParams.of("reason", reason))
                .result(AuditService.DENIED, null, reason(reason))
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

    /** The tenant of the account {@code username}; {@code null} for an unknown name or an account of none. */
    private String tenantOf(String username) {
        return jdbc.sql("""
                SELECT t.code
                  FROM app_user u
                  JOIN tenant t ON t.id = u.tenant_id
                 WHERE u.username = :username""")
                .param("username", username)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /**
     * Why a sign-in was refused, as a code that reveals nothing of what was typed: {@code LOCKED},
     * {@code DISABLED}, {@code MUST_CHANGE_PASSWORD}, {@code BAD_CREDENTIALS} or {@code REFUSED}.
     */
    static String reasonCode(AuthenticationException e) {
        if (e instanceof LockedException) {
            return "LOCKED";
        }
        if (e instanceof DisabledException) {
            return "DISABLED";
        }
        if (e instanceof CredentialsExpiredException) {
            return "MUST_CHANGE_PASSWORD";
        }
        if (e instanceof BadCredentialsException) {
            return "BAD_CREDENTIALS";
        }
        return "REFUSED";
    }

    /** The reason code in words, as the event's message holds it ({@code BAD_CREDENTIALS}: "bad credentials"). */
    static String reason(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

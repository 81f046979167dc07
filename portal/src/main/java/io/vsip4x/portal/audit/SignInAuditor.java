package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UkeyOnlyException;
import io.vsip4x.portal.identity.UkeyRequiredException;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;

    SignInAuditor(AuditService audit, JdbcClient jdbc) {
        this.audit = audit;
        this.jdbc = jdbc;
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
        String reason = reasonCode(e);
        Account account = accountOf(name);
        // A name that is no account may be a password typed in the wrong field: only its outline is kept.
        String shown = account != null ? actor : masked(name);
        try {
            audit.event(SIGN_IN)
                    .as(shown, account == null ? null : account.tenant(), null)
                    .target("ACCOUNT", shown)
                    .params(AuditParams.of("reason", reason))
                    .result(AuditService.DENIED, null, reason(reason))
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

    /** The tenant of the account {@code username}; {@code null} for an unknown name or an account of none. */
    private record Account(String tenant) {
    }

    /** The account of {@code username} (its tenant may be none), or {@code null} when there is none. */
    private Account accountOf(String username) {
        return jdbc.sql("""
                SELECT t.code
                  FROM app_user u
                  LEFT JOIN tenant t ON t.id = u.tenant_id
                 WHERE u.username = :username""")
                .param("username", username)
                .query((rs, n) -> new Account(rs.getString(1)))
                .optional()
                .orElse(null);
    }

    /**
     * The outline of a name that is no account, marked with a leading {@code ?}: its first and last
     * character ({@code ?a***n}), or stars alone for one or two characters.
     */
    static String masked(String name) {
        int[] chars = name.codePoints().toArray();
        if (chars.length <= 2) {
            return "?" + "*".repeat(chars.length);
        }
        return "?" + new String(chars, 0, 1) + "***" + new String(chars, chars.length - 1, 1);
    }

    /**
     * Why a sign-in was refused, as a code that reveals nothing of what was typed: {@code LOCKED},
     * {@code DISABLED}, {@code MUST_CHANGE_PASSWORD}, {@code BAD_CREDENTIALS}, {@code UKEY_REQUIRED} (a
     * password over the API for an account whose policy needs a UKEY), {@code UKEY_ONLY} (a password on
     * the sign-in page for an account whose policy needs a UKEY alone) or {@code REFUSED}.
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
        if (e instanceof UkeyOnlyException) {
            return "UKEY_ONLY";
        }
        if (e instanceof UkeyRequiredException) {
            return "UKEY_REQUIRED";
        }
        return "REFUSED";
    }

    /** The reason code in words, as the event's message holds it ({@code BAD_CREDENTIALS}: "bad credentials"). */
    static String reason(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

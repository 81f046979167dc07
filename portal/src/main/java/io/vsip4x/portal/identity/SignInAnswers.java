package io.vsip4x.portal.identity;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.audit.SignInAuditor;
import io.vsip4x.portal.identity.ukey.UkeyRefusal;
import io.vsip4x.portal.web.LiveUpdates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the security filters answer, in the asker's language: sign-in refusals (a locked account
 * says until when), the first page after signing in, problem responses for the API, and refusals
 * for lack of rights (written to the operation log).
 */
@Component
class SignInAnswers {

    /** The page where a person changes their own password. */
    static final String PASSWORD_PAGE = "/account/password";
    /** The flash attribute of the sign-in page with the reason of a refused sign-in. */
    static final String SIGN_IN_PROBLEM = "signInProblem";
    /** Audit action of a page session ended because the binding of its UKEY was revoked. */
    static final String UKEY_SESSION_REVOKED = "UKEY_SESSION_REVOKED";

    private static final Logger log = LoggerFactory.getLogger(SignInAnswers.class);

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final AuditService audit;
    private final SignInLockout lockout;
    private final DateTimeFormatter time;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    SignInAnswers(MessageSource messages, LocaleResolver locales, AuditService audit, SignInLockout lockout,
            @Value("${portal.time-zone:Asia/Shanghai}") ZoneId zone) {
        this.messages = messages;
        this.locales = locales;
        this.audit = audit;
        this.lockout = lockout;
        this.time = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    /** After signing in: the password page when it must be changed, otherwise where the person was going. */
    AuthenticationSuccessHandler signedIn() {
        SavedRequestAwareAuthenticationSuccessHandler usual = new SavedRequestAwareAuthenticationSuccessHandler();
        usual.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            if (request.getAttribute(SignInAuditor.UNRECORDED) != null) {
                response.sendRedirect(request.getContextPath() + "/login?unrecorded");
                return;
            }
            if (UserService.mustChangePassword(authentication)) {
                response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
                return;
            }
            usual.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** A refused page sign-in: back to the form, saying why when the account is locked. */
    AuthenticationFailureHandler refused() {
        SessionFlashMapManager flashes = new SessionFlashMapManager();
        return (request, response, exception) -> {
            String lock = lockMessage(exception, request.getParameter("username"),
                    locales.resolveLocale(request));
            if (lock == null) {
                response.sendRedirect(request.getContextPath() + "/login?error");
                return;
            }
            FlashMap flash = new FlashMap();
            flash.put(SIGN_IN_PROBLEM, lock);
            flash.setTargetRequestPath(request.getContextPath() + "/login");
            flashes.saveOutputFlashMap(flash, request, response);
            response.sendRedirect(request.getContextPath() + "/login?locked");
        };
    }

    /** After a locked account's session ended: the sign-in page, saying why. */
    void sessionEnded(HttpServletRequest request, HttpServletResponse response, AccountLockedException locked)
            throws IOException {
        FlashMap flash = new FlashMap();
        flash.put(SIGN_IN_PROBLEM, lockMessage(locked, null, locales.resolveLocale(request)));
        flash.setTargetRequestPath(request.getContextPath() + "/login");
        new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
        String target = request.getContextPath() + "/login?locked";
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            return;
        }
        response.sendRedirect(target);
    }

    /**
     * Ends the page session signed in with the UKEY {@code sid}, whose binding was revoked: audited
     * (as the session's account), then the sign-in page saying why.
     */
    void ukeySessionRevoked(HttpServletRequest request, HttpServletResponse response, Authentication auth,
            String sid) throws IOException {
        try {
            audit.event(UKEY_SESSION_REVOKED)
                    .target("UKEY", sid)
                    .params(AuditParams.of("sid", sid))
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            // Ending the session stays safe; only the record is missing.
            log.error("The end of a session whose UKEY was revoked could not be logged: {}", e.toString());
        }
        logout.logout(request, response, auth);
        String target = request.getContextPath() + "/login?ukey=" + UkeyRefusal.SESSION_REVOKED.code();
        if (request.getHeader("HX-Request") != null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("HX-Redirect", target);
            return;
        }
        response.sendRedirect(target);
    }

    /**
     * A 401 problem for API clients, with the challenge of the scheme they tried (Basic unless it was
     * a bearer token); a locked account says until when, an account needing a UKEY that it needs an
     * API token, a token made with a weaker sign-in than the account now needs (or with a revoked
     * UKEY) that a new one is needed, a token that did not work that it is not valid, Basic
     * credentials that did not work that the username or password is wrong (not which), and a call
     * without credentials how to sign in.
     */
    AuthenticationEntryPoint apiSignIn() {
        return (request, response, exception) -> {
            Locale locale = locales.resolveLocale(request);
            boolean bearer = ApiAuthentication.bearerPresented(request);
            String lock = lockMessage(exception, bearer ? null : basicUsername(request), locale);
            response.setHeader("WWW-Authenticate", bearer ? "Bearer realm=\"vsip4x-portal\", error=\"invalid_token\""
                    : "Basic realm=\"vsip4x-portal\"");
            String key = lock != null ? "login.locked"
                    : exception instanceof UkeyRequiredException ? "error.signIn.ukeyRequired"
                    : exception instanceof WeakApiTokenException weak ? weak.messageKey()
                    : exception instanceof InvalidApiTokenException ? "error.signIn.badToken"
                    : !bearer && basicPresented(request) ? "error.signIn.badCredentials" : "error.signIn";
            writeProblem(response, 401, key, lock != null ? lock : messages.getMessage(key, null, locale), locale);
        };
    }

    /** A 403 problem for API clients refused by the security filters; logged. */
    AccessDeniedHandler apiDenied() {
        return (request, response, exception) -> {
            Locale locale = locales.resolveLocale(request);
            String key = deniedKey(request);
            logRefusal(request, key);
            writeProblem(response, 403, key, messages.getMessage(key, null, locale), locale);
        };
    }

    /**
     * A refused page request: an htmx request (a stale CSRF token, most often) reloads its page,
     * which gets a fresh token or the sign-in page; other requests get the error page. Logged.
     */
    AccessDeniedHandler pageDenied() {
        AccessDeniedHandlerImpl plain = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            logRefusal(request, deniedKey(request));
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Refresh", "true");
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            plain.handle(request, response, exception);
        };
    }

    /**
     * The sign-in page for browsers; for htmx requests an HX-Redirect instead of a swapped page
     * (the whole page goes to sign-in); for a live-update stream ({@link #streamSignedOut}) one
     * event that sends the page there too.
     */
    AuthenticationEntryPoint pageSignIn() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, ex) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + LiveUpdates.SIGN_IN_AGAIN);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            String accept = request.getHeader("Accept");
            if (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
                streamSignedOut(request, response);
                return;
            }
            login.commence(request, response, ex);
        };
    }

    /**
     * The answer to a live-update stream without a session: a stream with one {@code signedout}
     * event naming the sign-in page (the page's script goes there) that then ends, asking the
     * browser to wait a minute before it tries again, so a page without the script does not
     * hammer the portal either. A redirect or an error would only make the page retry.
     */
    private static void streamSignedOut(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("retry: 60000\nevent: " + LiveUpdates.SIGNED_OUT + "\ndata: "
                + request.getContextPath() + LiveUpdates.SIGN_IN_AGAIN + "\n\n");
        response.flushBuffer();
    }

    /** The 403 problem of an API call made before a forced password change. */
    void mustChangePassword(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = locales.resolveLocale(request);
        writeProblem(response, 403, "password.error.mustChange",
                messages.getMessage("password.error.mustChange", null, locale), locale);
    }

    /**
     * Why a locked account was refused, or {@code null} when it was not locked. A wrong password
     * that reached the limit says so at once.
     */
    private String lockMessage(AuthenticationException exception, String username, Locale locale) {
        Instant until;
        if (exception instanceof AccountLockedException locked) {
            if (locked.until() == null) {
                return messages.getMessage("login.lockedByAdmin", null, locale);
            }
            until = locked.until();
        } else if (exception instanceof BadCredentialsException) {
            until = lockout.lockedUntil(username).orElse(null);
        } else {
            until = null;
        }
        return until == null ? null : messages.getMessage("login.locked", new Object[] {time.format(until)}, locale);
    }

    private static boolean basicPresented(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.strip().regionMatches(true, 0, "Basic", 0, 5);
    }

    private String basicUsername(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken token = basic.convert(request);
            return token == null ? null : token.getName();
        } catch (AuthenticationException e) {
            return null;
        }
    }

    private static String deniedKey(HttpServletRequest request) {
        CurrentUser user = UserService.current();
        boolean change = !AuditorsReadOnly.SAFE.contains(request.getMethod());
        return user != null && user.has(Role.AUDITOR) && change ? "error.auditorReadOnly" : "error.forbidden";
    }

    private void logRefusal(HttpServletRequest request, String key) {
        if (UserService.current() != null) {
            audit.event("REFUSED")
                    .target("PATH", request.getMethod() + " " + request.getRequestURI())
                    .params(key)
                    .result(AuditService.DENIED, null, key)
                    .recordAlone();
        }
    }

    private void writeProblem(HttpServletResponse response, int status, String key, String detail, Locale locale)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:vsip4x:problem:" + key);
        problem.put("title", messages.getMessage("problem.title." + status, null, locale));
        problem.put("status", status);
        problem.put("detail", detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}

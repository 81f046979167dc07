package io.vsip4x.portal.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Signed-in people only, and auditors only read: any request of theirs that could change
 * something is refused, wherever it goes, except signing out (also as their UKEY is removed),
 * changing their own password or time zone, running a verification of the audit chain (which
 * changes nothing but the verification log), asking for a console's token or noting console
 * activity (a console is view-only for them, when the setting gives them one at all), and making
 * and revoking their own API tokens.
 */
final class AuditorsReadOnly implements AuthorizationManager<RequestAuthorizationContext> {

    /** The methods that change nothing. */
    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN_BUSINESS = Set.of("/logout", SignInAnswers.PASSWORD_PAGE,
            "/api/v1/account/password", TimeZoneController.PATH, "/audit/verify", "/login/ukey/removed");

    /** The audit API has no write at all: it answers a write itself (405), for auditors as for anyone. */
    private static boolean readOnlyAudit(String path) {
        return path.equals("/api/v1/audit") || path.startsWith("/api/v1/audit/");
    }

    /** A console's token and console activity: watching a console changes nothing. */
    private static final Pattern CONSOLE = Pattern.compile("/vms/[^/]+/console/token|/console/activity");
    /** Their own API tokens: auditors call the API with one (their policy needs a UKEY by default). */
    private static final Pattern OWN_TOKENS = Pattern.compile(
            ApiTokenController.PAGE + "(/\\d+/revoke)?|" + ApiTokenApiController.MINE + "/\\d+");

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        if (auth == null || !auth.isAuthenticated() || trust.isAnonymous(auth)) {
            return new AuthorizationDecision(false);
        }
        CurrentUser user = UserService.of(auth);
        HttpServletRequest request = context.getRequest();
        boolean change = !SAFE.contains(request.getMethod());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean refused = user != null && user.has(Role.AUDITOR) && change && !OWN_BUSINESS.contains(path)
                && !readOnlyAudit(path) && !CONSOLE.matcher(path).matches() && !OWN_TOKENS.matcher(path).matches();
        return new AuthorizationDecision(!refused);
    }
}

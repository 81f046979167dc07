package io.vsip4x.portal.identity;

import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * How API callers sign in, on every request: HTTP Basic with a password, refused before the password
 * is looked at when the account's sign-in policy needs a UKEY ({@link UkeyRequiredException}); or
 * {@code Authorization: Bearer} with a personal API token ({@link ApiTokens}), which signs in its
 * account with the same checks as a password (enabled, not locked: {@link SignInLockout}; the
 * rest, auditors reading only and a forced password change, is the filter chain's as for Basic),
 * as long as the sign-in that made the token still does for the account's policy now and its UKEY
 * binding, if any, is not revoked ({@link WeakApiTokenException}).
 */
@Component
class ApiAuthentication {

    private static final String BEARER = "Bearer";

    private final UserService users;
    private final PasswordEncoder encoder;
    private final SignInLockout lockout;
    private final SignInPolicies policies;
    private final ApiTokens tokens;
    private final AuthenticationEventPublisher events;

    ApiAuthentication(UserService users, PasswordEncoder encoder, SignInLockout lockout, SignInPolicies policies,
            ApiTokens tokens, AuthenticationEventPublisher events) {
        this.users = users;
        this.encoder = encoder;
        this.lockout = lockout;
        this.policies = policies;
        this.tokens = tokens;
        this.events = events;
    }

    /**
     * HTTP Basic's manager: a locked account refused first, then an account whose policy needs a
     * UKEY, before its password is looked at (a right and a wrong password answer alike, and guesses
     * lock nothing), then passwords checked as on the sign-in page (wrong ones counted); refusals
     * are published for the sign-in log.
     */
    AuthenticationManager basic() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(details -> {
            lockout.check(details);
            passwordSuffices(details);
        });
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    /**
     * The filter signing a request with {@code Authorization: Bearer} in; a refused token is answered
     * by {@code refused} at once. Requests without one pass on untouched.
     */
    AuthenticationFilter bearer(AuthenticationEntryPoint refused) {
        AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(new TokenProvider()),
                ApiAuthentication::presented);
        // Signed in: the request goes on down the chain (the default would redirect).
        filter.setSuccessHandler((request, response, authentication) -> { });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(refused));
        return filter;
    }

    /** Whether the request names the bearer scheme, with a token or without (its value is not looked at). */
    static boolean bearerPresented(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.strip().regionMatches(true, 0, BEARER, 0, BEARER.length())
                && (header.strip().length() == BEARER.length() || header.strip().charAt(BEARER.length()) == ' ');
    }

    private static Authentication presented(HttpServletRequest request) {
        if (!bearerPresented(request)) {
            return null;
        }
        return new TokenAuthentication(request.getHeader(HttpHeaders.AUTHORIZATION).strip()
                .substring(BEARER.length()).strip());
    }

    private void passwordSuffices(UserDetails details) {
        if (details instanceof PortalUserDetails portal
                && policies.effective(portal.user().roles(), portal.user().tenantId()).method().needsUkey()) {
            throw new UkeyRequiredException();
        }
    }

    /** Signs a token's account in when the token works and the account may sign in now. */
    private final class TokenProvider implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            String secret = ((TokenAuthentication) authentication).secret;
            ApiTokens.Presented presented = tokens.accountOf(secret).orElseThrow(InvalidApiTokenException::new);
            PortalUserDetails details = users.reload(presented.accountId());
            if (details == null) {
                throw new InvalidApiTokenException();
            }
            lockout.check(details);
            if (presented.keyRevoked()) {
                throw new WeakApiTokenException(WeakApiTokenException.Reason.KEY_REVOKED);
            }
            SignInMethod method = policies.effective(details.user().roles(), details.user().tenantId()).method();
            if (!presented.factors().satisfies(method)) {
                throw new WeakApiTokenException(WeakApiTokenException.Reason.WEAKER);
            }
            tokens.used(presented);
            return new TokenAuthentication(details);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return TokenAuthentication.class.isAssignableFrom(authentication);
        }
    }

    /**
     * A bearer token presented (not yet checked: it holds the token, and its name is empty so the
     * token never reaches a log), or the account it signed in (holding no token).
     */
    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final transient String secret;
        private final transient PortalUserDetails principal;

        private TokenAuthentication(String secret) {
            super(List.of());
            this.secret = secret;
            this.principal = null;
        }

        private TokenAuthentication(PortalUserDetails principal) {
            super(principal.getAuthorities());
            this.secret = null;
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal == null ? "" : principal.getUsername();
        }

        @Override
        public String toString() {
            return "TokenAuthentication[" + getName() + "]";
        }
    }
}

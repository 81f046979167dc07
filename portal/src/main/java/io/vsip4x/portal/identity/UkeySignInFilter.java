package io.vsip4x.portal.identity;

import io.vsip4x.portal.identity.ukey.EffectivePolicy;
import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.UkeyBinding;
import io.vsip4x.portal.identity.ukey.UkeyChallenges;
import io.vsip4x.portal.identity.ukey.UkeyRefusal;
import io.vsip4x.portal.identity.ukey.UkeyRefusedException;
import io.vsip4x.portal.identity.ukey.UkeySession;
import io.vsip4x.portal.identity.ukey.UkeyVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code POST /login/ukey}: signs in with a UKEY's signature of a challenge, alone or as the
 * second step after a password. The key is checked by {@link UkeyVerifier}; then the account
 * (locked or disabled: refused) and its sign-in policy. What follows is the form sign-in's own
 * path ({@link UkeySignIn} gives it the same session strategy, context repository and success
 * handler), with the same principal.
 */
final class UkeySignInFilter extends AbstractAuthenticationProcessingFilter {

    /** Request attribute: the {@link Attempt} of a sign-in that passed, for the success handler. */
    static final String ATTEMPT = UkeySignInFilter.class.getName() + ".attempt";
    static final String PATH = "/login/ukey";

    /**
     * A UKEY sign-in that passed.
     *
     * @param sid       the key's serial
     * @param steps     {@code UKEY} alone, or {@code BOTH} after the password
     * @param watch     whether the session ends when the key is removed
     * @param bindingId the binding used
     */
    record Attempt(String sid, String steps, boolean watch, long bindingId) {
    }

    private final UkeyVerifier verifier;
    private final UserService users;
    private final SignInLockout lockout;
    private final SignInPolicies policies;
    private final Clock clock;

    UkeySignInFilter(UkeyVerifier verifier, UserService users, SignInLockout lockout, SignInPolicies policies,
            Clock clock) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH));
        this.verifier = verifier;
        this.users = users;
        this.lockout = lockout;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException {
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw new UkeyRefusedException(UkeyRefusal.UNKNOWN, null, null);
        }
        UkeySession.PendingStep pending = session.getAttribute(UkeySession.PENDING)
                instanceof UkeySession.PendingStep step ? step : null;
        UkeyVerifier.VerifiedKey key = verifier.verify(request.getParameter("challenge"),
                request.getParameter("certUser"), request.getParameter("sid"), request.getParameter("signature"),
                session.getId());
        UkeyBinding binding = key.binding();
        boolean second = key.spent().purpose() == UkeyChallenges.Purpose.SECOND_FACTOR;
        if (second) {
            if (pending == null || pending.accountId() != key.spent().accountId()
                    || !pending.current(clock.instant())) {
                throw new UkeyRefusedException(UkeyRefusal.EXPIRED, binding.sid(),
                        pending == null ? null : pending.username());
            }
            if (binding.accountId() != pending.accountId()) {
                throw new UkeyRefusedException(UkeyRefusal.OTHER_ACCOUNT, binding.sid(), pending.username());
            }
        }
        PortalUserDetails details = users.reload(binding.accountId());
        if (details == null) {
            throw new UkeyRefusedException(UkeyRefusal.UNBOUND, binding.sid(), null);
        }
        try {
            lockout.check(details);
        } catch (AuthenticationException e) {
            throw new UkeyRefusedException(UkeyRefusal.LOCKED, binding.sid(), details.getUsername());
        }
        EffectivePolicy policy = policies.effective(details.user().roles(), details.user().tenantId());
        if (!second && policy.method() == SignInMethod.PASSWORD) {
            throw new UkeyRefusedException(UkeyRefusal.PASSWORD_ONLY, binding.sid(), details.getUsername());
        }
        if (!second && policy.method() == SignInMethod.BOTH) {
            throw new UkeyRefusedException(UkeyRefusal.PASSWORD_FIRST, binding.sid(), details.getUsername());
        }
        List<GrantedAuthority> authorities = new ArrayList<>(details.getAuthorities());
        if (second) {
            authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        }
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.X509_AUTHORITY));
        UsernamePasswordAuthenticationToken token =
                UsernamePasswordAuthenticationToken.authenticated(details, null, authorities);
        token.setDetails(authenticationDetailsSource.buildDetails(request));
        // No provider manager erases what this sign-in made: the session must not store the password hash.
        token.eraseCredentials();
        request.setAttribute(ATTEMPT, new Attempt(binding.sid(), second ? "BOTH" : "UKEY", policy.endOnRemoval(),
                binding.id()));
        return token;
    }
}

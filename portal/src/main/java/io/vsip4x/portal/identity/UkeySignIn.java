package io.vsip4x.portal.identity;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.audit.SignInAuditor;
import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.UkeyBindings;
import io.vsip4x.portal.identity.ukey.UkeyProperties;
import io.vsip4x.portal.identity.ukey.UkeyRefusal;
import io.vsip4x.portal.identity.ukey.UkeyRefusedException;
import io.vsip4x.portal.identity.ukey.UkeySession;
import io.vsip4x.portal.identity.ukey.UkeyVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The sign-in policy in the page chain ({@link SignInPolicies}): the form's password sign-in
 * checks it after the password (both factors: the session holds a pending step and goes to the
 * second-factor page; a UKEY alone: refused), and {@link UkeySignInFilter} signs in with a key.
 * Both end in the form sign-in's state: the same principal, session strategy, context
 * repository, success handler and {@code SIGN_IN} event, plus the UKEY audit actions.
 */
@Component
class UkeySignIn {

    /** Audit action of a UKEY sign-in (alone or as the second step). */
    static final String UKEY_SIGN_IN = "UKEY_SIGN_IN";
    /** Audit action of a refused UKEY sign-in (a password refused by the policy is a refused {@code SIGN_IN}). */
    static final String UKEY_SIGN_IN_REFUSED = "UKEY_SIGN_IN_REFUSED";
    /** Audit action of a right password whose sign-in waits for the UKEY. */
    static final String SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";
    /** The second-factor page. */
    static final String SECOND_FACTOR_PAGE = "/login/second-factor";

    private static final Logger log = LoggerFactory.getLogger(UkeySignIn.class);

    private final UkeyVerifier verifier;
    private final UserService users;
    private final UserRepository accounts;
    private final SignInLockout lockout;
    private final SignInPolicies policies;
    private final UkeyBindings bindings;
    private final UkeyProperties properties;
    private final AuditService audit;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final AuthenticationEventPublisher signInEvents;
    private final Clock clock;

    UkeySignIn(UkeyVerifier verifier, UserService users, UserRepository accounts, SignInLockout lockout,
            SignInPolicies policies, UkeyBindings bindings, UkeyProperties properties,
            AuditService audit, PasswordEncoder encoder, ApplicationEventPublisher events,
            AuthenticationEventPublisher signInEvents, Clock clock) {
        this.verifier = verifier;
        this.users = users;
        this.accounts = accounts;
        this.lockout = lockout;
        this.policies = policies;
        this.bindings = bindings;
        this.properties = properties;
        this.audit = audit;
        this.encoder = encoder;
        this.events = events;
        this.signInEvents = signInEvents;
        this.clock = clock;
    }

    /**
     * The page chain's password check: as the API's ({@code SecurityConfiguration}), with the same
     * sign-in events, plus the sign-in policy ({@link PasswordStepException}, which has no event).
     * A UKEY-only account is refused before its password is looked at, so that a right and a wrong
     * password answer alike and guesses neither count towards a lock nor tell anything; a
     * two-factor account's password is checked, then the UKEY step follows.
     */
    AuthenticationManager pagePasswords() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(details -> {
            lockout.check(details);
            refuseUkeyOnly(details);
        });
        provider.setPostAuthenticationChecks(this::askSecondFactor);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(signInEvents);
        return manager;
    }

    private void refuseUkeyOnly(UserDetails details) {
        if (details instanceof PortalUserDetails portal && method(portal) == SignInMethod.UKEY) {
            throw new PasswordStepException(PasswordStepException.Kind.UKEY_ONLY, portal);
        }
    }

    private void askSecondFactor(UserDetails details) {
        if (details instanceof PortalUserDetails portal && method(portal) == SignInMethod.BOTH) {
            throw new PasswordStepException(PasswordStepException.Kind.SECOND_FACTOR, portal);
        }
    }

    private SignInMethod method(PortalUserDetails portal) {
        return policies.effective(portal.user().roles(), portal.user().tenantId()).method();
    }

    /**
     * The form sign-in's success handler: a password that signs in alone leaves nothing of an
     * earlier UKEY step in the session, then {@code usual}.
     */
    AuthenticationSuccessHandler passwordSignedIn(AuthenticationSuccessHandler usual) {
        return (request, response, authentication) -> {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(UkeySession.PENDING);
                session.removeAttribute(UkeySession.SID);
                session.removeAttribute(UkeySession.BINDING);
                session.removeAttribute(UkeySession.WATCH);
            }
            usual.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * The form sign-in's failure handler: a right password that needs a key goes on to the
     * second-factor page (in a new session id: the session now holds a verified password) or is
     * refused as {@code ukeyOnly}; anything else goes to {@code usual}.
     */
    AuthenticationFailureHandler passwordRefused(AuthenticationFailureHandler usual) {
        return (request, response, exception) -> {
            if (!(exception instanceof PasswordStepException step)) {
                usual.onAuthenticationFailure(request, response, exception);
                return;
            }
            CurrentUser user = step.details().user();
            if (step.kind() == PasswordStepException.Kind.UKEY_ONLY) {
                // The password sign-in's own refusal (no key was used), logged as the others are.
                events.publishEvent(new UkeyRequiredException.Refused(
                        UsernamePasswordAuthenticationToken.unauthenticated(user.username(), null),
                        new UkeyOnlyException()));
                redirect(request, response, "/login?ukey=" + UkeyRefusal.UKEY_ONLY.code());
                return;
            }
            HttpSession session = request.getSession();
            request.changeSessionId();
            session.setAttribute(UkeySession.PENDING, new UkeySession.PendingStep(user.id(), user.username(),
                    user.displayName(), clock.instant().plus(properties.secondFactorTtl())));
            try {
                audit.event(SECOND_FACTOR_REQUIRED)
                        .as(user.username(), user.tenantCode(), user.roleList())
                        .target("ACCOUNT", user.username())
                        .recordAlone();
            } catch (DataAccessException | TransactionException e) {
                // Nobody is signed in yet: the UKEY step's own events will tell.
                log.error("The password step of '{}' could not be logged: {}", user.username(), e.toString());
            }
            redirect(request, response, SECOND_FACTOR_PAGE);
        };
    }

    /** Adds {@link UkeySignInFilter} to a chain, with the form sign-in's session handling. */
    Configurer configurer(AuthenticationSuccessHandler signedIn) {
        return new Configurer(signedIn);
    }

    /** Adds {@link UkeySignInFilter} once the chain's session strategy and context repository are known. */
    final class Configurer extends AbstractHttpConfigurer<Configurer, HttpSecurity> {

        private final AuthenticationSuccessHandler signedIn;

        private Configurer(AuthenticationSuccessHandler signedIn) {
            this.signedIn = signedIn;
        }

        @Override
        public void configure(HttpSecurity http) {
            UkeySignInFilter filter = new UkeySignInFilter(verifier, users, lockout, policies, clock);
            SessionAuthenticationStrategy sessions = http.getSharedObject(SessionAuthenticationStrategy.class);
            if (sessions != null) {
                filter.setSessionAuthenticationStrategy(sessions);
            }
            SecurityContextRepository contexts = http.getSharedObject(SecurityContextRepository.class);
            filter.setSecurityContextRepository(contexts != null ? contexts
                    : new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                            new HttpSessionSecurityContextRepository()));
            filter.setApplicationEventPublisher(events);
            filter.setAuthenticationSuccessHandler(succeeded(signedIn));
            filter.setAuthenticationFailureHandler(UkeySignIn.this::failed);
            http.addFilterAfter(filter, UsernamePasswordAuthenticationFilter.class);
        }
    }

    private AuthenticationSuccessHandler succeeded(AuthenticationSuccessHandler signedIn) {
        return (request, response, authentication) -> {
            if (request.getAttribute(SignInAuditor.UNRECORDED) == null
                    && request.getAttribute(UkeySignInFilter.ATTEMPT) instanceof UkeySignInFilter.Attempt attempt) {
                remember(request, authentication, attempt);
            }
            signedIn.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private void remember(HttpServletRequest request, Authentication authentication, UkeySignInFilter.Attempt attempt) {
        HttpSession session = request.getSession();
        session.removeAttribute(UkeySession.PENDING);
        session.setAttribute(UkeySession.SID, attempt.sid());
        session.setAttribute(UkeySession.BINDING, attempt.bindingId());
        if (attempt.watch()) {
            session.setAttribute(UkeySession.WATCH, Boolean.TRUE);
        } else {
            session.removeAttribute(UkeySession.WATCH);
        }
        events.publishEvent(new AuthenticationSuccessEvent(authentication));
        CurrentUser user = UserService.of(authentication);
        try {
            bindings.markUsed(attempt.bindingId());
            audit.event(UKEY_SIGN_IN)
                    .as(user.username(), user.tenantCode(), user.roleList())
                    .target("UKEY", attempt.sid())
                    .params(AuditParams.of("sid", attempt.sid(), "steps", attempt.steps()))
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            // The sign-in itself was logged (SIGN_IN); this adds only which key.
            log.error("The UKEY of the sign-in of '{}' could not be logged: {}", user.username(), e.toString());
        }
    }

    private void failed(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException exception) throws IOException {
        UkeyRefusedException refused = exception instanceof UkeyRefusedException r ? r
                : new UkeyRefusedException(UkeyRefusal.PLATFORM, null, null);
        HttpSession session = request.getSession(false);
        UkeySession.PendingStep pending = session != null
                && session.getAttribute(UkeySession.PENDING) instanceof UkeySession.PendingStep step ? step : null;
        String username = refused.username() != null ? refused.username()
                : pending != null ? pending.username() : null;
        refusal(username, refused.sid(), refused.reason(), refused.details());
        String page = pending != null && pending.current(clock.instant()) ? SECOND_FACTOR_PAGE : "/login";
        redirect(request, response, page + "?ukey=" + refused.reason().code());
    }

    /** Logs a refused UKEY sign-in of {@code username} (or of nobody known) with key {@code sid} (or none). */
    private void refusal(String username, String sid, UkeyRefusal reason, Map<String, String> details) {
        try {
            UserRepository.UserRow row = username == null ? null : accounts.findByUsername(username).orElse(null);
            String account = row == null ? null : row.username();
            audit.event(UKEY_SIGN_IN_REFUSED)
                    .as(account == null ? "anonymous" : account, row == null ? null : row.tenantCode(), null)
                    .target(sid == null ? "ACCOUNT" : "UKEY", sid == null ? account : sid)
                    .params(AuditParams.of(params(sid, reason, details)))
                    .result(AuditService.DENIED, null, reason.code())
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            log.error("A refused UKEY sign-in could not be logged: {}", e.toString());
        }
    }

    private static Map<String, String> params(String sid, UkeyRefusal reason, Map<String, String> details) {
        Map<String, String> params = new LinkedHashMap<>();
        if (sid != null) {
            params.put("sid", sid);
        }
        params.put("reason", reason.code());
        params.putAll(details);
        return params;
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        response.sendRedirect(request.getContextPath() + path);
    }
}

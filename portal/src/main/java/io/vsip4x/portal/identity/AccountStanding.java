package io.vsip4x.portal.identity;

import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.UkeyBindings;
import io.vsip4x.portal.identity.ukey.UkeySession;
import jakarta.servlet.http.HttpSession;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Whether a signed-in session still stands for its account: the account may have been removed,
 * disabled or locked since, or its tenant, clearance or roles changed (a session keeps the rights
 * its account had at sign-in, so changed ones need a new sign-in); and whether the binding of the
 * UKEY a session signed in with was revoked since ({@link #ukeyRevoked}), or its sign-in policy now
 * needs more than the session's sign-in gave ({@link #weakerThanPolicy}). Pages learn it on their next
 * request ({@link LockedSessionFilter}); long-lived connections such as a console's ask it
 * themselves.
 */
@Component
public class AccountStanding {

    /** How a session's account stands. */
    public enum Standing {
        /** As it was at sign-in. */
        GOOD,
        /** Removed, disabled or locked. */
        LOCKED,
        /** Its tenant, clearance or roles changed. */
        RIGHTS_CHANGED
    }

    private final UserRepository users;
    private final SignInLockout lockout;
    private final UkeyBindings bindings;
    private final SignInPolicies policies;

    AccountStanding(UserRepository users, SignInLockout lockout, UkeyBindings bindings, SignInPolicies policies) {
        this.users = users;
        this.lockout = lockout;
        this.bindings = bindings;
        this.policies = policies;
    }

    /**
     * Whether the sign-in policy of {@code signedIn} now needs a factor the session's sign-in
     * ({@code auth}) did not give: a UKEY for {@code UKEY}, both for {@code BOTH}. A security admin
     * making a policy stricter so ends the sessions it no longer allows.
     */
    boolean weakerThanPolicy(Authentication auth, CurrentUser signedIn) {
        SignInMethod method = policies.effective(signedIn.roles(), signedIn.tenantId()).method();
        if (!method.needsUkey()) {
            return false;
        }
        boolean ukey = factor(auth, FactorGrantedAuthority.X509_AUTHORITY);
        boolean password = factor(auth, FactorGrantedAuthority.PASSWORD_AUTHORITY);
        return !ukey || method == SignInMethod.BOTH && !password;
    }

    /**
     * {@link #weakerThanPolicy(Authentication, CurrentUser)} for a long-lived connection that holds
     * the HTTP {@code session} it was opened from; {@code false} when the session holds no sign-in.
     */
    public boolean weakerThanPolicy(HttpSession session, CurrentUser signedIn) {
        try {
            return session != null
                    && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                            instanceof SecurityContext context
                    && context.getAuthentication() != null
                    && weakerThanPolicy(context.getAuthentication(), signedIn);
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    private static boolean factor(Authentication auth, String authority) {
        return auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    /**
     * The serial of the UKEY that signed {@code session} in, when that key's binding has been
     * revoked since; {@code null} for a session signed in otherwise, ended, or whose key still stands.
     */
    public String ukeyRevoked(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            if (session.getAttribute(UkeySession.BINDING) instanceof Long binding && !bindings.isActive(binding)) {
                Object sid = session.getAttribute(UkeySession.SID);
                return sid == null ? "" : sid.toString();
            }
            return null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** How the account of the session signed in as {@code signedIn} stands now. */
    public Standing of(CurrentUser signedIn) {
        Optional<UserRepository.UserRow> row = users.findById(signedIn.id());
        if (row.isEmpty() || !row.get().enabled() || lockOf(signedIn, row.get()) != null) {
            return Standing.LOCKED;
        }
        return rightsChanged(signedIn, row.get()) ? Standing.RIGHTS_CHANGED : Standing.GOOD;
    }

    /** The lock the account of {@code signedIn} (read as {@code row}) is under now, or {@code null}. */
    AccountLockedException lockOf(CurrentUser signedIn, UserRepository.UserRow row) {
        return lockout.lockOf(new PortalUserDetails(signedIn, row.passwordHash(), row.enabled(), row.state()));
    }

    /** Whether the account's tenant, clearance or roles differ from those the session signed in with. */
    boolean rightsChanged(CurrentUser signedIn, UserRepository.UserRow row) {
        return !Objects.equals(signedIn.tenantId(), row.tenantId()) || signedIn.clearance() != row.clearance()
                || !signedIn.roles().equals(users.roles(row.id()));
    }
}

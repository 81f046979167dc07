package io.vsip4x.portal.identity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The security principal: a {@link CurrentUser} plus what sign-in checks: the password hash,
 * the locks and the failed sign-ins so far, and whether the password must be changed first. It is
 * kept in the shared HTTP sessions (Java-serialized, as {@link UserDetails} are).
 */
final class PortalUserDetails implements UserDetails, CredentialsContainer {

    private static final long serialVersionUID = 1L;

    private final CurrentUser user;
    /** Forgotten once the sign-in is checked ({@link #eraseCredentials()}): sessions never store it. */
    private String passwordHash;
    private final boolean enabled;
    private final SignInState state;

    /**
     * What sign-in knows of an account besides its password.
     *
     * @param locked             locked by a security admin, until one unlocks it
     * @param lockedUntil        locked after failed sign-ins until then, or {@code null}
     * @param failedAttempts     failed sign-ins since the last success or lock
     * @param mustChangePassword the account may do nothing but change its password
     */
    record SignInState(boolean locked, Instant lockedUntil, int failedAttempts, boolean mustChangePassword)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        static final SignInState FREE = new SignInState(false, null, 0, false);
    }

    PortalUserDetails(CurrentUser user, String passwordHash, boolean enabled, SignInState state) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.state = state;
    }

    CurrentUser user() {
        return user;
    }

    SignInState state() {
        return state;
    }

    /** The same principal once its password has been changed. */
    PortalUserDetails withPasswordChanged() {
        return new PortalUserDetails(user, passwordHash, enabled,
                new SignInState(state.locked(), state.lockedUntil(), state.failedAttempts(), false));
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = user.roles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    /** Drops the password hash once sign-in has checked it, before the principal goes into a session. */
    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}

package io.vsip4x.portal.identity;

import java.time.Clock;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creating them, loading them for sign-in, and telling who is signed in. */
@Service
public class UserService implements UserDetailsService {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final PasswordProperties passwordRules;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder passwords, PasswordProperties passwordRules, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.passwordRules = passwordRules;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserRepository.UserRow row = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        return details(row);
    }

    /** The principal of an account as it is now, or {@code null} when it no longer exists. */
    @Transactional(readOnly = true)
    PortalUserDetails reload(long id) {
        return users.findById(id).map(this::details).orElse(null);
    }

    private PortalUserDetails details(UserRepository.UserRow row) {
        CurrentUser user = new CurrentUser(row.id(), row.username(), row.displayName(), row.tenantId(),
                row.tenantCode(), users.roles(row.id()), row.clearance());
        return new PortalUserDetails(user, row.passwordHash(), row.enabled(), row.state());
    }

    /**
     * Creates an account, trusting the caller with its password (the start-up seeding and
     * tests; security admins create accounts through {@link AccountService}, which checks the
     * rules).
     *
     * @param tenantId its tenant, or {@code null} for a platform-wide account
     * @throws IllegalArgumentException when the roles hold more than one of platform admin,
     *                                  security admin and auditor
     */
    @Transactional
    public long create(String username, String rawPassword, String displayName, Long tenantId, Set<Role> roles) {
        if (roles.stream().filter(Role.SEPARATED::contains).count() > 1) {
            throw new IllegalArgumentException("An account holds at most one of platform admin, "
                    + "security admin and auditor");
        }
        String hash = passwords.encode(rawPassword);
        long id = users.insert(username, hash, displayName, tenantId);
        roles.forEach(role -> users.addRole(id, role));
        users.remember(id, hash, passwordRules.history(), clock.instant());
        return id;
    }

    /** Makes the account {@code id} change its password at its next sign-in (the first start's accounts). */
    @Transactional
    public void requirePasswordChange(long id) {
        users.requirePasswordChange(id);
    }

    /** Whether any account holds {@code role}. */
    @Transactional(readOnly = true)
    public boolean anyWithRole(Role role) {
        return users.anyWithRole(role);
    }

    /** The signed-in person of this thread, or {@code null} when nobody is signed in. */
    public static CurrentUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalUserDetails details) {
            return details.user();
        }
        return null;
    }

    /** The {@link CurrentUser} of an authentication, or {@code null} when it is not ours. */
    public static CurrentUser of(Authentication auth) {
        return auth != null && auth.getPrincipal() instanceof PortalUserDetails details ? details.user() : null;
    }

    /** Whether the signed-in person of an authentication must change their password before anything else. */
    public static boolean mustChangePassword(Authentication auth) {
        return auth != null && auth.getPrincipal() instanceof PortalUserDetails details
                && details.state().mustChangePassword();
    }
}

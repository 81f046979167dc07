package io.vsip4x.portal.identity;

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

    UserService(UserRepository users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserRepository.UserRow row = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        CurrentUser user = new CurrentUser(row.id(), row.username(), row.displayName(), row.tenantId(),
                row.tenantCode(), users.roles(row.id()), row.clearance());
        return new PortalUserDetails(user, row.passwordHash(), row.enabled());
    }

    /**
     * Creates an account.
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
        long id = users.insert(username, passwords.encode(rawPassword), displayName, tenantId);
        roles.forEach(role -> users.addRole(id, role));
        return id;
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
}

package io.vsip4x.portal.identity;

import java.time.Instant;
import java.util.Set;

/**
 * An account as a security admin sees it; never its password.
 *
 * @param tenant             the tenant's code, or {@code null} for a platform-wide account
 * @param locked             locked by a security admin
 * @param lockedUntil        locked after failed sign-ins until then, or {@code null}
 * @param failedAttempts     failed sign-ins since the last success or lock
 * @param mustChangePassword it must change its password at the next sign-in
 * @param version            the optimistic version: an edit names the version it started from
 */
public record Account(
        long id,
        String username,
        String displayName,
        String email,
        String tenant,
        String tenantName,
        Set<Role> roles,
        int clearance,
        boolean locked,
        Instant lockedUntil,
        int failedAttempts,
        boolean mustChangePassword,
        Instant passwordChangedAt,
        Instant createdAt,
        int version) {

    public Account {
        roles = Set.copyOf(roles);
    }

    /** Whether it holds {@code role} (pages use this with the role's name). */
    public boolean has(String role) {
        return roles.stream().anyMatch(r -> r.name().equals(role));
    }

    /** Whether it is locked at {@code now}, by a security admin or after failed sign-ins. */
    public boolean lockedAt(Instant now) {
        return locked || (lockedUntil != null && lockedUntil.isAfter(now));
    }
}

package io.vsip4x.portal.identity;

import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in person as the features see them.
 *
 * @param tenantId   their tenant, or {@code null} for platform-wide accounts
 * @param tenantCode the tenant's code, or {@code null}
 * @param clearance  the highest classification (密级) they may see and use; 0 is the lowest. For
 *                   a tenant's account, its own clearance capped by the tenant's ceiling as it
 *                   was when they signed in
 */
public record CurrentUser(
        long id, String username, String displayName, Long tenantId, String tenantCode, Set<Role> roles,
        int clearance) implements Serializable {

    /** Kept in the shared HTTP sessions (Java-serialized). */
    private static final long serialVersionUID = 1L;

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    /** Whether something of classification {@code level} is within their clearance. */
    public boolean cleared(int level) {
        return level <= clearance;
    }

    /** Whether they hold {@code role}. */
    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether they see every VM and request of their tenant, not only their own. */
    public boolean seesWholeTenant() {
        return has(Role.TENANT_ADMIN) || has(Role.APPROVER);
    }

    /** Whether they may ask for VMs (pages use this: templates cannot name enum constants). */
    public boolean canRequest() {
        return has(Role.USER) && tenantId != null;
    }

    /** Whether they run the platform (and see every tenant's VMs). */
    public boolean canOperate() {
        return has(Role.PLATFORM_ADMIN);
    }

    /** Whether they work an approval queue: a tenant's approver or admin, or a platform admin. */
    public boolean canApprove() {
        return (has(Role.APPROVER) || has(Role.TENANT_ADMIN)) && tenantId != null || has(Role.PLATFORM_ADMIN);
    }

    /** Whether they read the operation log. */
    public boolean canAudit() {
        return has(Role.AUDITOR) || has(Role.SECURITY_ADMIN);
    }

    /** Whether they play console recordings back: auditors only, not security admins. */
    public boolean canWatchRecordings() {
        return has(Role.AUDITOR);
    }

    /** Whether they manage accounts (create, edit, lock, reset passwords). */
    public boolean canManageAccounts() {
        return has(Role.SECURITY_ADMIN);
    }

    /** The roles as one comma-separated word list, for the audit log. */
    public String roleList() {
        return roles.stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }
}

package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.Vm;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who gets which console of a VM. A VM above the person's clearance gives none. Within the VM's
 * tenant the owner and the tenant admins, and those given the console-only permission, get an
 * interactive console; a teammate the owner shared it with gets a view-only one until the share
 * ends. Platform admins get an interactive console only when {@code portal.console.platform-admins}
 * is on; auditors and approvers a view-only one only when {@code portal.console.viewers-view-only}
 * is (a platform-wide auditor for every tenant, a tenant's for its own).
 */
@Service
public class ConsoleAccess {

    private final JdbcClient jdbc;
    private final ConsoleProperties properties;
    private final Clock clock;

    ConsoleAccess(JdbcClient jdbc, ConsoleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** What {@code user} may do with {@code vm}'s console, and why. */
    public ConsoleRight rightOf(CurrentUser user, Vm vm) {
        if (!Clearance.visible(user, vm.classification())) {
            return ConsoleRight.NONE;
        }
        boolean sameTenant = user.tenantId() != null && user.tenantId() == vm.tenantId();
        if (sameTenant && user.id() == vm.ownerId()) {
            return new ConsoleRight(ConsoleMode.INTERACTIVE, "OWNER");
        }
        if (sameTenant && user.has(Role.TENANT_ADMIN)) {
            return new ConsoleRight(ConsoleMode.INTERACTIVE, "TENANT_ADMIN");
        }
        if (user.has(Role.PLATFORM_ADMIN) && properties.platformAdmins()) {
            return new ConsoleRight(ConsoleMode.INTERACTIVE, "PLATFORM_ADMIN");
        }
        if (sameTenant && granted(user.id(), vm.vmId())) {
            return new ConsoleRight(ConsoleMode.INTERACTIVE, "GRANT");
        }
        if (sameTenant && shared(user.id(), vm.vmId())) {
            return new ConsoleRight(ConsoleMode.VIEW_ONLY, "SHARE");
        }
        if (properties.viewersViewOnly() && viewer(user, sameTenant)) {
            return new ConsoleRight(ConsoleMode.VIEW_ONLY, "VIEWER");
        }
        return ConsoleRight.NONE;
    }

    private static boolean viewer(CurrentUser user, boolean sameTenant) {
        if (user.has(Role.AUDITOR)) {
            return sameTenant || user.tenantId() == null;
        }
        return user.has(Role.APPROVER) && sameTenant;
    }

    private boolean granted(long userId, String vmId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM console_grant
                 WHERE vm_id = :vmId AND user_id = :userId AND revoked_at IS NULL""")
                .param("vmId", vmId)
                .param("userId", userId)
                .query(Long.class)
                .single() > 0;
    }

    private boolean shared(long userId, String vmId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM console_share
                 WHERE vm_id = :vmId AND user_id = :userId AND revoked_at IS NULL AND expires_at > :now""")
                .param("vmId", vmId)
                .param("userId", userId)
                .param("now", java.sql.Timestamp.from(Instant.now(clock)))
                .query(Long.class)
                .single() > 0;
    }
}

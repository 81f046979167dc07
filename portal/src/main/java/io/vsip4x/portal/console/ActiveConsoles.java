package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consoles open now, for admins: platform admins see every tenant's, tenant admins their
 * tenant's. An admin may end one ({@code ENDED_BY_ADMIN}); the node holding it closes it within
 * {@code portal.console.sweep}, this one as soon as the end is committed.
 */
@Service
class ActiveConsoles {

    /** The end reason an admin gives. */
    static final String ENDED_BY_ADMIN = "ENDED_BY_ADMIN";

    private final ConsoleSessionRows sessions;
    private final ConsoleSessions consoles;
    private final AuditService audit;

    ActiveConsoles(ConsoleSessionRows sessions, ConsoleSessions consoles, AuditService audit) {
        this.sessions = sessions;
        this.consoles = consoles;
        this.audit = audit;
    }

    /** Whether {@code user} sees active consoles at all (the layout's menu asks). */
    static boolean mayWatch(CurrentUser user) {
        return user != null && (user.has(Role.PLATFORM_ADMIN)
                || user.has(Role.TENANT_ADMIN) && user.tenantId() != null);
    }

    /**
     * The open consoles {@code user} oversees, newest first.
     *
     * @throws PortalException 403 unless a platform or tenant admin
     */
    @Transactional(readOnly = true)
    List<ConsoleSessionRows.OpenConsole> list(CurrentUser user) {
        return sessions.openInTenant(scope(user));
    }

    /**
     * Asks the open console {@code sessionId} to end, and logs it.
     *
     * @throws PortalException 403 unless a platform or tenant admin; 404 when it is not open or
     *                         (for a tenant admin) of another tenant; 409 when it is ending already
     */
    @Transactional
    ConsoleSessionRows.OpenConsole end(CurrentUser user, long sessionId) {
        Long tenant = scope(user);
        ConsoleSessionRows.OpenConsole open = sessions.find(sessionId)
                .filter(o -> tenant == null || o.tenantId() == tenant)
                .orElseThrow(() -> PortalException.notFound("error.console.session.notFound"));
        if (!consoles.requestEnd(sessionId, ENDED_BY_ADMIN, user.id())) {
            throw PortalException.conflict("error.console.session.ending");
        }
        audit.event("CONSOLE_ENDED_BY_ADMIN")
                .target("VM", open.vmId())
                .params(AuditParams.of("vm", open.vmName(), "session", sessionId, "user", open.username()))
                .record();
        return open;
    }

    /** The tenant whose consoles {@code user} oversees, {@code null} for every tenant. */
    private static Long scope(CurrentUser user) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return null;
        }
        if (user.has(Role.TENANT_ADMIN) && user.tenantId() != null) {
            return user.tenantId();
        }
        throw PortalException.forbidden("error.console.admin.forbidden");
    }
}

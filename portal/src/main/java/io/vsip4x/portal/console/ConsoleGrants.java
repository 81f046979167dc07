package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.notifications.NotificationService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console-only permission: a tenant admin lets a person of the tenant open a VM's console,
 * keyboard and mouse included, without the right to change the VM, and takes it back. Both are
 * audited and the person is told. Taking it back needs nothing more: the tunnel's sweep asks
 * {@link ConsoleAccess} again and closes an open console with {@code ACCESS_LOST}.
 */
@Service
class ConsoleGrants {

    private final JdbcClient jdbc;
    private final ConsoleVms vms;
    private final ConsolePeople people;
    private final ConsoleAccess access;
    private final AuditService audit;
    private final NotificationService notifications;

    ConsoleGrants(JdbcClient jdbc, ConsoleVms vms, ConsolePeople people, ConsoleAccess access,
            AuditService audit, NotificationService notifications) {
        this.jdbc = jdbc;
        this.vms = vms;
        this.people = people;
        this.access = access;
        this.audit = audit;
        this.notifications = notifications;
    }

    /** A person's console-only permission on a VM. */
    record Grant(long id, String vmId, long userId, String username, String displayName, String grantedBy,
            Instant grantedAt) {
    }

    /**
     * What the panel shows: the VM, its grants, and the people who could be given one.
     *
     * @param manage whether the reader administers the VM's tenant; the panel is empty otherwise
     */
    record Panel(Vm vm, boolean manage, List<Grant> grants, List<CurrentUser> candidates) {
    }

    /** Whether {@code user} may give and take back console-only permissions on {@code vm}. */
    static boolean mayManage(CurrentUser user, Vm vm) {
        return ConsoleVms.tenantAdminOf(user, vm);
    }

    /**
     * The VM's grants with the people who could still be given one; empty (not {@code manage})
     * for someone who sees the VM but does not administer its tenant.
     *
     * @throws PortalException 404 when the VM is not {@code user}'s to see
     */
    @Transactional(readOnly = true)
    Panel panel(CurrentUser user, String vmId) {
        Vm vm = vms.visible(user, vmId);
        if (!mayManage(user, vm)) {
            return new Panel(vm, false, List.of(), List.of());
        }
        List<Grant> grants = grants(vmId);
        Set<Long> granted = grants.stream().map(Grant::userId).collect(Collectors.toSet());
        List<CurrentUser> candidates = people.ofTenant(vm.tenantId()).stream()
                .filter(p -> !granted.contains(p.id()))
                .filter(p -> Clearance.visible(p, vm.classification()))
                .filter(p -> !access.rightOf(p, vm).interactive())
                .toList();
        return new Panel(vm, true, grants, candidates);
    }

    /**
     * The VM's grants, by user name.
     *
     * @throws PortalException 404 when the VM is not {@code user}'s to see, 403 unless they
     *                         administer its tenant
     */
    @Transactional(readOnly = true)
    List<Grant> list(CurrentUser user, String vmId) {
        managed(user, vmId);
        return grants(vmId);
    }

    /**
     * Gives {@code userId} (or, when it is {@code null}, the account named {@code username}) the
     * console-only permission on the VM.
     *
     * @throws FieldProblems  when the person is unknown, of another tenant, not cleared for the
     *                        VM, or has an interactive console already (its owner, a tenant admin)
     * @throws PortalException 404/403 as {@link #list}; 409 when they hold a grant already
     */
    @Transactional
    Grant grant(CurrentUser user, String vmId, Long userId, String username) {
        Vm vm = managed(user, vmId);
        vms.lock(vmId);
        CurrentUser grantee = people.named(userId, username)
                .orElseThrow(() -> FieldProblems.of("userId", "error.console.person.unknown"));
        if (grants(vmId).stream().anyMatch(g -> g.userId() == grantee.id())) {
            throw PortalException.conflict("error.console.grant.exists", grantee.username());
        }
        check(vm, grantee);
        jdbc.sql("INSERT INTO console_grant (vm_id, user_id, granted_by) VALUES (:vmId, :userId, :by)")
                .param("vmId", vmId)
                .param("userId", grantee.id())
                .param("by", user.id())
                .update();
        audit.event("CONSOLE_GRANTED")
                .target("VM", vmId)
                .params(AuditParams.of("vm", vm.name(), "user", grantee.username()))
                .record();
        notifications.send(grantee.id(), "notification.console.granted",
                List.of(user.displayName(), vm.name()), ConsolePaths.console(vmId));
        return grants(vmId).stream().filter(g -> g.userId() == grantee.id()).findFirst().orElseThrow();
    }

    /**
     * Takes back {@code userId}'s console-only permission on the VM.
     *
     * @throws PortalException 404/403 as {@link #list}; 404 when they hold none
     */
    @Transactional
    void revoke(CurrentUser user, String vmId, long userId) {
        Vm vm = managed(user, vmId);
        Grant grant = grants(vmId).stream().filter(g -> g.userId() == userId).findFirst()
                .orElseThrow(() -> PortalException.notFound("error.console.grant.notFound"));
        jdbc.sql("""
                UPDATE console_grant SET revoked_at = CURRENT_TIMESTAMP(3), revoked_by = :by
                 WHERE id = :id AND revoked_at IS NULL""")
                .param("by", user.id())
                .param("id", grant.id())
                .update();
        audit.event("CONSOLE_GRANT_REVOKED")
                .target("VM", vmId)
                .params(AuditParams.of("vm", vm.name(), "user", grant.username()))
                .record();
        notifications.send(userId, "notification.console.grantRevoked", List.of(user.displayName(), vm.name()),
                ConsolePaths.CONSOLES);
    }

    private Vm managed(CurrentUser user, String vmId) {
        Vm vm = vms.visible(user, vmId);
        if (!mayManage(user, vm)) {
            throw PortalException.forbidden("error.console.grant.forbidden");
        }
        return vm;
    }

    private void check(Vm vm, CurrentUser grantee) {
        if (grantee.tenantId() == null || grantee.tenantId() != vm.tenantId()) {
            throw FieldProblems.of("userId", "error.console.person.otherTenant", grantee.username());
        }
        if (!Clearance.visible(grantee, vm.classification())) {
            throw FieldProblems.of("userId", "error.console.person.notCleared", grantee.username());
        }
        ConsoleRight right = access.rightOf(grantee, vm);
        if (right.interactive()) {
            throw FieldProblems.of("userId", "error.console.person.hasConsole", grantee.username());
        }
    }

    private List<Grant> grants(String vmId) {
        return jdbc.sql("""
                SELECT g.id, g.vm_id, g.user_id, u.username, u.display_name, b.username, g.granted_at
                  FROM console_grant g
                  JOIN app_user u ON u.id = g.user_id
                  LEFT JOIN app_user b ON b.id = g.granted_by
                 WHERE g.vm_id = :vmId AND g.revoked_at IS NULL
                 ORDER BY u.username""")
                .param("vmId", vmId)
                .query((rs, n) -> new Grant(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }
}

package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.notifications.NotificationService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * View-only shares: a VM's owner (or a tenant admin) lets a teammate of the tenant watch its
 * console for a limited time, at most {@code portal.console.share-max}, and may end it earlier.
 * Both are audited and the teammate is told. An ended share needs nothing more: the tunnel's
 * sweep asks {@link ConsoleAccess} again and closes an open console with {@code ACCESS_LOST}.
 */
@Service
class ConsoleShares {

    /** The lengths the form offers, in minutes, as far as {@code share-max} allows. */
    private static final List<Integer> OFFERED = List.of(15, 30, 60, 120, 240, 480);

    private final JdbcClient jdbc;
    private final ConsoleVms vms;
    private final ConsolePeople people;
    private final ConsoleAccess access;
    private final ConsoleProperties properties;
    private final AuditService audit;
    private final NotificationService notifications;
    private final Clock clock;

    ConsoleShares(JdbcClient jdbc, ConsoleVms vms, ConsolePeople people, ConsoleAccess access,
            ConsoleProperties properties, AuditService audit, NotificationService notifications, Clock clock) {
        this.jdbc = jdbc;
        this.vms = vms;
        this.people = people;
        this.access = access;
        this.properties = properties;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** A teammate's view-only share of a VM's console, until {@code expiresAt}. */
    record Share(long id, String vmId, long userId, String username, String displayName, String sharedBy,
            Instant createdAt, Instant expiresAt) {
    }

    /**
     * What the share panel shows.
     *
     * @param manage     whether the reader may share and revoke (the owner, a tenant admin)
     * @param candidates the teammates it could be shared with
     * @param minutes    the lengths offered, in minutes
     */
    record Panel(Vm vm, boolean manage, List<Share> shares, List<CurrentUser> candidates, List<Integer> minutes) {
    }

    /** Whether {@code user} may share {@code vm}'s console: its owner or a tenant admin of its tenant. */
    static boolean mayManage(CurrentUser user, Vm vm) {
        return ConsoleVms.ownerOf(user, vm) || ConsoleVms.tenantAdminOf(user, vm);
    }

    /**
     * The panel for {@code user}: empty (not {@code manage}) for someone with a console who may not
     * share it.
     *
     * @throws PortalException 404 when the VM is unknown or {@code user} has no console on it
     */
    @Transactional(readOnly = true)
    Panel panel(CurrentUser user, String vmId) {
        ConsoleVms.VmRight found = vms.withRight(user, vmId);
        Vm vm = found.vm();
        if (!mayManage(user, vm)) {
            if (!found.right().any()) {
                // Asked every time the console page loads: a GET answered 404 is not logged as refused.
                throw PortalException.notFound("error.vm.notFound", vmId);
            }
            return new Panel(vm, false, List.of(), List.of(), List.of());
        }
        List<Share> shares = shares(vmId);
        Set<Long> shared = shares.stream().map(Share::userId).collect(Collectors.toSet());
        List<CurrentUser> candidates = people.ofTenant(vm.tenantId()).stream()
                .filter(p -> p.id() != user.id() && !shared.contains(p.id()))
                .filter(p -> Clearance.visible(p, vm.classification()))
                .filter(p -> !access.rightOf(p, vm).any())
                .toList();
        return new Panel(vm, true, shares, candidates, offered());
    }

    /** The VM's current shares; see {@link #share} for the refusals. */
    @Transactional(readOnly = true)
    List<Share> list(CurrentUser user, String vmId) {
        managed(user, vmId);
        return shares(vmId);
    }

    /**
     * Shares the VM's console view-only with {@code userId} (or, when {@code null}, the account
     * named {@code username}) for {@code minutes}.
     *
     * @throws FieldProblems   when the teammate is unknown, of another tenant, the asker, not
     *                         cleared for the VM, has a console already, or the length is not
     *                         from one minute to {@code share-max}
     * @throws PortalException 404 when the VM is not {@code user}'s to see, 403 unless they own it
     *                         or administer its tenant, 409 when it is shared with them already
     */
    @Transactional
    Share share(CurrentUser user, String vmId, Long userId, String username, Integer minutes) {
        Vm vm = managed(user, vmId);
        long max = properties.shareMax().toMinutes();
        if (minutes == null || minutes < 1 || minutes > max) {
            throw FieldProblems.of("minutes", "error.console.share.minutes", max);
        }
        vms.lock(vmId);
        CurrentUser teammate = people.named(userId, username)
                .orElseThrow(() -> FieldProblems.of("userId", "error.console.person.unknown"));
        if (shares(vmId).stream().anyMatch(s -> s.userId() == teammate.id())) {
            throw PortalException.conflict("error.console.share.exists", teammate.username());
        }
        check(user, vm, teammate);
        Instant now = Instant.now(clock);
        Instant until = now.plus(Duration.ofMinutes(minutes));
        jdbc.sql("""
                INSERT INTO console_share (vm_id, owner_id, user_id, created_at, expires_at)
                VALUES (:vmId, :owner, :userId, :now, :until)""")
                .param("vmId", vmId)
                .param("owner", user.id())
                .param("userId", teammate.id())
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(until))
                .update();
        audit.event("CONSOLE_SHARED")
                .target("VM", vmId)
                .params(AuditParams.of("vm", vm.name(), "user", teammate.username(), "minutes", minutes))
                .record();
        notifications.send(teammate.id(), "notification.console.shared",
                List.of(user.displayName(), vm.name(), String.valueOf(minutes)), ConsolePaths.console(vmId));
        return shares(vmId).stream().filter(s -> s.userId() == teammate.id()).findFirst().orElseThrow();
    }

    /**
     * Ends the share {@code shareId} of the VM now.
     *
     * @throws PortalException 404/403 as {@link #share}; 404 when it is not a current share of the VM
     */
    @Transactional
    void revoke(CurrentUser user, String vmId, long shareId) {
        Vm vm = managed(user, vmId);
        Share share = shares(vmId).stream().filter(s -> s.id() == shareId).findFirst()
                .orElseThrow(() -> PortalException.notFound("error.console.share.notFound"));
        jdbc.sql("""
                UPDATE console_share SET revoked_at = :now, revoked_by = :by
                 WHERE id = :id AND revoked_at IS NULL""")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("by", user.id())
                .param("id", share.id())
                .update();
        audit.event("CONSOLE_SHARE_REVOKED")
                .target("VM", vmId)
                .params(AuditParams.of("vm", vm.name(), "user", share.username(), "share", share.id()))
                .record();
        notifications.send(share.userId(), "notification.console.shareRevoked",
                List.of(user.displayName(), vm.name()), ConsolePaths.CONSOLES);
    }

    private List<Integer> offered() {
        long max = properties.shareMax().toMinutes();
        List<Integer> minutes = new ArrayList<>(OFFERED.stream().filter(m -> m <= max).toList());
        if (minutes.isEmpty() && max >= 1) {
            minutes.add((int) max);
        }
        return minutes;
    }

    private Vm managed(CurrentUser user, String vmId) {
        Vm vm = vms.visible(user, vmId);
        if (!mayManage(user, vm)) {
            throw PortalException.forbidden("error.console.share.forbidden");
        }
        return vm;
    }

    private void check(CurrentUser user, Vm vm, CurrentUser teammate) {
        if (teammate.id() == user.id()) {
            throw FieldProblems.of("userId", "error.console.person.self");
        }
        if (teammate.tenantId() == null || teammate.tenantId() != vm.tenantId()) {
            throw FieldProblems.of("userId", "error.console.person.otherTenant", teammate.username());
        }
        if (!Clearance.visible(teammate, vm.classification())) {
            throw FieldProblems.of("userId", "error.console.person.notCleared", teammate.username());
        }
        if (access.rightOf(teammate, vm).any()) {
            throw FieldProblems.of("userId", "error.console.person.hasConsole", teammate.username());
        }
    }

    private List<Share> shares(String vmId) {
        return jdbc.sql("""
                SELECT s.id, s.vm_id, s.user_id, u.username, u.display_name, o.username, s.created_at,
                       s.expires_at
                  FROM console_share s
                  JOIN app_user u ON u.id = s.user_id
                  LEFT JOIN app_user o ON o.id = s.owner_id
                 WHERE s.vm_id = :vmId AND s.revoked_at IS NULL AND s.expires_at > :now
                 ORDER BY s.expires_at, s.id""")
                .param("vmId", vmId)
                .param("now", Timestamp.from(Instant.now(clock)))
                .query((rs, n) -> new Share(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }
}

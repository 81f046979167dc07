package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The console page's two calls (session and CSRF, like every page's form): a one-time token that
 * opens a console of the VM through the tunnel, and a sign of activity that keeps the HTTP session
 * alive while the person works in the console. Errors answer as problem JSON.
 */
@Controller
class ConsoleTokenController {

    private final ConsoleVms vms;
    private final ConsoleAccess access;
    private final ConsoleTokens tokens;
    private final ConsoleSessionRepository sessions;
    private final ConsoleAudit audit;
    private final ConsoleProperties properties;

    ConsoleTokenController(ConsoleVms vms, ConsoleAccess access, ConsoleTokens tokens,
            ConsoleSessionRepository sessions, ConsoleAudit audit, ConsoleProperties properties) {
        this.vms = vms;
        this.access = access;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
        this.properties = properties;
    }

    /**
     * The token the page gives the tunnel in its {@code auth} instruction.
     *
     * @param token    the token, valid once, for {@code expiresInSeconds}
     * @param viewOnly whether the console will be view-only
     * @param tunnel   the tunnel's path
     */
    record TokenAnswer(String token, long expiresInSeconds, boolean viewOnly, String tunnel) {
    }

    /**
     * A token for a console of {@code vmId}: 404 when the VM is not the person's to see, 403 without a
     * console right, 409 when the VM is neither running nor paused, 429 at the limit of open consoles.
     */
    @PostMapping(path = "/vms/{vmId}/console/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenAnswer> token(@PathVariable String vmId, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        Vm vm = vms.visibleOrWithConsole(user, vmId);
        ConsoleRight right = access.rightOf(user, vm);
        if (!right.any()) {
            throw PortalException.forbidden("error.console.forbidden");
        }
        ConsoleAudit.Actor actor = ConsoleAudit.Actor.of(user, request.getRemoteAddr());
        if (!hasConsole(vm)) {
            audit.refused(actor, null, vmId, ConsoleReason.VM_NOT_RUNNING);
            throw PortalException.conflict("error.console.notRunning", vm.name()).audited();
        }
        if (sessions.countOpen(user.id()) >= properties.maxPerUser()) {
            audit.refused(actor, null, vmId, ConsoleReason.LIMIT_REACHED);
            throw new PortalException(HttpStatus.TOO_MANY_REQUESTS, "error.console.limit", null,
                    properties.maxPerUser()).audited();
        }
        HttpSession session = request.getSession();
        long ttl = Math.max(1, properties.tokenTtl().toSeconds());
        String token = tokens.issue(user.id(), vmId, session.getId(), !right.interactive(), ttl);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenAnswer(token, ttl, !right.interactive(), ConsoleTunnelHandler.PATH));
    }

    /** The person is working in a console: the request itself keeps their HTTP session alive. */
    @PostMapping("/console/activity")
    ResponseEntity<Void> activity(HttpServletRequest request) {
        request.getSession(false);
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    /** Whether the VM has a console: it runs (1) or is paused (4). */
    static boolean hasConsole(Vm vm) {
        return vm.status() != null && (vm.status() == 1 || vm.status() == 4);
    }
}

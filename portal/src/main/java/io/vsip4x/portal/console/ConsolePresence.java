package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who else has a VM's console open, so that both the newcomer and those already there are told
 * (the console page asks every few seconds), and taking it over: someone with an interactive
 * console asks every other person's console of the VM to end ({@code TAKEN_OVER}); the node
 * holding each closes it within {@code portal.console.sweep}, this one once the take-over commits.
 */
@Service
class ConsolePresence {

    /** The end reason a take-over gives. */
    static final String TAKEN_OVER = "TAKEN_OVER";

    private final ConsoleVms vms;
    private final ConsoleSessions sessions;
    private final AuditService audit;

    ConsolePresence(ConsoleVms vms, ConsoleSessions sessions, AuditService audit) {
        this.vms = vms;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * The other people's open consoles of a VM, as one reader sees them.
     *
     * @param right     the reader's console right
     * @param others    the consoles other people have open, oldest first
     * @param canTakeOver whether the reader may take the console over (an interactive right, and
     *                  someone's console not asked to end yet)
     */
    record Presence(Vm vm, ConsoleRight right, List<ConsoleSessionRows.OpenConsole> others, boolean canTakeOver) {
    }

    /**
     * Who else has the console open.
     *
     * @throws PortalException 404 when the VM is unknown or {@code user} has no console on it
     */
    @Transactional(readOnly = true)
    Presence presence(CurrentUser user, String vmId) {
        ConsoleVms.VmRight found = withConsole(user, vmId);
        List<ConsoleSessionRows.OpenConsole> others = others(user, vmId);
        boolean takeable = found.right().interactive() && others.stream().anyMatch(o -> o.endRequested() == null);
        return new Presence(found.vm(), found.right(), others, takeable);
    }

    /**
     * Asks every other person's open console of the VM to end, and logs it.
     *
     * @return how many consoles were asked to end
     * @throws PortalException as {@link #presence}; 403 unless {@code user} has an interactive console
     */
    @Transactional
    int takeOver(CurrentUser user, String vmId) {
        ConsoleVms.VmRight found = withConsole(user, vmId);
        if (!found.right().interactive()) {
            throw PortalException.forbidden("error.console.takeover.forbidden");
        }
        List<ConsoleSessionRows.OpenConsole> ended = others(user, vmId).stream()
                .filter(o -> sessions.requestEnd(o.id(), TAKEN_OVER, user.id()))
                .toList();
        if (!ended.isEmpty()) {
            String ids = ended.stream().map(o -> String.valueOf(o.id())).collect(Collectors.joining(" "));
            String users = ended.stream().map(ConsoleSessionRows.OpenConsole::username).distinct()
                    .collect(Collectors.joining(" "));
            audit.event("CONSOLE_TAKEN_OVER")
                    .target("VM", vmId)
                    .params(AuditParams.of("vm", found.vm().name(), "sessions", ids, "users", users))
                    .record();
        }
        return ended.size();
    }

    private ConsoleVms.VmRight withConsole(CurrentUser user, String vmId) {
        ConsoleVms.VmRight found = vms.withRight(user, vmId);
        if (!found.right().any()) {
            // The page asks every few seconds: a GET answered 404 is not logged as a refusal each time.
            throw PortalException.notFound("error.vm.notFound", vmId);
        }
        return found;
    }

    private List<ConsoleSessionRows.OpenConsole> others(CurrentUser user, String vmId) {
        return sessions.open(vmId).stream().filter(o -> o.userId() != user.id()).toList();
    }
}

package io.vsip4x.portal.guest;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.network.NicService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the VM's guest page and its JSON twin show of the guest: whether its agent runs, whether it
 * is Windows (URLs open there only), its NICs, and why the tasks are disabled when they are.
 */
@Component
class GuestPages {

    /** The action name of the guest tasks as a whole, in the texts of why they are disabled. */
    static final String TASKS = "guest-tasks";

    private final VmGuard guard;
    private final GuestAgent agent;
    private final NicService nics;
    private final MessageSource messages;

    GuestPages(VmGuard guard, GuestAgent agent, NicService nics, MessageSource messages) {
        this.guard = guard;
        this.agent = agent;
        this.nics = nics;
        this.messages = messages;
    }

    /**
     * A VM's guest as the page shows it.
     *
     * @param agentOn     whether the guest agent runs (the platform's {@code agentOn})
     * @param windows     whether the guest is Windows
     * @param os          the guest's OS as the platform names it, possibly empty
     * @param mayOperate  whether the viewer may ask guest tasks at all
     * @param refusalCode the spec's code of why the tasks are disabled, or {@code null}
     * @param refusalText why the tasks are disabled (VM state or agent not running), or {@code null}
     * @param nics        the VM's NICs, for choosing one; empty when they cannot be read
     */
    public record GuestPage(Vm vm, boolean agentOn, boolean windows, String os, boolean mayOperate, String refusalCode,
            String refusalText, List<NicService.Nic> nics) {

        /** Whether the task buttons work. */
        public boolean enabled() {
            return mayOperate && refusalText == null;
        }

        /** What the page shows of the VM and its agent, in short: the page changes when this does. */
        public String fingerprint() {
            return Integer.toHexString(Objects.hash(vm.status(), vm.lifecycle(), agentOn, windows, os, mayOperate,
                    refusalCode, refusalText));
        }
    }

    /** The guest of a VM {@code user} may see; 404 otherwise. */
    @Transactional(readOnly = true)
    GuestPage page(CurrentUser user, String vmId, Locale locale) {
        Vm vm = guard.visible(user, vmId, GuestService.AUDIT_VIEW);
        VmGuard.Refusal refusal = guard.refusal(vm, GuestService.RUNNING, "2050");
        GuestAgent.State state = GuestAgent.State.UNKNOWN;
        boolean unreachable = false;
        if (vm.status() != null) {
            try {
                state = agent.of(vmId);
            } catch (PlatformUnavailableException e) {
                unreachable = true;
            }
        }
        String code = null;
        String text = null;
        if (refusal != null) {
            code = refusal.code();
            text = guard.explain(refusal, vm, TASKS, locale);
        } else if (unreachable) {
            text = messages.getMessage("vm.guest.unreachable", null, locale);
        } else if (!state.on()) {
            text = messages.getMessage("vm.guest.agentOff", new Object[] {vm.name()}, locale);
        }
        List<NicService.Nic> found = vm.status() == null ? List.of() : nics.page(user, vmId, locale).nics();
        return new GuestPage(vm, state.on(), state.windows(), state.os(), guard.mayOperate(user, vm), code, text,
                found);
    }
}

package io.vsip4x.portal.console.links;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.console.ConsoleAccess;
import io.vsip4x.portal.console.ConsoleRight;
import io.vsip4x.portal.console.ConsoleVms;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmAction;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.PortalException;
import org.springframework.stereotype.Component;

/**
 * Finds the VM a link, lease or view-type request names, and says who may do what with it: the
 * links need an interactive console ({@link ConsoleAccess}); revoking leases and changing the
 * view type need the right to operate the VM (its owner, its tenant's admins, platform admins).
 * A VM the person can neither see nor open a console of is answered 404, as if it did not exist.
 */
@Component
class ConsoleTargets {

    private final ConsoleVms vms;
    private final ConsoleAccess access;
    private final AuditService audit;

    ConsoleTargets(ConsoleVms vms, ConsoleAccess access, AuditService audit) {
        this.vms = vms;
        this.access = access;
        this.audit = audit;
    }

    /** A VM and what the person may do with its console. */
    record Target(Vm vm, ConsoleRight right, boolean mayOperate) {
    }

    /**
     * The VM {@code vmId} as {@code user} finds it; a refusal is logged as {@code action}, or not at
     * all when it is {@code null} (a page only showing what there is).
     *
     * @throws PortalException 404 when it does not exist, is deleted, or is not theirs to see
     */
    Target find(CurrentUser user, String vmId, String action) {
        Vm vm = vms.live(vmId).orElse(null);
        ConsoleRight right = vm == null ? ConsoleRight.NONE : access.rightOf(user, vm);
        if (vm == null || !VmService.visible(user, vm) && !right.any()) {
            if (action != null) {
                denied(action, vmId, null, "not found or not visible");
            }
            throw PortalException.notFound("error.vm.notFound", vmId).audited();
        }
        return new Target(vm, right, VmService.visible(user, vm) && VmAction.START.permitted(user, vm));
    }

    /**
     * As {@link #find}, and refused with 403 unless the person may operate the VM (logged by the
     * web layer as any refusal for lack of rights when {@code action} is {@code null}).
     */
    Target operable(CurrentUser user, String vmId, String action) {
        Target target = find(user, vmId, action);
        if (!target.mayOperate()) {
            PortalException refused = PortalException.forbidden("vm.links.mayNotOperate", target.vm().name());
            if (action == null) {
                throw refused;
            }
            denied(action, vmId, null, "not permitted");
            throw refused.audited();
        }
        return target;
    }

    /** Logs a refusal, kept whatever becomes of the caller's transaction. */
    void denied(String action, String vmId, String code, String reason) {
        audit.event(action)
                .target("VM", vmId)
                .params(reason)
                .result(AuditService.DENIED, code, reason)
                .recordAlone();
    }
}

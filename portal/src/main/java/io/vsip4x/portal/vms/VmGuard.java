package io.vsip4x.portal.vms;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules every feature that acts on one VM (snapshots, backups, disks, CD-ROMs, NICs, guest
 * tasks) checks before it asks the platform, the same as the power actions of {@link VmActions}:
 * a VM the person cannot see (other tenant, above their clearance, another owner's) is a 404; one
 * they may see but not operate (approvers, auditors) a 403; a VM not created, being deleted, with
 * an operation under way or in a transitional status a 409 with 2052; a VM in the wrong status a
 * 409 with the spec's code (2049 must be stopped, 2050 must be running). Each refusal is written
 * to the operation log with its code, kept whatever becomes of the caller's transaction.
 *
 * <p>{@code action} names what is asked, as in URLs ({@code snapshot-create}); its texts are the
 * message keys {@code vm.op.action.{action}} (a button) and {@code vm.op.passive.{action}} (in a
 * refusal: "cannot be {1}"), and its audit action is {@code auditAction}.
 */
@Service
public class VmGuard {

    private final VmRepository vms;
    private final OperationService operations;
    private final AuditService audit;
    private final MessageSource messages;

    VmGuard(VmRepository vms, OperationService operations, AuditService audit, MessageSource messages) {
        this.vms = vms;
        this.operations = operations;
        this.audit = audit;
        this.messages = messages;
    }

    /** Why a VM cannot take an action now: the spec's code and the text's key (arguments as {@link VmAction}). */
    public record Refusal(String code, String messageKey) {
    }

    /**
     * The VM {@code user} may see, read without a lock, or a 404 (logged under {@code auditAction}).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Vm visible(CurrentUser user, String vmId, String auditAction) {
        return vms.find(vmId).filter(v -> VmService.visible(user, v))
                .filter(v -> v.lifecycle() != VmLifecycle.DELETED)
                .orElseThrow(() -> notFound(vmId, auditAction));
    }

    /**
     * Locks the VM's row for the caller's transaction and checks that {@code user} may operate it.
     *
     * @throws PortalException 404 when they cannot see it, 403 when they may only look
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Vm operable(CurrentUser user, String vmId, String action, String auditAction) {
        Vm vm = vms.lock(vmId).filter(v -> VmService.visible(user, v))
                .filter(v -> v.lifecycle() != VmLifecycle.DELETED)
                .orElseThrow(() -> notFound(vmId, auditAction));
        if (!mayOperate(user, vm)) {
            denied(auditAction, vmId, null, "not permitted");
            throw PortalException.forbidden("vm.op.forbidden", vm.name(),
                    new DefaultMessageSourceResolvable("vm.op.action." + action)).audited();
        }
        return vm;
    }

    /**
     * Locks the VM's row for the caller's transaction, without checking anyone's rights: for a
     * feature's own bookkeeping of the VM (following the platform), never for a person's request.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Vm> lock(String vmId) {
        return vms.lockWithoutOwnerName(vmId);
    }

    /** Whether {@code user} may operate {@code vm}: its owner, its tenant's admins, platform admins. */
    public boolean mayOperate(CurrentUser user, Vm vm) {
        return VmAction.START.permitted(user, vm);
    }

    /**
     * Why {@code vm} cannot take an action that needs one of {@code statuses} (empty: any settled
     * status), or {@code null} when it can.
     *
     * @param wrongStatusCode the spec's code when the status is not one of them (2049, 2050, 2052)
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Refusal refusal(Vm vm, Set<Integer> statuses, String wrongStatusCode) {
        if (vm.lifecycle() != VmLifecycle.ACTIVE) {
            return new Refusal(VmAction.BUSY, "vm.op.refused.lifecycle." + vm.lifecycle().name());
        }
        List<Operation> open = operations.openFor(vm.vmId());
        if (!open.isEmpty()) {
            return new Refusal(VmAction.BUSY, busyKey(open));
        }
        if (vm.status() == null || VmService.transitional(vm.status())) {
            return new Refusal(VmAction.BUSY, "vm.op.refused.transitional");
        }
        if (!statuses.isEmpty() && !statuses.contains(vm.status())) {
            return new Refusal(wrongStatusCode, "vm.op.refused.needs." + needs(wrongStatusCode));
        }
        return null;
    }

    /**
     * Refuses with a 409 (logged under {@code auditAction}) when {@link #refusal} finds a reason.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public void require(Vm vm, Set<Integer> statuses, String wrongStatusCode, String action, String auditAction) {
        Refusal refusal = refusal(vm, statuses, wrongStatusCode);
        if (refusal != null) {
            denied(auditAction, vm.vmId(), refusal.code(), refusal.messageKey());
            throw new PortalException(HttpStatus.CONFLICT, refusal.messageKey(), refusal.code(), args(vm, action))
                    .audited();
        }
    }

    /** The text of {@code refusal} for a button's title, or {@code null} when there is none. */
    public String explain(Refusal refusal, Vm vm, String action, Locale locale) {
        return refusal == null ? null : messages.getMessage(refusal.messageKey(), args(vm, action), locale);
    }

    /** Logs a refused request, kept whatever becomes of the caller's transaction. */
    public void denied(String auditAction, String vmId, String code, String reason) {
        denied(auditAction, "VM", vmId, code, reason);
    }

    /**
     * Logs a refused request about a thing of a VM's kind ({@code targetType}, e.g. a data disk), kept
     * whatever becomes of the caller's transaction.
     */
    public void denied(String auditAction, String targetType, String targetId, String code, String reason) {
        audit.event(auditAction)
                .target(targetType, targetId)
                .params(reason)
                .result(AuditService.DENIED, code, reason)
                .recordAlone();
    }

    /**
     * The text key of "an operation is under way": a backup or restore names itself, as the
     * platform locks the VM for it (catalog: backupVm, restoreVm).
     */
    static String busyKey(List<Operation> open) {
        for (Operation op : open) {
            if (op.kind() == OperationKind.BACKUP_VM || op.kind() == OperationKind.RESTORE_VM) {
                return "vm.op.refused.busy." + op.kind().method();
            }
        }
        return "vm.op.refused.busy";
    }

    private PortalException notFound(String vmId, String auditAction) {
        denied(auditAction, vmId, null, "not found or not visible");
        return PortalException.notFound("error.vm.notFound", vmId).audited();
    }

    private static String needs(String code) {
        return switch (code) {
            case "2049" -> "stopped";
            case "2050" -> "running";
            case "2051" -> "paused";
            default -> "stoppedOrRunning";
        };
    }

    /** The arguments of every refusal text: the VM's name, the action, the VM's status. */
    static Object[] args(Vm vm, String action) {
        MessageSourceResolvable status = vm.status() == null
                ? new DefaultMessageSourceResolvable(new String[] {"vm.lifecycle." + vm.lifecycle().name()})
                : new DefaultMessageSourceResolvable(new String[] {"vm.status." + vm.status()}, null,
                        String.valueOf(vm.status()));
        return new Object[] {vm.name(), new DefaultMessageSourceResolvable("vm.op.passive." + action), status};
    }
}

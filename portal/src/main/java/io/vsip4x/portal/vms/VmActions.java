package io.vsip4x.portal.vms;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationOutcome;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.platform.VmOperationPayload;
import io.vsip4x.portal.platform.VmResync;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out what a person asks of one VM, by the rules of {@link VmAction}: checks who asks
 * (404 when they cannot see the VM, 403 when they may not operate it), the arguments (400) and
 * the VM's state (409 with the spec's code), then queues the operation in the same transaction
 * as the VM's row lock, so two requests never both pass. Every request, accepted or refused, is
 * written to the operation log with its code.
 */
@Service
public class VmActions {

    private static final Logger log = LoggerFactory.getLogger(VmActions.class);

    private final VmRepository vms;
    private final OperationService operations;
    private final AuditService audit;
    private final LiveUpdates live;
    private final VmResync resync;
    private final VmPlacements placements;
    private final MessageSource messages;
    private final JsonMapper json;

    VmActions(VmRepository vms, OperationService operations, AuditService audit, LiveUpdates live, VmResync resync,
            VmPlacements placements, MessageSource messages, JsonMapper json) {
        this.vms = vms;
        this.operations = operations;
        this.audit = audit;
        this.live = live;
        this.resync = resync;
        this.placements = placements;
        this.messages = messages;
        this.json = json;
    }

    /**
     * The arguments of an action beside the VM.
     *
     * @param hostId      the target host of a migration or move
     * @param repoId      the target pool of a move
     * @param secureErase whether a deletion wipes the disks first
     */
    public record Args(String hostId, String repoId, boolean secureErase) {

        /** No arguments. */
        public static final Args NONE = new Args(null, null, false);
    }

    /** An accepted action: the operation that carries it out. */
    public record Accepted(long operationId, String vmId, String action) {
    }

    /**
     * How an action stands for a person on a VM's page.
     *
     * @param allowed whether the button is enabled
     * @param reason  why not, in the reader's language, or {@code null}
     * @param code    the spec's code of the refusal, or {@code null}
     */
    public record ActionState(String action, boolean allowed, String reason, String code) {
    }

    /**
     * Queues {@code action} (anything but {@link VmAction#RESYNC}) on VM {@code vmId}.
     *
     * @throws PortalException 404 when {@code user} cannot see the VM, 403 when they may not
     *                         operate it, 400 for missing arguments, 409 with the spec's code when
     *                         the VM's state or the target refuses it
     */
    @Transactional
    public Accepted perform(CurrentUser user, String vmId, VmAction action, Args args) {
        if (action == VmAction.RESYNC) {
            throw new IllegalArgumentException("resync is synchronous: call resync()");
        }
        Vm vm = vms.lock(vmId).filter(v -> VmService.visible(user, v)).filter(v -> v.lifecycle() != VmLifecycle.DELETED)
                .orElseThrow(() -> notFound(vmId, action));
        permit(user, vm, action);
        Args given = args == null ? Args.NONE : args;
        requireArgs(action, given);
        refuseIfNeeded(vm, action, refusal(action, vm, operations.openFor(vmId)));
        refuseIfNeeded(vm, action, placements.refusal(vm, action, given.hostId(), given.repoId()));
        long id = switch (action) {
            case DELETE -> delete(user, vm, given.secureErase());
            case MIGRATE -> operations.queueWith(OperationKind.MIGRATE_VM, vmId,
                    VmOperationPayload.migrate(given.hostId()), user.id());
            case MOVE -> operations.queueWith(OperationKind.MOVE_VM, vmId,
                    VmOperationPayload.move(given.hostId(), given.repoId()), user.id());
            default -> operations.queue(action.kind(), vmId, null, user.id());
        };
        // Accepted and queued; the operation's outcome is logged under this request's correlation id.
        audit.event("VM_" + action.name())
                .target("VM", vmId)
                .params("operation=" + id + params(given))
                .result(AuditService.SUCCESS, null, "queued")
                .record();
        live.publish(vm.tenantId(), LiveUpdates.VMS);
        return new Accepted(id, vmId, action.path());
    }

    /**
     * Reads the VM's status from the platform ({@code resynVm}) and applies it; nothing is
     * queued.
     *
     * @return the status the platform reported, or empty when it reported none
     * @throws PortalException             404, 403 or 409 (a VM not on the platform) as for {@link #perform}
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    public Optional<Integer> resync(CurrentUser user, String vmId) {
        Vm vm = vms.find(vmId).filter(v -> VmService.visible(user, v)).filter(v -> v.lifecycle() != VmLifecycle.DELETED)
                .orElseThrow(() -> notFound(vmId, VmAction.RESYNC));
        permit(user, vm, VmAction.RESYNC);
        refuseIfNeeded(vm, VmAction.RESYNC, VmAction.RESYNC.refusal(vm.lifecycle(), vm.status(), false));
        try {
            Optional<Integer> status = resync.resync(vmId);
            audit.event("VM_RESYNC")
                    .target("VM", vmId)
                    .params("status=" + status.map(String::valueOf).orElse("none"))
                    .recordAlone();
            return status;
        } catch (Vsip4xException e) {
            audit.event("VM_RESYNC")
                    .target("VM", vmId)
                    .params("platform unreachable")
                    .result(AuditService.FAILURE, null, null)
                    .recordAlone();
            throw new PlatformUnavailableException(e);
        }
    }

    /**
     * How each action {@code user} may ask of {@code vm} stands now; actions they may not ask at
     * all are left out.
     */
    @Transactional(readOnly = true)
    public List<ActionState> states(CurrentUser user, Vm vm, Locale locale) {
        List<Operation> open = operations.openFor(vm.vmId());
        List<ActionState> states = new ArrayList<>();
        for (VmAction action : VmAction.values()) {
            if (!action.permitted(user, vm)) {
                continue;
            }
            VmAction.Refusal refusal = refusal(action, vm, open);
            states.add(refusal == null ? new ActionState(action.path(), true, null, null)
                    : new ActionState(action.path(), false,
                            messages.getMessage(refusal.messageKey(), args(vm, action), locale), refusal.code()));
        }
        return states;
    }

    /** Why {@code vm} cannot take {@code action}; a running backup or restore names itself. */
    private static VmAction.Refusal refusal(VmAction action, Vm vm, List<Operation> open) {
        VmAction.Refusal refusal = action.refusal(vm.lifecycle(), vm.status(), !open.isEmpty());
        return refusal != null && "vm.op.refused.busy".equals(refusal.messageKey())
                ? new VmAction.Refusal(refusal.code(), VmGuard.busyKey(open)) : refusal;
    }

    /** A VM moved to another pool belongs to that pool from now on. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOutcome(OperationOutcome outcome) {
        if (outcome.operation().kind() != OperationKind.MOVE_VM || !outcome.success()
                || outcome.operation().payload() == null) {
            return;
        }
        VmOperationPayload payload = json.readValue(outcome.operation().payload(), VmOperationPayload.class);
        vms.updatePool(outcome.operation().vmId(), payload.repoId());
        log.debug("VM '{}' now belongs to pool '{}'", outcome.operation().vmId(), payload.repoId());
    }

    /**
     * Queues a deletion the person asked for, with or without a secure erase: the VM is
     * {@link VmLifecycle#DELETING} and keeps counting against the quota until the platform's
     * callback (as {@link VmService#beginDelete} does for an expired lease, which shuts the VM
     * down first; a person's deletion of a running VM is refused with 2049 instead).
     */
    private long delete(CurrentUser user, Vm vm, boolean secureErase) {
        long id = operations.queueWith(OperationKind.DELETE_VM, vm.vmId(), VmOperationPayload.delete(secureErase),
                user.id());
        vms.changeLifecycle(vm.vmId(), VmLifecycle.ACTIVE, VmLifecycle.DELETING);
        return id;
    }

    /** A VM that does not exist or is not the asker's to see: logged, and answered 404 either way. */
    private PortalException notFound(String vmId, VmAction action) {
        denied(action, vmId, null, "not found or not visible");
        return PortalException.notFound("error.vm.notFound", vmId).audited();
    }

    private void permit(CurrentUser user, Vm vm, VmAction action) {
        if (!action.permitted(user, vm)) {
            denied(action, vm.vmId(), null, "not permitted");
            throw PortalException.forbidden("vm.op.forbidden", vm.name(), label(action)).audited();
        }
    }

    private static void requireArgs(VmAction action, Args args) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if ((action == VmAction.MIGRATE || action == VmAction.MOVE) && blank(args.hostId())) {
            problems.reject("hostId", "vm.op.field.hostId");
        }
        if (action == VmAction.MOVE && blank(args.repoId())) {
            problems.reject("repoId", "vm.op.field.repoId");
        }
        problems.throwIfAny();
    }

    private void refuseIfNeeded(Vm vm, VmAction action, VmAction.Refusal refusal) {
        if (refusal == null) {
            return;
        }
        denied(action, vm.vmId(), refusal.code(), refusal.messageKey());
        throw new PortalException(HttpStatus.CONFLICT, refusal.messageKey(), refusal.code(), args(vm, action))
                .audited();
    }

    /** Logs a refused action, kept whatever becomes of the caller's transaction. */
    private void denied(VmAction action, String vmId, String code, String reason) {
        audit.event("VM_" + action.name())
                .target("VM", vmId)
                .params(reason)
                .result(AuditService.DENIED, code, reason)
                .recordAlone();
    }

    /** The arguments of every refusal text: the VM's name, the action, the VM's status. */
    private static Object[] args(Vm vm, VmAction action) {
        MessageSourceResolvable status = vm.status() == null
                ? new DefaultMessageSourceResolvable(new String[] {"vm.lifecycle." + vm.lifecycle().name()})
                : new DefaultMessageSourceResolvable(new String[] {"vm.status." + vm.status()}, null,
                        String.valueOf(vm.status()));
        return new Object[] {vm.name(), passive(action), status};
    }

    private static MessageSourceResolvable label(VmAction action) {
        return new DefaultMessageSourceResolvable("vm.op.action." + action.path());
    }

    private static MessageSourceResolvable passive(VmAction action) {
        return new DefaultMessageSourceResolvable("vm.op.passive." + action.path());
    }

    private static String params(Args args) {
        StringBuilder text = new StringBuilder();
        if (args.hostId() != null) {
            text.append(", hostId=").append(args.hostId());
        }
        if (args.repoId() != null) {
            text.append(", repoId=").append(args.repoId());
        }
        if (args.secureErase()) {
            text.append(", secureErase=true");
        }
        return text.toString();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

package io.vsip4x.portal.vms;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationOutcome;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.VmStateReported;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Usage;
import io.vsip4x.portal.tenancy.UsageSource;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.codes.VmStatus;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The VM inventory: reservations, what each person sees, power actions, platform reports. */
@Service
public class VmService implements UsageSource {

    private static final Logger log = LoggerFactory.getLogger(VmService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> DELETIONS = Set.of("deleteVm", "deleteVmBatch");

    private final VmRepository vms;
    private final OperationService operations;
    private final AuditService audit;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;

    VmService(VmRepository vms, OperationService operations, AuditService audit, LiveUpdates live,
            ApplicationEventPublisher events) {
        this.vms = vms;
        this.operations = operations;
        this.audit = audit;
        this.live = live;
        this.events = events;
    }

    /** The shape of the VMs a request asks for. */
    public record Shape(String templateId, String repoId, int cpu, long memoryMb, long diskGb, String network) {

        /** What {@code count} VMs of this shape use of a quota. */
        public Quota times(int count) {
            return new Quota((long) cpu * count, memoryMb * count, diskGb * count, count);
        }
    }

    /**
     * Reserves {@code count} VMs of {@code shape} for an approved request: they count against
     * the tenant's quota from now on. Runs in the caller's transaction, which must hold the
     * tenant's quota lock.
     *
     * @param classification the level the VMs carry until the platform reports theirs
     * @return the ids given to the new VMs, which the platform will use too
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> reserve(long tenantId, String tenantCode, long ownerId, long requestId, Shape shape,
            int count, int classification) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String vmId = newVmId();
            String name = tenantCode + "-r" + requestId + "-" + i;
            vms.insertPending(new Vm(vmId, name, tenantId, ownerId, null, requestId, shape.templateId(),
                    shape.repoId(), shape.cpu(), shape.memoryMb(), shape.diskGb(), shape.network(),
                    VmLifecycle.PENDING, null, null, 0, null, null, classification, null));
            ids.add(vmId);
        }
        live.publish(tenantId, LiveUpdates.VMS);
        return ids;
    }

    /** Releases the reservations of a request whose VMs will not be created. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releasePending(long tenantId, long requestId) {
        if (vms.releasePending(requestId) > 0) {
            live.publish(tenantId, LiveUpdates.VMS);
        }
    }

    /** What a tenant's (or one owner's) VMs use of its quota: live ones used, approved ones reserved. */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Usage usage(long tenantId, Long ownerId) {
        return vms.usage(tenantId, ownerId);
    }

    /**
     * One VM {@code user} may see.
     *
     * @throws PortalException 404 when it does not exist or is not theirs to see
     */
    @Transactional(readOnly = true)
    public Vm get(CurrentUser user, String vmId) {
        return vms.find(vmId).filter(vm -> visible(user, vm)).filter(vm -> vm.lifecycle() != VmLifecycle.DELETED)
                .orElseThrow(() -> PortalException.notFound("error.vm.notFound", vmId));
    }

    /** A VM by id, whoever may see it; for the portal's own bookkeeping. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Vm> find(String vmId) {
        return vms.find(vmId);
    }

    /** The VMs of a request, for the request's pages. */
    @Transactional(readOnly = true)
    public List<Vm> forRequest(long requestId) {
        return vms.forRequest(requestId);
    }

    /** The newest operation on a VM, to show whether it is under way or how it ended. */
    @Transactional(readOnly = true)
    public Optional<Operation> latestOperation(String vmId) {
        return operations.latestFor(vmId);
    }

    /** Applies what the platform reports about a VM; an older report never wins over a newer one. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onStateReported(VmStateReported report) {
        Optional<Vm> found = vms.lockWithoutOwnerName(report.vmId());
        if (found.isEmpty()) {
            log.info("The platform reported VM '{}', which the portal does not know", report.vmId());
            return;
        }
        Vm vm = found.get();
        boolean reconciliation = report.sequence() == 0;
        if (reconciliation && OperationKind.createsVms(report.operation()) && vm.status() != null
                && vm.status() != VmStatus.CREATING.code()) {
            log.debug("Ignored a polled creation report on VM '{}', created already", vm.vmId());
            return;
        }
        if (!reconciliation && report.sequence() <= vm.statusSeq()) {
            log.debug("Ignored an older report on VM '{}' (sequence {} <= {})", vm.vmId(), report.sequence(),
                    vm.statusSeq());
            return;
        }
        if (vm.lifecycle() == VmLifecycle.DELETED) {
            log.debug("Ignored a report on VM '{}', deleted already", vm.vmId());
            return;
        }
        boolean createFailed = OperationKind.createsVms(report.operation()) && !ResultCodes.isSuccess(report.code());
        // Only the platform's report of a finished deletion releases the VM's quota.
        VmLifecycle lifecycle = createFailed ? VmLifecycle.FAILED : afterDeletion(vm, report);
        Integer status = report.status() != null ? report.status() : vm.status();
        long seq = reconciliation ? vm.statusSeq() : report.sequence();
        vms.updateState(vm.vmId(), lifecycle, status, report.hostId(), seq);
        audit.event("VM_STATE")
                .as("platform", vms.tenantCode(vm.tenantId()), null)
                .target("VM", vm.vmId())
                .params("operation=" + report.operation() + ", status=" + status)
                .result(ResultCodes.isSuccess(report.code()) ? AuditService.SUCCESS : AuditService.FAILURE,
                        report.code(), null)
                .record();
        live.publish(vm.tenantId(), LiveUpdates.VMS);
        String hostId = report.hostId() != null ? report.hostId() : vm.hostId();
        events.publishEvent(new VmStateApplied(new Vm(vm.vmId(), vm.name(), vm.tenantId(), vm.ownerId(), null,
                vm.requestId(), vm.templateId(), vm.repoId(), vm.cpu(), vm.memoryMb(), vm.diskGb(), vm.network(),
                lifecycle, status, hostId, seq, vm.createdAt(), vm.updatedAt(), vm.classification(),
                vm.leaseExpiresAt()), report));
    }

    /**
     * Records the shape a VM has after an approved resize the platform carried out; from then on
     * its usage counts the new shape. Runs in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void applyShape(String vmId, int cpu, long memoryMb, long diskGb) {
        vms.updateShape(vmId, cpu, memoryMb, diskGb);
        vms.find(vmId).ifPresent(vm -> live.publish(vm.tenantId(), LiveUpdates.VMS));
    }

    /**
     * The lifecycle a report leaves: a deletion reported done (2014) deletes the VM, which frees
     * its quota only now; a deletion reported failed makes it active again; while being deleted,
     * other reports leave it so.
     */
    private static VmLifecycle afterDeletion(Vm vm, VmStateReported report) {
        if (DELETIONS.contains(report.operation())) {
            return ResultCodes.isSuccess(report.code()) ? VmLifecycle.DELETED : VmLifecycle.ACTIVE;
        }
        return vm.lifecycle() == VmLifecycle.DELETING ? VmLifecycle.DELETING : VmLifecycle.ACTIVE;
    }

    /**
     * Queues the deletion of a VM by the portal itself (an expired lease), shutting it down
     * first unless it is stopped; the VM is {@link VmLifecycle#DELETING} until the platform's
     * callback, and keeps counting against the quota until then. Runs in the caller's
     * transaction.
     *
     * @return the id of the {@code deleteVm} operation, or empty when the VM is not active
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> beginDelete(String vmId, Long actorId) {
        Vm vm = vms.lock(vmId).filter(v -> v.lifecycle() == VmLifecycle.ACTIVE).orElse(null);
        if (vm == null) {
            return Optional.empty();
        }
        if (vm.status() == null || vm.status() != VmStatus.STOPPED.code()) {
            operations.queue(OperationKind.SHUTDOWN_VM, vmId, null, actorId);
        }
        long id = operations.queue(OperationKind.DELETE_VM, vmId, null, actorId);
        vms.changeLifecycle(vmId, VmLifecycle.ACTIVE, VmLifecycle.DELETING);
        live.publish(vm.tenantId(), LiveUpdates.VMS);
        return Optional.of(id);
    }

    /** A deletion the platform refused, or that timed out, leaves the VM active. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOutcome(OperationOutcome outcome) {
        Operation op = outcome.operation();
        if (op.kind() != OperationKind.DELETE_VM || outcome.success() || op.vmId() == null) {
            return;
        }
        vms.lock(op.vmId()).filter(vm -> vm.lifecycle() == VmLifecycle.DELETING).ifPresent(vm -> {
            vms.changeLifecycle(vm.vmId(), VmLifecycle.DELETING, VmLifecycle.ACTIVE);
            audit.event("VM_DELETE")
                    .as("platform", vms.tenantCode(vm.tenantId()), null)
                    .target("VM", vm.vmId())
                    .params("operation=" + op.id())
                    .result(AuditService.FAILURE, outcome.code(), null)
                    .record();
            live.publish(vm.tenantId(), LiveUpdates.VMS);
        });
    }

    /** Whether a status code is one the spec defines as transitional. */
    public static boolean transitional(Integer status) {
        return status != null && VmStatus.of(status).map(VmStatus::transitional).orElse(false);
    }

    /** Whether {@code user} may see {@code vm}: the rules of {@link #visibleTo}. */
    public static boolean visible(CurrentUser user, Vm vm) {
        if (!Clearance.visible(user, vm.classification())) {
            return false;
        }
        if (user.has(Role.PLATFORM_ADMIN)) {
            return true;
        }
        if (user.tenantId() == null || user.tenantId() != vm.tenantId()) {
            return false;
        }
        return user.seesWholeTenant() || user.id() == vm.ownerId();
    }

    private static String newVmId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "vm-" + HexFormat.of().formatHex(bytes);
    }
}

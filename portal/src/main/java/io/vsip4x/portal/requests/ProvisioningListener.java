package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationOutcome;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.VmStateReported;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.vms.VmStateApplied;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.codes.VmStatus;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follows an approved request through creation: starts each VM once created when asked to,
 * finishes the {@code createVm} operation when every VM is settled, and records the request's
 * outcome (2101 and other failures release the reservation).
 */
@Component
class ProvisioningListener {

    private final RequestRepository requests;
    private final VmService vms;
    private final OperationService operations;
    private final AuditService audit;
    private final LiveUpdates live;

    ProvisioningListener(RequestRepository requests, VmService vms, OperationService operations,
            AuditService audit, LiveUpdates live) {
        this.requests = requests;
        this.vms = vms;
        this.operations = operations;
        this.audit = audit;
        this.live = live;
    }

    /** Follows a creation report once {@link VmService} has applied it. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onStateApplied(VmStateApplied applied) {
        VmStateReported report = applied.report();
        Vm vm = applied.vm();
        if (!OperationKind.createsVms(report.operation()) || vm.requestId() == null) {
            return;
        }
        // The request's lock serialises the reports of its VMs: without it, two VMs finishing
        // at once would each see the other still creating, and nobody would finish the request.
        VmRequest request = requests.lock(vm.requestId()).orElseThrow();
        boolean created = vm.lifecycle() == VmLifecycle.ACTIVE && report.status() != null
                && report.status() != VmStatus.CREATING.code();
        if (created && request.powerOn() && report.status() == VmStatus.STOPPED.code()) {
            operations.queue(OperationKind.START_VM, vm.vmId(), request.id(), null);
        }
        finishCreateWhenSettled(request);
    }

    private void finishCreateWhenSettled(VmRequest request) {
        List<Vm> all = vms.forRequest(request.id());
        boolean settled = all.stream().allMatch(v -> v.lifecycle() == VmLifecycle.FAILED
                || (v.lifecycle() == VmLifecycle.ACTIVE && v.status() != null
                        && v.status() != VmStatus.CREATING.code()));
        if (!settled) {
            return;
        }
        boolean anyCreated = all.stream().anyMatch(v -> v.lifecycle() == VmLifecycle.ACTIVE);
        operations.forRequest(request.id()).stream()
                .filter(op -> op.kind().createsVms() && op.state().open())
                .forEach(op -> operations.finish(op.id(), anyCreated, anyCreated ? "0" : "2000", null));
    }

    /** Records the outcome of a request's {@code createVm}. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOutcome(OperationOutcome outcome) {
        Operation op = outcome.operation();
        if (!op.kind().createsVms() || op.requestId() == null) {
            return;
        }
        VmRequest request = requests.lock(op.requestId()).orElseThrow();
        if (request.state() != RequestState.APPROVED) {
            return;
        }
        if (outcome.success()) {
            requests.changeState(request.id(), RequestState.COMPLETED, null, null);
            audit.event("REQUEST_CREATED")
                    .as("platform", request.tenantCode(), null)
                    .target("REQUEST", "request:" + request.id())
                    .result(AuditService.SUCCESS, outcome.code(), null)
                    .record();
        } else {
            boolean noRoom = ResultCodes.CREATE_NO_RESOURCES.equals(outcome.code());
            requests.addDecision(request.id(), noRoom ? "INSUFFICIENT" : "FAILED", outcome.code(), null,
                    outcome.info());
            requests.changeState(request.id(), noRoom ? RequestState.INSUFFICIENT : RequestState.FAILED,
                    outcome.code(), outcome.info());
            vms.releasePending(request.tenantId(), request.id());
            audit.event("REQUEST_CREATED")
                    .as("platform", request.tenantCode(), null)
                    .target("REQUEST", "request:" + request.id())
                    .params(outcome.info())
                    .result(AuditService.FAILURE, outcome.code(), null)
                    .record();
        }
        live.publish(request.tenantId(), LiveUpdates.REQUESTS);
    }
}

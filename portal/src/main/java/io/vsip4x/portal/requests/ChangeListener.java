package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.ChangePayload;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationOutcome;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.sdk.codes.ResultCodes;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows an approved change through the platform: on success the portal's VM or disk takes its
 * new size and the reservation gives way to the usage it becomes; on a refusal (2201 when the
 * platform has no room for a resize), a failure or a time-out the reservation is released.
 */
@Component
class ChangeListener {

    private static final Set<OperationKind> KINDS = Set.of(OperationKind.MODIFY_VM, OperationKind.CREATE_DATA_DISK,
            OperationKind.EXTEND_DATA_DISK);

    private final RequestRepository requests;
    private final VmService vms;
    private final DataDiskStore disks;
    private final QuotaService quotas;
    private final AuditService audit;
    private final LiveUpdates live;
    private final JsonMapper json;

    ChangeListener(RequestRepository requests, VmService vms, DataDiskStore disks, QuotaService quotas,
            AuditService audit, LiveUpdates live, JsonMapper json) {
        this.requests = requests;
        this.vms = vms;
        this.disks = disks;
        this.quotas = quotas;
        this.audit = audit;
        this.live = live;
        this.json = json;
    }

    /** Records the outcome of a request's resize or data-disk operation. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOutcome(OperationOutcome outcome) {
        Operation op = outcome.operation();
        if (!KINDS.contains(op.kind()) || op.requestId() == null) {
            return;
        }
        VmRequest request = requests.lock(op.requestId()).orElseThrow();
        if (request.state() != RequestState.APPROVED) {
            return;
        }
        ChangePayload payload = json.readValue(op.payload(), ChangePayload.class);
        if (outcome.success()) {
            applied(request, op, payload);
            requests.changeState(request.id(), RequestState.COMPLETED, null, null);
            audit.event("REQUEST_CHANGED")
                    .as("platform", request.tenantCode(), null)
                    .target("REQUEST", "request:" + request.id())
                    .result(AuditService.SUCCESS, outcome.code(), null)
                    .record();
        } else {
            boolean noRoom = ResultCodes.RESIZE_NO_RESOURCES.equals(outcome.code());
            requests.addDecision(request.id(), noRoom ? "INSUFFICIENT" : "FAILED", outcome.code(), null,
                    outcome.info());
            requests.changeState(request.id(), noRoom ? RequestState.INSUFFICIENT : RequestState.FAILED,
                    outcome.code(), outcome.info());
            if (op.kind() == OperationKind.CREATE_DATA_DISK) {
                disks.changeLifecycle(payload.diskId(), "FAILED");
            }
            audit.event("REQUEST_CHANGED")
                    .as("platform", request.tenantCode(), null)
                    .target("REQUEST", "request:" + request.id())
                    .params(outcome.info())
                    .result(AuditService.FAILURE, outcome.code(), null)
                    .record();
        }
        quotas.releaseForRequest(request.id());
        live.publish(request.tenantId(), LiveUpdates.REQUESTS);
        live.publish(request.tenantId(), LiveUpdates.VMS);
    }

    private void applied(VmRequest request, Operation op, ChangePayload payload) {
        switch (op.kind()) {
            case MODIFY_VM -> vms.applyShape(op.vmId(), request.cpu(), request.memoryMb(), request.diskGb());
            case CREATE_DATA_DISK -> disks.changeLifecycle(payload.diskId(), "ACTIVE");
            case EXTEND_DATA_DISK -> disks.resize(payload.diskId(), request.dataDiskGb());
            default -> throw new IllegalStateException("Not a change: " + op.kind());
        }
    }
}

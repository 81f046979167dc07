package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.CreateVmPayload;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.sdk.codes.ResultCodes;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the final approval of a request does, kind by kind: checks and reserves the quota under
 * the tenant's lock, records the platform code of the approval and queues the platform work,
 * all in the approver's transaction.
 */
@Component
class Fulfilment {

    private final RequestRepository requests;
    private final TenantService tenants;
    private final QuotaService quotas;
    private final VmService vms;
    private final OperationService operations;
    private final AuditService audit;

    Fulfilment(RequestRepository requests, TenantService tenants, QuotaService quotas, VmService vms,
            OperationService operations, AuditService audit) {
        this.requests = requests;
        this.tenants = tenants;
        this.quotas = quotas;
        this.vms = vms;
        this.operations = operations;
        this.audit = audit;
    }

    /**
     * Carries out the approval of {@code request}, decided by {@code actorId} ({@code null} when
     * a rule or a time-out decided).
     *
     * @throws QuotaExceeded when the work no longer fits
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void fulfil(VmRequest request, Long actorId) {
        // A refusal is logged by whoever ends the transaction (for the API and pages: the error
        // handling): logging it here, in a transaction of its own, would take a second connection
        // while approvals waiting for the tenant's lock may hold every other one.
        quotas.lockAndCheck(request.tenantId(), request.requesterId(), request.shape().times(request.count()));
        Tenant tenant = tenants.find(request.tenantId()).orElseThrow();
        requests.addDecision(request.id(), "APPROVED", ResultCodes.CREATE_APPROVED, actorId, null);
        List<String> vmIds = vms.reserve(tenant.id(), tenant.code(), request.requesterId(), request.id(),
                request.shape(), request.count());
        operations.queueCreate(new CreateVmPayload(request.templateId(), request.repoId(), request.poolName(),
                request.cpu(), request.memoryMb(), request.diskGb(), request.network(), vmIds), request.id(),
                actorId);
        audit.record("REQUEST_APPROVE", "request:" + request.id(), AuditService.SUCCESS,
                ResultCodes.CREATE_APPROVED, "vms=" + String.join(",", vmIds));
    }
}

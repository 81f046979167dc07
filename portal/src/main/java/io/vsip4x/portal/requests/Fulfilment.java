package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.leases.LeaseService;
import io.vsip4x.portal.platform.ChangePayload;
import io.vsip4x.portal.platform.CreateVmPayload;
import io.vsip4x.portal.platform.InstallVmPayload;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.codes.ResultCodes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the final approval of a request does, kind by kind: checks and reserves the quota under
 * the tenant's lock, records the platform code of the approval and queues the platform work,
 * all in the approver's transaction. Renewals and quota changes need no platform: they are
 * carried out at once.
 */
@Component
class Fulfilment {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RequestRepository requests;
    private final TenantService tenants;
    private final QuotaService quotas;
    private final VmService vms;
    private final DataDiskStore disks;
    private final LeaseService leases;
    private final OperationService operations;
    private final AuditService audit;
    private final LiveUpdates live;
    private final JsonMapper json;

    Fulfilment(RequestRepository requests, TenantService tenants, QuotaService quotas, VmService vms,
            DataDiskStore disks, LeaseService leases, OperationService operations, AuditService audit,
            LiveUpdates live, JsonMapper json) {
        this.requests = requests;
        this.tenants = tenants;
        this.quotas = quotas;
        this.vms = vms;
        this.disks = disks;
        this.leases = leases;
        this.operations = operations;
        this.audit = audit;
        this.live = live;
        this.json = json;
    }

    /**
     * Carries out the approval of {@code request}, decided by {@code actorId} ({@code null} when
     * a rule or a time-out decided).
     *
     * @throws QuotaExceeded   when the work no longer fits; whoever ends the transaction logs the refusal
     * @throws PortalException 409 when the VM or disk it changes is gone
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void fulfil(VmRequest request, Long actorId) {
        switch (request.kind()) {
            case CREATE -> create(request, actorId);
            case RESIZE -> resize(request, actorId);
            case DATA_DISK -> dataDisk(request, actorId);
            case RENEWAL -> renew(request, actorId);
            case QUOTA -> changeQuota(request, actorId);
            case INSTALL -> install(request, actorId);
        }
    }

    /**
     * As a creation, for one VM: checks the quota under the tenant's lock, records 2100, reserves
     * the VM (its id chosen here, which the platform will use) and queues {@code installVm}.
     */
    private void install(VmRequest request, Long actorId) {
        lockAndCheck(request, request.shape().times(1));
        Tenant tenant = tenants.find(request.tenantId()).orElseThrow();
        requests.addDecision(request.id(), "APPROVED", ResultCodes.CREATE_APPROVED, actorId, null);
        String vmId = vms.reserve(tenant.id(), tenant.code(), request.requesterId(), request.id(), request.shape(),
                1, request.classification()).get(0);
        operations.queueInstall(new InstallVmPayload(vmId, request.repoId(), request.imageId(), request.osType(),
                request.osBits(), request.cpu(), request.memoryMb(), request.diskGb(), request.network()),
                request.id(), actorId);
        audit.event("REQUEST_APPROVE")
                .target("REQUEST", "request:" + request.id())
                .params(AuditParams.of("vms", vmId, "image", request.imageId()))
                .result(AuditService.SUCCESS, ResultCodes.CREATE_APPROVED, null)
                .record();
    }

    private void create(VmRequest request, Long actorId) {
        lockAndCheck(request, request.shape().times(request.count()));
        Tenant tenant = tenants.find(request.tenantId()).orElseThrow();
        requests.addDecision(request.id(), "APPROVED", ResultCodes.CREATE_APPROVED, actorId, null);
        List<String> vmIds = vms.reserve(tenant.id(), tenant.code(), request.requesterId(), request.id(),
                request.shape(), request.count(), request.classification());
        operations.queueCreate(new CreateVmPayload(request.templateId(), request.repoId(), request.poolName(),
                request.cpu(), request.memoryMb(), request.diskGb(), request.network(), vmIds), request.id(),
                actorId);
        audit.event("REQUEST_APPROVE")
                .target("REQUEST", "request:" + request.id())
                .params("vms=" + String.join(",", vmIds))
                .result(AuditService.SUCCESS, ResultCodes.CREATE_APPROVED, null)
                .record();
    }

    /** Reserves the increase (a shrink reserves nothing), records 2200 and queues {@code modifyVm}. */
    private void resize(VmRequest request, Long actorId) {
        Vm vm = liveVm(request);
        Quota delta = new Quota((long) request.cpu() - vm.cpu(), request.memoryMb() - vm.memoryMb(),
                request.diskGb() - vm.diskGb(), 0);
        lockAndCheck(request, delta);
        quotas.reserve(request.tenantId(), request.requesterId(), request.id(), delta);
        requests.addDecision(request.id(), "APPROVED", ResultCodes.RESIZE_APPROVED, actorId, null);
        Long diskGb = request.diskGb() == vm.diskGb() ? null : request.diskGb();
        operations.queueChange(OperationKind.MODIFY_VM, vm.vmId(),
                ChangePayload.resize(request.cpu(), request.memoryMb(), diskGb), request.id(), actorId);
        audit.event("REQUEST_APPROVE")
                .target("REQUEST", "request:" + request.id())
                .params(AuditParams.of("vm", vm.vmId(), "cpu", request.cpu(), "memoryMb", request.memoryMb(),
                        "diskGb", request.diskGb()))
                .result(AuditService.SUCCESS, ResultCodes.RESIZE_APPROVED, null)
                .record();
    }

    /**
     * A new disk is recorded PENDING (which holds its size of the quota) and created, then
     * mounted when it is for a VM; a larger disk holds its growth in a reservation and is extended.
     */
    private void dataDisk(VmRequest request, Long actorId) {
        Vm vm = request.vmId() == null ? null : liveVm(request);
        String vmId = vm == null ? null : vm.vmId();
        long sizeGb = request.dataDiskGb();
        if (request.dataDiskId() == null) {
            lockAndCheck(request, new Quota(0, 0, 0, sizeGb, 0, 0, 0));
            Optional<DataDiskStore.Requested> asked = disks.requestedBy(request.id());
            String diskId = asked.map(DataDiskStore.Requested::diskId)
                    .orElseGet(() -> "dd-" + HexFormat.of().formatHex(randomBytes()));
            String repoId = asked.map(DataDiskStore.Requested::repoId).orElseGet(() -> vm.repoId());
            if (asked.isPresent()) {
                disks.changeLifecycle(diskId, "PENDING");
            } else {
                disks.insertPending(new DataDiskStore.DataDisk(diskId, diskId, request.tenantId(),
                        request.requesterId(), vmId, request.id(), sizeGb, "PENDING"), repoId,
                        request.classification());
            }
            requests.addDecision(request.id(), "APPROVED", null, actorId, null);
            operations.queueChange(OperationKind.CREATE_DATA_DISK, vmId,
                    ChangePayload.newDisk(diskId, sizeGb, request.requesterName(), repoId), request.id(),
                    actorId);
            audit.event("REQUEST_APPROVE")
                    .target("REQUEST", "request:" + request.id())
                    .params("vm=" + vmId + ", disk=" + diskId + ", sizeGb=" + sizeGb)
                    .record();
            return;
        }
        DataDiskStore.DataDisk disk = disks.find(request.dataDiskId())
                .filter(d -> Objects.equals(vmId, d.vmId()) && "ACTIVE".equals(d.lifecycle()))
                .orElseThrow(() -> PortalException.conflict("change.error.dataDiskGone", request.dataDiskId()));
        long growth = sizeGb - disk.sizeGb();
        if (growth <= 0) {
            throw PortalException.conflict("change.error.dataDiskGone", request.dataDiskId());
        }
        Quota more = new Quota(0, 0, 0, growth, 0, 0, 0);
        lockAndCheck(request, more);
        quotas.reserve(request.tenantId(), request.requesterId(), request.id(), more);
        requests.addDecision(request.id(), "APPROVED", null, actorId, null);
        operations.queueChange(OperationKind.EXTEND_DATA_DISK, vmId,
                ChangePayload.extendDisk(disk.diskId(), growth), request.id(), actorId);
        audit.event("REQUEST_APPROVE")
                .target("REQUEST", "request:" + request.id())
                .params("vm=" + vmId + ", disk=" + disk.diskId() + ", sizeGb=" + sizeGb)
                .record();
    }

    /** Moves the lease's end at once; no platform call. */
    private void renew(VmRequest request, Long actorId) {
        Vm vm = liveVm(request);
        requests.addDecision(request.id(), "APPROVED", null, actorId, null);
        leases.renew(vm.vmId(), request.leaseUntil());
        audit.event("REQUEST_APPROVE")
                .target("REQUEST", "request:" + request.id())
                .params("vm=" + vm.vmId() + ", leaseUntil=" + request.leaseUntil())
                .record();
        live.publish(vm.tenantId(), LiveUpdates.VMS);
        completeOnCommit(request.id());
    }

    /** Replaces the tenant's limits at once with those asked for. */
    private void changeQuota(VmRequest request, Long actorId) {
        Quota limits = json.readValue(request.quotaLimits(), Quota.class);
        Tenant before = tenants.lockForQuota(request.tenantId());
        requests.addDecision(request.id(), "APPROVED", null, actorId, null);
        tenants.setQuota(request.tenantId(), limits);
        audit.event("REQUEST_APPROVE")
                .target("REQUEST", "request:" + request.id())
                .params("tenant=" + request.tenantCode())
                .record();
        audit.event("TENANT_QUOTA_SET")
                .target("QUOTA", "tenant:" + request.tenantCode())
                .params(AuditParams.of("request", request.id(), "before", json.writeValueAsString(before.quota()),
                        "after", request.quotaLimits()))
                .record();
        completeOnCommit(request.id());
    }

    /**
     * Locks the tenant's quota and checks {@code asked}. A refusal is logged by whoever ends the
     * transaction (for the API and pages: the error handling): logging it here, in a transaction
     * of its own, would take a second connection while approvals waiting for the tenant's lock
     * may hold every other one.
     */
    private void lockAndCheck(VmRequest request, Quota asked) {
        quotas.lockAndCheck(request.tenantId(), request.requesterId(), asked);
    }

    private Vm liveVm(VmRequest request) {
        return vms.find(request.vmId()).filter(vm -> vm.lifecycle() == VmLifecycle.ACTIVE)
                .orElseThrow(() -> PortalException.conflict("change.error.vmGone", request.vmId()));
    }

    /**
     * Completes a request whose work is done at approval. The decision flow marks the request
     * approved after fulfilment, in the same transaction; completing it just before that
     * transaction commits lets the last word be "completed" whatever the flow's order.
     */
    private void completeOnCommit(long requestId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                requests.changeState(requestId, RequestState.COMPLETED, null, null);
            }
        });
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

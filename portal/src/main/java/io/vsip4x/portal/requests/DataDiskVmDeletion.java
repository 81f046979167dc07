package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmStateApplied;
import io.vsip4x.portal.web.LiveUpdates;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes the data-disk requests of a VM once its deletion is applied: nobody could approve them
 * any more (the VM is gone), so each one still awaiting a decision is withdrawn by the portal with
 * a reason its requester reads, and the disk it asked for is ended ({@code CANCELLED}).
 */
@Component
class DataDiskVmDeletion {

    /** The reason the requester reads on the request (a message key, shown translated). */
    static final String REASON = "request.withdrawn.vmDeleted";

    private final RequestRepository requests;
    private final DataDiskStore disks;
    private final ApprovalChains chains;
    private final RequestNotices notices;
    private final AuditService audit;
    private final LiveUpdates live;

    DataDiskVmDeletion(RequestRepository requests, DataDiskStore disks, ApprovalChains chains,
            RequestNotices notices, AuditService audit, LiveUpdates live) {
        this.requests = requests;
        this.disks = disks;
        this.chains = chains;
        this.notices = notices;
        this.audit = audit;
        this.live = live;
    }

    /** Withdraws the open data-disk requests of a VM whose deletion was just applied. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onStateApplied(VmStateApplied applied) {
        if (applied.vm().lifecycle() != VmLifecycle.DELETED) {
            return;
        }
        boolean any = false;
        for (long id : disks.openRequestsOn(applied.vm().vmId())) {
            VmRequest r = requests.lock(id).orElse(null);
            if (r == null || (r.state() != RequestState.PENDING && r.state() != RequestState.CHANGES_REQUESTED)) {
                continue;
            }
            requests.addDecision(id, "WITHDRAWN", null, null, REASON);
            requests.changeState(id, RequestState.WITHDRAWN, null, null);
            disks.requestedBy(id).ifPresent(d -> disks.changeLifecycle(d.diskId(), "CANCELLED"));
            audit.event("REQUEST_WITHDRAW")
                    .as("platform", r.tenantCode(), null)
                    .target("REQUEST", "request:" + id)
                    .params("vm=" + applied.vm().vmId() + ", reason=vmDeleted")
                    .record();
            notices.toRequester(r, "notification.request.vmDeleted", null);
            if (r.state() == RequestState.PENDING) {
                chains.currentLevel(r).ifPresent(level -> notices.toApprovers(r, level,
                        "notification.request.withdrawn"));
            }
            any = true;
        }
        if (any) {
            live.publish(applied.vm().tenantId(), LiveUpdates.REQUESTS);
            live.publish(applied.vm().tenantId(), LiveUpdates.VMS);
        }
    }
}

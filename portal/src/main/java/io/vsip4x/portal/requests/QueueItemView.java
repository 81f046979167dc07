package io.vsip4x.portal.requests;

import io.vsip4x.portal.tenancy.Quota;
import java.time.Instant;

/**
 * A request in the approver's queue as the API shows it.
 *
 * @param onBehalfOf        whom the caller decides it for as a deputy, or {@code null}
 * @param requesterUsage    what the requester's VMs use and hold of the quota now
 * @param tenantFree        what is left of the tenant's quota
 * @param capacityKnown     whether the platform said how much room it has ({@code false}: unknown)
 * @param capacitySatisfied whether the platform has room for all of its VMs
 * @param capacityAvailable how many VMs of its shape the platform could still create, or -1
 * @param capacityBasis     what the platform was asked with: {@code TEMPLATE} ({@code getCreateRemainder},
 *                          new VMs) or {@code SHAPE} ({@code getCreateVmNumAvailable}, an installation)
 * @param leaseDays         the lease a new VM asks for, in days ({@code null} for none)
 * @param vmId              the VM a change is for; with the data disk, its size, the lease's new
 *                          end and the quota limits asked for as in {@link RequestView}
 * @param dataDisk          for a data-disk request, the disk: its name, its VM's name ({@code null}
 *                          detached) and, for an extend, its size now; {@code null} otherwise
 */
public record QueueItemView(
        long id,
        String kind,
        String state,
        String tenant,
        String requester,
        String templateId,
        String repoName,
        int cpu,
        long memoryMb,
        long diskGb,
        int count,
        String network,
        String reason,
        int level,
        int version,
        Instant createdAt,
        String onBehalfOf,
        Quota requesterUsage,
        Quota tenantFree,
        Boolean capacityKnown,
        Boolean capacitySatisfied,
        Long capacityAvailable,
        String capacityBasis,
        Integer leaseDays,
        String vmId,
        String dataDiskId,
        Long dataDiskGb,
        Instant leaseUntil,
        Quota quotaLimits,
        DataDiskFacts.Facts dataDisk) {

    static QueueItemView of(ApprovalQueue.Row row, DataDiskFacts facts) {
        VmRequest r = row.request();
        PlatformCapacity.Capacity c = row.capacity();
        return new QueueItemView(r.id(), r.kind().name(), r.state().name(), r.tenantCode(), r.requesterName(),
                r.templateId(), r.repoId(), r.cpu(), r.memoryMb(), r.diskGb(), r.count(), r.network(), r.reason(),
                r.currentLevel(), r.version(), r.createdAt(), row.onBehalfOf(), row.requesterUsage(),
                row.tenantFree(), c == null ? null : c.known(), c == null ? null : c.satisfied(),
                c == null ? null : c.available(), c == null ? null : c.basis().name(), r.leaseDays(), r.vmId(),
                r.dataDiskId(), r.dataDiskGb(), r.leaseUntil(), RequestView.limits(r.quotaLimits()),
                r.kind() == RequestKind.DATA_DISK ? facts.of(r.id(), r.dataDiskId()) : null);
    }
}

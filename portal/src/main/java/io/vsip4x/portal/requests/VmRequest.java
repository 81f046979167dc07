package io.vsip4x.portal.requests;

import io.vsip4x.portal.vms.VmService;
import java.time.Instant;

/** A request for one or more VMs of one shape. */
public record VmRequest(
        long id,
        long tenantId,
        String tenantCode,
        long requesterId,
        String requesterName,
        String templateId,
        String repoId,
        String poolName,
        int cpu,
        long memoryMb,
        long diskGb,
        int count,
        String network,
        String reason,
        boolean powerOn,
        RequestState state,
        String failureCode,
        String failureInfo,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    /** The shape of its VMs. */
    public VmService.Shape shape() {
        return new VmService.Shape(templateId, repoId, cpu, memoryMb, diskGb, network);
    }
}

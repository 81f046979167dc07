package io.vsip4x.portal.requests;

import io.vsip4x.portal.vms.VmService;
import java.time.Instant;

/**
 * A request of any {@link RequestKind}. CREATE uses the template, pool, shape, count, network
 * and lease days; RESIZE its VM and the new shape; DATA_DISK its VM, the disk to extend
 * ({@code null} for a new one) and the size; RENEWAL its VM and the new expiry; QUOTA the
 * limits asked for (JSON of the API's {@code limits} object). Fields a kind does not use are
 * {@code null} (or 0).
 *
 * @param classification the highest classification of what it asks for (template, pool, VM)
 * @param currentLevel   the approval level it waits at (from 1)
 * @param levelSince     since when it waits at that level
 * @param imageId        INSTALL: the ISO image it installs from (its template is {@code null})
 * @param osType         INSTALL: the OS type asked for, or {@code null} for the image's
 * @param osBits         INSTALL: the OS bits asked for, or {@code null} for the image's
 */
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
        int version,
        RequestKind kind,
        String vmId,
        Integer leaseDays,
        Instant leaseUntil,
        String dataDiskId,
        Long dataDiskGb,
        String quotaLimits,
        int classification,
        int currentLevel,
        Instant levelSince,
        String imageId,
        String osType,
        String osBits) {

    /** A request that installs nothing from an image. */
    public VmRequest(long id, long tenantId, String tenantCode, long requesterId, String requesterName,
            String templateId, String repoId, String poolName, int cpu, long memoryMb, long diskGb, int count,
            String network, String reason, boolean powerOn, RequestState state, String failureCode,
            String failureInfo, Instant createdAt, Instant updatedAt, int version, RequestKind kind, String vmId,
            Integer leaseDays, Instant leaseUntil, String dataDiskId, Long dataDiskGb, String quotaLimits,
            int classification, int currentLevel, Instant levelSince) {
        this(id, tenantId, tenantCode, requesterId, requesterName, templateId, repoId, poolName, cpu, memoryMb,
                diskGb, count, network, reason, powerOn, state, failureCode, failureInfo, createdAt, updatedAt,
                version, kind, vmId, leaseDays, leaseUntil, dataDiskId, dataDiskGb, quotaLimits, classification,
                currentLevel, levelSince, null, null, null);
    }

    /** The shape of its VMs; an installed VM names its image where others name their template. */
    public VmService.Shape shape() {
        return new VmService.Shape(kind == RequestKind.INSTALL ? imageId : templateId, repoId, cpu, memoryMb,
                diskGb, network);
    }
}

package io.vsip4x.portal.vms;

import java.time.Instant;

/**
 * A VM the portal knows.
 *
 * @param status         the platform's status code, or {@code null} before the platform reported one
 * @param classification its level (密级): its request's until the platform reports one
 * @param leaseExpiresAt when its lease ends, or {@code null} when it has none
 */
public record Vm(
        String vmId,
        String name,
        long tenantId,
        long ownerId,
        String ownerName,
        Long requestId,
        String templateId,
        String repoId,
        int cpu,
        long memoryMb,
        long diskGb,
        String network,
        VmLifecycle lifecycle,
        Integer status,
        String hostId,
        long statusSeq,
        Instant createdAt,
        Instant updatedAt,
        int classification,
        Instant leaseExpiresAt) {
}

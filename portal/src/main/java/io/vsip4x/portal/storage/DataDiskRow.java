package io.vsip4x.portal.storage;

import java.time.Instant;

/**
 * A data disk as the portal records it.
 *
 * @param diskId         its id, which is also its name on the platform
 * @param name           its name in the portal
 * @param tenantId       its tenant
 * @param ownerId        who asked for it
 * @param ownerName      their display name
 * @param vmId           the VM it is attached to (or asked for), or {@code null}
 * @param vmName         that VM's name, or {@code null}
 * @param repoId         its pool
 * @param sizeGb         its size
 * @param lifecycle      {@code REQUESTED} (awaiting approval), {@code PENDING} (approved, being
 *                       made), {@code ACTIVE}, {@code FAILED}, {@code DELETED} or {@code CANCELLED}
 *                       (its request was closed undecided: its VM was deleted)
 * @param classification the level of its data: the higher of its pool's and its VM's, raised to
 *                       that of any VM it was attached to
 * @param requestId      the request that asked for it, or {@code null}
 * @param createdAt      when it was asked for
 * @param ownerUsername  the username of who asked for it
 * @param pendingSizeGb  the size an extend awaiting a decision asks for, or {@code null}
 * @param pendingRequestId that extend's request, or {@code null}
 */
record DataDiskRow(String diskId, String name, long tenantId, long ownerId, String ownerName, String vmId,
        String vmName, String repoId, long sizeGb, String lifecycle, int classification, Long requestId,
        Instant createdAt, String ownerUsername, Long pendingSizeGb, Long pendingRequestId) {

    boolean active() {
        return "ACTIVE".equals(lifecycle);
    }

    boolean attached() {
        return vmId != null && active();
    }
}

package io.vsip4x.portal.storage;

import java.time.Instant;

/**
 * A data disk as pages and the API show it.
 *
 * @param diskId         its id (also its name on the platform)
 * @param name           its name in the portal
 * @param sizeGb         its size
 * @param state          {@code REQUESTED} (awaiting approval), {@code PENDING} (being made) or
 *                       {@code ACTIVE}
 * @param vmId           the VM it is attached to (or asked for), or {@code null} when detached
 * @param vmName         that VM's name
 * @param repoId         its pool
 * @param owner          the username of who asked for it (as {@code owner} of a VM in the API)
 * @param ownerName      their display name
 * @param classification its level (the higher of its pool's and its VM's, raised by an attach)
 * @param requestId      the request that asked for it, or {@code null}
 * @param createdAt      when it was asked for
 * @param ownerId        the id of who asked for it
 * @param pendingSizeGb  the size an extend awaiting approval asks for, or {@code null}
 * @param pendingRequestId that extend's request, or {@code null}
 * @param platform       what the platform reports of a disk in use ({@code getDataDisks}), or
 *                       {@code null} when it was not asked or could not be reached
 */
public record DataDiskView(String diskId, String name, long sizeGb, String state, String vmId, String vmName,
        String repoId, String owner, String ownerName, int classification, Long requestId, Instant createdAt,
        long ownerId, Long pendingSizeGb, Long pendingRequestId, PlatformSide platform) {

    /**
     * The platform's view of a disk.
     *
     * @param known  whether the platform has it
     * @param sizeGb its size there
     * @param vmId   the VM it is mounted on there, or {@code null}
     */
    public record PlatformSide(boolean known, long sizeGb, String vmId) {
    }

    static DataDiskView of(DataDiskRow row) {
        return new DataDiskView(row.diskId(), row.name(), row.sizeGb(), row.lifecycle(), row.vmId(), row.vmName(),
                row.repoId(), row.ownerUsername(), row.ownerName(), row.classification(), row.requestId(),
                row.createdAt(), row.ownerId(), row.pendingSizeGb(), row.pendingRequestId(), null);
    }

    DataDiskView withPlatform(PlatformSide side) {
        return new DataDiskView(diskId, name, sizeGb, state, vmId, vmName, repoId, owner, ownerName, classification,
                requestId, createdAt, ownerId, pendingSizeGb, pendingRequestId, side);
    }

    /** Whether it is in use and attached to no VM. */
    public boolean detached() {
        return "ACTIVE".equals(state) && vmId == null;
    }

    /** Whether it is in use. */
    public boolean active() {
        return "ACTIVE".equals(state);
    }
}

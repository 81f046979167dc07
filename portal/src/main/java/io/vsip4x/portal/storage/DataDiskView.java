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
 * @param owner          who asked for it
 * @param classification its level (that of the VM it was made for)
 * @param requestId      the request that asked for it, or {@code null}
 * @param createdAt      when it was asked for
 */
public record DataDiskView(String diskId, String name, long sizeGb, String state, String vmId, String vmName,
        String repoId, String owner, int classification, Long requestId, Instant createdAt) {

    static DataDiskView of(DataDiskRow row) {
        return new DataDiskView(row.diskId(), row.name(), row.sizeGb(), row.lifecycle(), row.vmId(), row.vmName(),
                row.repoId(), row.ownerName(), row.classification(), row.requestId(), row.createdAt());
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

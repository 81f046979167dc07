package io.vsip4x.simulator.state;

import java.util.Objects;

/**
 * A data disk in a pool's storage, attached to at most one VM of that pool.
 *
 * @param name       its name, which is also its id (catalog A34)
 * @param poolId     the pool whose storage it takes
 * @param sizeBytes  its size, a whole number of GiB
 * @param userName   its owner
 * @param templateId the data-disk template it was made from, or {@code null}
 * @param vmId       the VM it is mounted on, or {@code null} when unmounted
 */
public record DataDisk(String name, String poolId, long sizeBytes, String userName, String templateId,
        String vmId) {

    public DataDisk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(poolId, "poolId");
    }

    /** A copy mounted on {@code newVmId}, or unmounted when {@code null}. */
    public DataDisk withVm(String newVmId) {
        return new DataDisk(name, poolId, sizeBytes, userName, templateId, newVmId);
    }

    /** A copy of {@code newSizeBytes}. */
    public DataDisk withSize(long newSizeBytes) {
        return new DataDisk(name, poolId, newSizeBytes, userName, templateId, vmId);
    }
}

package io.vsip4x.simulator.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A finished backup of a VM, made by {@code backupVm}. It takes {@link #sizeBytes} of the
 * storage of the pool it was made in and goes when its VM is deleted.
 *
 * @param backupId       its id: {@code restoreVm}'s {@code backUpNum} and {@code deleteBackup}'s
 *                       {@code snapshotId} (catalog A23)
 * @param vmId           the VM it belongs to
 * @param name           its name
 * @param poolId         the pool whose storage it takes
 * @param sizeBytes      its size: the VM's disk, plus its memory with a memory snapshot
 * @param description    the caller's description, possibly empty
 * @param memorySnapshot whether it holds the memory of the running VM
 * @param checksum       whether checksum data was made, so that a restore can verify it
 * @param createdAt      when it finished
 */
public record VmBackup(String backupId, String vmId, String name, String poolId, long sizeBytes,
        String description, boolean memorySnapshot, boolean checksum, Instant createdAt) {

    public VmBackup {
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(createdAt, "createdAt");
        description = description == null ? "" : description;
    }
}

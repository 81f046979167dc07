package io.vsip4x.simulator.lifecycle;

import java.util.Objects;

/**
 * A {@code restoreVm} request, its parameters already checked.
 *
 * @param vmId     the VM
 * @param backupId {@code backUpNum}, the backup to restore
 * @param poolId   {@code repoId} (printed {@code repold}, catalog A06): the pool, by id or name, to
 *                 restore the VM into, or {@code null} for its own (or that of {@code hostId})
 * @param hostId   the host to restore the VM onto, or {@code null} for any with room
 * @param checksum {@code chksum}: verify the backup's checksum data first
 */
public record RestoreOrder(String vmId, String backupId, String poolId, String hostId, boolean checksum) {

    public RestoreOrder {
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(backupId, "backupId");
    }
}

package io.vsip4x.simulator.lifecycle;

import java.util.Objects;

/**
 * A {@code backupVm} request, its parameters already checked.
 *
 * @param vmId           the VM
 * @param description    the backup's description, possibly empty
 * @param memorySnapshot {@code isCreateMemSnapshot}: also keep the running VM's memory
 * @param checksum       {@code chksum}: make checksum data a restore can verify
 */
public record BackupOrder(String vmId, String description, boolean memorySnapshot, boolean checksum) {

    public BackupOrder {
        Objects.requireNonNull(vmId, "vmId");
        description = description == null ? "" : description;
    }
}

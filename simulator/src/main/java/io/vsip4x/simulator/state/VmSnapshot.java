package io.vsip4x.simulator.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a VM's disks, made by {@code createSnap}; it goes when its VM is deleted.
 *
 * @param snapId    its id, unique on the platform ({@code SNAPID})
 * @param vmId      the VM it belongs to
 * @param createdAt when it was taken
 */
public record VmSnapshot(String snapId, String vmId, Instant createdAt) {

    public VmSnapshot {
        Objects.requireNonNull(snapId, "snapId");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

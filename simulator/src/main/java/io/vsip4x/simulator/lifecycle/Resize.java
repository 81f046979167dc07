package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.state.Vm;

/**
 * A {@code modifyVm} or {@code getModifyRemainder} request: the new size of one VM, each
 * part {@code null} when it stays as it is. The parts given are already checked against the
 * spec's limits.
 *
 * @param vmId        the VM
 * @param cpu         new vCPUs, or {@code null}
 * @param memoryBytes new memory in bytes, or {@code null}
 * @param diskBytes   new system disk in bytes, or {@code null}
 */
public record Resize(String vmId, Integer cpu, Long memoryBytes, Long diskBytes) {

    /** The shape {@code vm} has after this change. */
    Shape applyTo(Vm vm) {
        return new Shape(cpu == null ? vm.cpu() : cpu,
                memoryBytes == null ? vm.memoryBytes() : memoryBytes,
                diskBytes == null ? vm.diskBytes() : diskBytes);
    }

    /** Whether the change would shrink the system disk, which the platform cannot do. */
    boolean shrinksDisk(Vm vm) {
        return diskBytes != null && diskBytes < vm.diskBytes();
    }
}

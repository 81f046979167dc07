package io.vsip4x.simulator.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A VM as the platform knows it. Immutable; changes make copies.
 *
 * @param vmId        its id, chosen by the caller of {@code createVm}
 * @param vmName      its name (the id: {@code createVm} takes no name)
 * @param uuid        its libvirt UUID
 * @param status      its status code (see {@code VmStatus}: 6 creating, 0 stopped, 1 running,
 *                    2 changing, 4 paused, 11 securely deleting)
 * @param poolId      the pool it lives in
 * @param hostId      the host it is placed on
 * @param templateId  the template it was made from
 * @param cpu         vCPUs
 * @param memoryBytes memory, in bytes
 * @param diskBytes   system disk, in bytes (0 for a stateless VM)
 * @param vncPassword console password; never logged
 * @param encryption  disk encryption format ({@code sm4}, {@code aes}), or {@code null} for none
 * @param nics        its NICs
 * @param createdAt   when {@code createVm} accepted it
 * @param pending     the operation in flight, or {@code null}
 */
public record Vm(String vmId, String vmName, String uuid, int status, String poolId, String hostId,
        String templateId, int cpu, long memoryBytes, long diskBytes, String vncPassword, String encryption,
        List<Nic> nics, Instant createdAt, PendingOperation pending) {

    public Vm {
        Objects.requireNonNull(vmId, "vmId");
        nics = nics == null ? List.of() : List.copyOf(nics);
    }

    /** A copy in status {@code newStatus}. */
    public Vm withStatus(int newStatus) {
        return new Vm(vmId, vmName, uuid, newStatus, poolId, hostId, templateId, cpu, memoryBytes,
                diskBytes, vncPassword, encryption, nics, createdAt, pending);
    }

    /** A copy with {@code newCpu} vCPUs, {@code newMemoryBytes} of memory and a {@code newDiskBytes} disk. */
    public Vm withSize(int newCpu, long newMemoryBytes, long newDiskBytes) {
        return new Vm(vmId, vmName, uuid, status, poolId, hostId, templateId, newCpu, newMemoryBytes,
                newDiskBytes, vncPassword, encryption, nics, createdAt, pending);
    }

    /** A copy with {@code operation} in flight, or none when {@code null}. */
    public Vm withPending(PendingOperation operation) {
        return new Vm(vmId, vmName, uuid, status, poolId, hostId, templateId, cpu, memoryBytes,
                diskBytes, vncPassword, encryption, nics, createdAt, operation);
    }

    /** A copy with NICs {@code newNics}. */
    public Vm withNics(List<Nic> newNics) {
        return new Vm(vmId, vmName, uuid, status, poolId, hostId, templateId, cpu, memoryBytes,
                diskBytes, vncPassword, encryption, newNics, createdAt, pending);
    }

    /** A copy placed on host {@code newHostId} of pool {@code newPoolId}. */
    public Vm withPlacement(String newPoolId, String newHostId) {
        return new Vm(vmId, vmName, uuid, status, newPoolId, newHostId, templateId, cpu, memoryBytes,
                diskBytes, vncPassword, encryption, nics, createdAt, pending);
    }

    /** Whether an asynchronous operation on it is in flight. */
    public boolean busy() {
        return pending != null;
    }

    /** Leaves the console password out. */
    @Override
    public String toString() {
        return "Vm[" + vmId + ", status=" + status + ", pool=" + poolId + ", host=" + hostId
                + ", pending=" + (pending == null ? "none" : pending.operation()) + "]";
    }
}

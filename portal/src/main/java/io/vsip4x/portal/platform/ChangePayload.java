package io.vsip4x.portal.platform;

import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.ModifyVmSpec;

/**
 * What an operation that changes an existing VM sends: a new shape ({@code modifyVm}), a new
 * data disk ({@code createDataDisk} then {@code mountDataDisk}) or a larger one
 * ({@code extendDataDisk}). Fields a kind does not use are {@code null}.
 *
 * @param cpu        the new vCPU count (resize)
 * @param memoryMb   the new memory (resize)
 * @param diskGb     the new system disk, or {@code null} to keep it (resize)
 * @param diskId     the data disk to create or extend
 * @param sizeGb     the new disk's size, or the increment of a larger one
 * @param userName   the owner of a new data disk
 * @param poolId     the VM's pool, where a new data disk goes
 * @param targetBytes the size a data disk being extended reaches, read before the first send, or
 *                   {@code null}: what a lost answer is checked against (an extension adds, so it
 *                   is never sent twice)
 */
public record ChangePayload(Integer cpu, Long memoryMb, Long diskGb, String diskId, Long sizeGb, String userName,
        String poolId, Long targetBytes) {

    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    /** A new shape for a VM. */
    public static ChangePayload resize(int cpu, long memoryMb, Long diskGb) {
        return new ChangePayload(cpu, memoryMb, diskGb, null, null, null, null, null);
    }

    /** A new data disk of {@code sizeGb} for {@code userName} in pool {@code poolId}. */
    public static ChangePayload newDisk(String diskId, long sizeGb, String userName, String poolId) {
        return new ChangePayload(null, null, null, diskId, sizeGb, userName, poolId, null);
    }

    /** {@code incrementGb} more for data disk {@code diskId}. */
    public static ChangePayload extendDisk(String diskId, long incrementGb) {
        return new ChangePayload(null, null, null, diskId, incrementGb, null, null, null);
    }

    /** This extension, with the size the disk reaches when it is done. */
    ChangePayload withTarget(long bytes) {
        return new ChangePayload(cpu, memoryMb, diskGb, diskId, sizeGb, userName, poolId, bytes);
    }

    ModifyVmSpec toModifySpec(String vmId) {
        return new ModifyVmSpec(vmId, cpu, memoryMb * MIB, diskGb == null ? null : diskGb * GIB);
    }

    CreateDataDiskSpec toDiskSpec() {
        return new CreateDataDiskSpec(diskId, sizeGb * GIB, userName, null, poolId);
    }

    long sizeBytes() {
        return sizeGb * GIB;
    }
}

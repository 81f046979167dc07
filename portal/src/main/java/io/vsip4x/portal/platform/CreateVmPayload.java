package io.vsip4x.portal.platform;

import io.vsip4x.sdk.model.CreateVmSpec;
import java.util.List;

/**
 * What a {@code createVm} operation sends: one shape for every VM id of its request.
 *
 * @param poolName the pool's name, which {@code getCreateRemainder} asks for
 */
public record CreateVmPayload(
        String templateId,
        String repoId,
        String poolName,
        int cpu,
        long memoryMb,
        long diskGb,
        String network,
        List<String> vmIds) {

    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    /** The SDK's view of it, sizes in bytes. */
    CreateVmSpec toSpec() {
        return new CreateVmSpec(templateId, repoId, cpu, memoryMb * MIB, diskGb * GIB, network, vmIds);
    }
}

package io.vsip4x.simulator.inventory;

import java.util.List;
import java.util.Objects;

/**
 * A VM template, always stopped, available in some pools.
 *
 * @param id             its id ({@code templateId}, what {@code createVm} names as
 *                       {@code vmTemplate})
 * @param displayName    a human name; the spec's answer has no name key, so it is not sent
 * @param osType         {@code osType}, e.g. {@code CentOS 7}
 * @param osFamily       {@code osFamily}, e.g. {@code Linux}
 * @param osBits         {@code osBits}, e.g. {@code 64}
 * @param cpuArch        {@code cpuArch}, e.g. {@code x86_64}
 * @param cpuNum         default vCPUs
 * @param memoryBytes    default memory, in bytes
 * @param diskBytes      system disk size, in bytes
 * @param vncPassword    console password of the template
 * @param classification security classification level
 * @param poolIds        the pools it can be deployed to
 */
public record Template(String id, String displayName, String osType, String osFamily, String osBits,
        String cpuArch, int cpuNum, long memoryBytes, long diskBytes, String vncPassword,
        long classification, List<String> poolIds) {

    public Template {
        Objects.requireNonNull(id, "id");
        poolIds = List.copyOf(poolIds);
    }

    /** Whether the template can be deployed to pool {@code poolId}. */
    public boolean availableIn(String poolId) {
        return poolIds.contains(poolId);
    }
}

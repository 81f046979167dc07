package io.vsip4x.sdk.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code modifyVm} is asked to change on one VM: its vCPUs, memory and system disk. A
 * {@code null} size keeps the VM's current value. NICs ({@code vmNicNum}, {@code vmNics}) are
 * not covered; send them through {@code call} when needed.
 *
 * @param vmId        the VM ({@code vmId}); never {@code null}
 * @param cpu         new vCPU count ({@code vmCPUNum}), or {@code null} to keep it
 * @param memoryBytes new memory in bytes ({@code vmMemSize}), or {@code null} to keep it
 * @param diskBytes   new system disk in bytes ({@code vmDiskSize}), or {@code null} to keep it
 */
public record ModifyVmSpec(String vmId, Integer cpu, Long memoryBytes, Long diskBytes) {

    public ModifyVmSpec {
        Objects.requireNonNull(vmId, "vmId");
    }

    /** A change of vCPUs and memory only. */
    public static ModifyVmSpec resize(String vmId, int cpu, long memoryBytes) {
        return new ModifyVmSpec(vmId, cpu, memoryBytes, null);
    }

    /** The {@code modifyVm} parameter map in the spec's keys; absent sizes are left out. */
    public Map<String, Object> toParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vmId", vmId);
        putIfGiven(p, "vmCPUNum", cpu);
        putIfGiven(p, "vmMemSize", memoryBytes);
        putIfGiven(p, "vmDiskSize", diskBytes);
        return p;
    }

    /** The {@code getModifyRemainder} parameter map for the same change (the same keys). */
    public Map<String, Object> toRemainderParams() {
        return toParams();
    }

    private static void putIfGiven(Map<String, Object> p, String key, Number value) {
        if (value != null) {
            p.put(key, String.valueOf(value));
        }
    }
}

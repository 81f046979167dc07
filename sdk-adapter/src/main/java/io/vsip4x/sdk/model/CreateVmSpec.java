package io.vsip4x.sdk.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code createVm} is asked to build: one shape, {@code vmIds.size()} copies, one NIC each
 * bound to {@code network} (when given).
 *
 * @param templateId  the template ({@code vmTemplate})
 * @param repoId      the resource pool id ({@code repoName}, which the spec says is the id)
 * @param cpu         vCPUs
 * @param memoryBytes memory in bytes
 * @param diskBytes   system disk in bytes
 * @param network     the virtual network the NIC binds to, or {@code null} for no NIC
 * @param vmIds       the ids to give the new VMs; unique
 */
public record CreateVmSpec(
        String templateId,
        String repoId,
        int cpu,
        long memoryBytes,
        long diskBytes,
        String network,
        List<String> vmIds) {

    public CreateVmSpec {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(repoId, "repoId");
        vmIds = List.copyOf(vmIds);
    }

    /** The {@code createVm} parameter map in the spec's keys. */
    public Map<String, Object> toParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vmTemplate", templateId);
        p.put("vmCPUNum", String.valueOf(cpu));
        p.put("vmMemSize", String.valueOf(memoryBytes));
        p.put("vmDiskSize", String.valueOf(diskBytes));
        p.put("repoName", repoId);
        p.put("vmTotalNum", String.valueOf(vmIds.size()));
        p.put("vmNetCardNum", network == null ? "0" : "1");
        p.put("vmIDs", vmIds);
        if (network != null) {
            List<List<Map<String, String>>> nics = new ArrayList<>();
            vmIds.forEach(id -> nics.add(List.of(Map.of("vnicBridge", network))));
            p.put("vmNics", nics);
        }
        return p;
    }

    /** The {@code getCreateRemainder} parameter map for the same shape in pool {@code poolName}. */
    public Map<String, Object> toRemainderParams(String poolName) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vmCPUNum", String.valueOf(cpu));
        p.put("vmMemSize", String.valueOf(memoryBytes));
        p.put("vmDiskSize", String.valueOf(diskBytes));
        p.put("repName", poolName);
        p.put("totalVms", String.valueOf(vmIds.size()));
        return p;
    }
}

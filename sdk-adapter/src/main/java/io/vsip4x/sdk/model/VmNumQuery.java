package io.vsip4x.sdk.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The question {@code getCreateVmNumAvailable} answers: how many VMs of this shape pool
 * {@code repositoryId} can still create.
 *
 * @param repositoryId the pool id ({@code repositoryId}); never {@code null}
 * @param cpu          vCPUs per VM ({@code cpuNum})
 * @param memoryBytes  memory per VM in bytes ({@code memSize}; the spec gives no unit, the
 *                     other methods use bytes)
 * @param diskBytes    system disk per VM in bytes ({@code diskSize}), 0 for none
 * @param templates    templates the VMs would be made from ({@code template}); may be empty
 */
public record VmNumQuery(String repositoryId, int cpu, long memoryBytes, long diskBytes, List<String> templates) {

    public VmNumQuery {
        Objects.requireNonNull(repositoryId, "repositoryId");
        templates = templates == null ? List.of() : List.copyOf(templates);
    }

    /** The parameter map in the spec's keys, trimmed of the spec's stray spaces (catalog A07). */
    public Map<String, Object> toParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("repositoryId", repositoryId);
        p.put("cpuNum", String.valueOf(cpu));
        p.put("memSize", String.valueOf(memoryBytes));
        p.put("diskSize", String.valueOf(diskBytes));
        p.put("template", templates);
        return p;
    }
}

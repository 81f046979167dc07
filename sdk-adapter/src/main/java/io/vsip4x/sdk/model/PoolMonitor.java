package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code getRepositoryMonitor}: one pool with its VMs, hosts and statistics.
 *
 * @param pool      the pool, in the keys of {@code getRepositoryInfo}
 * @param vms       its VMs, in the keys of {@code searchVmList}
 * @param hosts     its hosts, in the keys of {@code searchHostList}
 * @param vmStats   statistics over its VMs
 * @param hostStats statistics over its hosts
 * @param raw       the whole answer, keys trimmed
 */
public record PoolMonitor(PoolInfo pool, List<VmSummary> vms, List<HostInfo> hosts, UsageStats vmStats,
        UsageStats hostStats, Map<String, Object> raw) {

    /**
     * Reads the answer (keys already trimmed). The statistics are read under the spec's
     * spelling {@code *statiscs} and under {@code *statistics} (catalog A42).
     */
    public static PoolMonitor from(Map<String, Object> m) {
        return new PoolMonitor(
                PoolInfo.from(map(m, "repository")),
                SdkMaps.maps(m, "vm").stream().map(VmSummary::from).toList(),
                SdkMaps.maps(m, "host").stream().map(HostInfo::from).toList(),
                UsageStats.from(map(m, "vmstatiscs", "vmstatistics"), "vm"),
                UsageStats.from(map(m, "hoststatiscs", "hoststatistics"), "host"),
                m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String... keys) {
        for (String key : keys) {
            if (m.get(key) instanceof Map<?, ?> nested) {
                return (Map<String, Object>) nested;
            }
        }
        return Map.of();
    }
}

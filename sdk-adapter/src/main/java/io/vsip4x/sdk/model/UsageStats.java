package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * The VM or host statistics of {@code getRepositoryMonitor} ({@code vmstatiscs},
 * {@code hoststatiscs}). The loads are percentages, 0 to 100 (the catalog does not say; A42).
 *
 * @param cpu         vCPUs (VMs) or cores (hosts) in the pool
 * @param memoryBytes memory in the pool, in bytes
 * @param count       how many there are
 * @param runCount    how many of them run
 * @param cpuLoad     average CPU utilization, percent
 * @param memLoad     average memory utilization, percent
 * @param raw         the statistics map, keys trimmed
 */
public record UsageStats(long cpu, long memoryBytes, long count, long runCount, long cpuLoad, long memLoad,
        Map<String, Object> raw) {

    /** Reads a statistics map whose keys start with {@code prefix} ({@code vm} or {@code host}). */
    public static UsageStats from(Map<String, Object> m, String prefix) {
        return new UsageStats(
                SdkMaps.number(m, 0, prefix + ".cpu"),
                SdkMaps.number(m, 0, prefix + ".memory"),
                SdkMaps.number(m, 0, prefix + ".count"),
                SdkMaps.number(m, 0, prefix + ".run.count"),
                SdkMaps.number(m, 0, prefix + ".cpu.load"),
                SdkMaps.number(m, 0, prefix + ".mem.load"),
                m);
    }
}

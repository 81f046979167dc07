package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/** One host as {@code searchHostList} describes it. */
public record HostInfo(
        String hostId,
        String name,
        boolean online,
        int cpu,
        long memoryTotalBytes,
        long memoryUsedBytes,
        Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static HostInfo from(Map<String, Object> m) {
        return new HostInfo(
                SdkMaps.string(m, "hostId"),
                SdkMaps.string(m, "host.name"),
                "true".equalsIgnoreCase(SdkMaps.string(m, "host.online")),
                (int) SdkMaps.number(m, 0, "host.cpu.num"),
                SdkMaps.number(m, 0, "host.memory.total"),
                SdkMaps.number(m, 0, "host.memory.used"),
                m);
    }
}

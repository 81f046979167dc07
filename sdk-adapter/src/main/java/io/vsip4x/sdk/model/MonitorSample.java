package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One host's or VM's entry of {@code getHostMonitorInfo} / {@code getVmMonitorInfo}. The spec
 * describes {@code cpu_idle} as "CPU utilization" (catalog A27); this adapter reads it as the
 * idle share, as its key says, and offers {@link #cpuUsedPercent()} for the other view.
 * Speeds are in bytes per second; memory in bytes.
 *
 * @param id              the host or VM id the entry is keyed by
 * @param resourceName    the host or VM name
 * @param cpuIdlePercent  idle CPU, 0 to 100; -1 when absent or not a number
 * @param memFreeBytes    free memory
 * @param memTotalBytes   total memory
 * @param diskRead        overall disk read speed
 * @param diskWrite       overall disk write speed
 * @param networkIn       overall network in speed
 * @param networkOut      overall network out speed
 * @param load            overall load (a load average); -1 when absent or not a number
 * @param monitorTime     when the sample was taken, as sent
 * @param timezone        time zone of {@code monitorTime}, e.g. {@code GMT+08:00}
 * @param raw             the whole entry with its disk and NIC lists, keys trimmed
 */
public record MonitorSample(String id, String resourceName, double cpuIdlePercent, long memFreeBytes,
        long memTotalBytes, long diskRead, long diskWrite, long networkIn, long networkOut, double load,
        String monitorTime, String timezone, Map<String, Object> raw) {

    /** Reads the entry keyed {@code id}. */
    public static MonitorSample from(String id, Map<String, Object> m) {
        return new MonitorSample(
                id,
                SdkMaps.string(m, "resource_name"),
                decimal(m, "cpu_idle"),
                SdkMaps.number(m, 0, "mem_free"),
                SdkMaps.number(m, 0, "mem_total"),
                SdkMaps.number(m, 0, "disk_read"),
                SdkMaps.number(m, 0, "disk_write"),
                SdkMaps.number(m, 0, "network_in"),
                SdkMaps.number(m, 0, "network_out"),
                decimal(m, "load"),
                SdkMaps.string(m, "monitor_time"),
                SdkMaps.string(m, "timezone"),
                m);
    }

    /** Busy CPU, 0 to 100, or -1 when the idle share is unknown. */
    public double cpuUsedPercent() {
        return cpuIdlePercent < 0 ? -1 : 100 - cpuIdlePercent;
    }

    /** Memory in use, in bytes. */
    public long memUsedBytes() {
        return Math.max(0, memTotalBytes - memFreeBytes);
    }

    private static double decimal(Map<String, Object> m, String key) {
        String text = SdkMaps.string(m, key);
        try {
            return text == null ? -1 : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

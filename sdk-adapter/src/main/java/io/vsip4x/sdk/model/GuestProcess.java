package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One entry of the list of the guest-agent task {@code getVMProcess}.
 *
 * @param name          {@code processname}
 * @param pid           {@code PID}
 * @param cpuPercent    {@code cpu}, the CPU usage in percent; 0 when absent or not a number
 * @param memoryPercent {@code memory}, the memory usage in percent; 0 when absent or not a number
 * @param memoryKb      {@code memory_count}, the memory used in KB; 0 when absent
 * @param raw           the whole entry
 */
public record GuestProcess(String name, String pid, double cpuPercent, double memoryPercent, long memoryKb,
        Map<String, Object> raw) {

    /** Reads one entry (keys already trimmed). */
    public static GuestProcess from(Map<String, Object> m) {
        return new GuestProcess(
                SdkMaps.string(m, "processname"),
                SdkMaps.string(m, "PID", "pid"),
                decimal(SdkMaps.string(m, "cpu")),
                decimal(SdkMaps.string(m, "memory")),
                SdkMaps.number(m, 0, "memory_count"),
                m);
    }

    private static double decimal(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Double.parseDouble(text.trim().replace("%", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

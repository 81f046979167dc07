package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of {@code getHostMonitorInfo} or {@code getVmMonitorInfo}.
 *
 * @param samples the entries of {@code data} by host or VM id, in the platform's order; empty
 *                when the call failed
 * @param result  the whole answer
 */
public record Monitoring(Map<String, MonitorSample> samples, SdkResult result) {

    /** Reads the answer; entries of {@code data} that are not maps are skipped. */
    public static Monitoring from(SdkResult result) {
        Map<String, MonitorSample> samples = new LinkedHashMap<>();
        if (result.raw().get("data") instanceof Map<?, ?> data) {
            data.forEach((id, entry) -> {
                if (entry instanceof Map<?, ?> map) {
                    samples.put(String.valueOf(id), MonitorSample.from(String.valueOf(id), sdkMap(map)));
                }
            });
        }
        return new Monitoring(Collections.unmodifiableMap(samples), result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sdkMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}

package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import java.util.Map;

/**
 * The answer of {@code getSystemInfo}.
 *
 * @param version     the platform version, or {@code null} when not given
 * @param expiredDate the licence expiry as {@code yyyy-MM-dd}, or {@code null} when not given
 * @param result      the whole answer
 */
public record SystemInfo(String version, String expiredDate, SdkResult result) {

    /** Reads the answer; {@code data} holds the two keys (catalog A54). */
    public static SystemInfo from(SdkResult result) {
        Map<String, Object> data = result.raw().get("data") instanceof Map<?, ?> m
                ? SdkMaps.trimKeys(m) : Map.of();
        return new SystemInfo(
                SdkMaps.string(data, "version"),
                SdkMaps.string(data, "expireddate", "expiredDate"),
                result);
    }
}

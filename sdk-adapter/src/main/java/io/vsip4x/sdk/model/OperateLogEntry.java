package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit record for {@code operateLog}. The spec prints all seven keys with a leading space;
 * they are read trimmed or not and sent trimmed (catalog A07), and {@code result} is a JSON
 * boolean, not a result code (catalog A40, A59).
 *
 * @param username   {@code username}, who acted
 * @param resourceId {@code resourceId}, what was acted on
 * @param operate    {@code operate}, the kind of operation
 * @param content    {@code content}, the log text
 * @param ipAddress  {@code ipAddress}, the address of the user's terminal
 * @param logLevel   {@code logLevel}, free text such as {@code INFO}, {@code WARN}, {@code ERROR}
 *                   (catalog A40)
 * @param result     {@code result}, whether the operation succeeded; {@code null} when absent
 * @param raw        the whole record with trimmed keys
 */
public record OperateLogEntry(String username, String resourceId, String operate, String content,
        String ipAddress, String logLevel, Boolean result, Map<String, Object> raw) {

    /** A record built from its seven values. */
    public static OperateLogEntry of(String username, String resourceId, String operate, String content,
            String ipAddress, String logLevel, boolean result) {
        OperateLogEntry bare = new OperateLogEntry(username, resourceId, operate, content, ipAddress, logLevel,
                result, Map.of());
        return from(bare.toParams());
    }

    /** Reads a record whose keys may carry the spec's stray spaces. */
    public static OperateLogEntry from(Map<String, ?> map) {
        Map<String, Object> m = SdkMaps.trimKeys(map);
        Object result = m.get("result");
        return new OperateLogEntry(
                SdkMaps.string(m, "username"),
                SdkMaps.string(m, "resourceId"),
                SdkMaps.string(m, "operate"),
                SdkMaps.string(m, "content"),
                SdkMaps.string(m, "ipAddress"),
                SdkMaps.string(m, "logLevel"),
                result instanceof Boolean flag ? flag : null,
                m);
    }

    /** The parameter map of {@code operateLog}, trimmed keys, absent values left out. */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        putIfSet(params, "username", username);
        putIfSet(params, "resourceId", resourceId);
        putIfSet(params, "operate", operate);
        putIfSet(params, "content", content);
        putIfSet(params, "ipAddress", ipAddress);
        putIfSet(params, "logLevel", logLevel);
        putIfSet(params, "result", result);
        return params;
    }

    private static void putIfSet(Map<String, Object> params, String key, Object value) {
        if (value != null) {
            params.put(key, value);
        }
    }
}

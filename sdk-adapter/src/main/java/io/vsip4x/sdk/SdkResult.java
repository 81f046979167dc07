package io.vsip4x.sdk;

import java.util.Map;

/**
 * The answer of a method that returns a {@code result}/{@code resultinfo} map.
 *
 * @param code the result code, {@code "0"} for success; never {@code null}
 * @param info the platform's text for it, possibly empty
 * @param raw  the whole answer with trimmed keys, for keys the typed view does not know
 */
public record SdkResult(String code, String info, Map<String, Object> raw) {

    /** Reads a result map; an answer without {@code result} counts as success (catalog A17). */
    public static SdkResult of(Map<String, Object> answer) {
        Map<String, Object> raw = SdkMaps.trimKeys(answer);
        String code = SdkMaps.string(raw, "result");
        String info = SdkMaps.string(raw, "resultinfo", "resultInfo");
        return new SdkResult(code == null ? "0" : code.trim(), info == null ? "" : info, raw);
    }

    /** Whether the call succeeded: only code {@code "0"} does for an immediate answer. */
    public boolean ok() {
        return "0".equals(code);
    }

    /** A value of the raw answer as a string, or {@code null}. */
    public String get(String... keys) {
        return SdkMaps.string(raw, keys);
    }
}

package io.vsip4x.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reading the platform's loosely typed maps: trimmed keys, spelling variants, coercion. */
public final class SdkMaps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SdkMaps() {
    }

    /**
     * Returns a copy of {@code map} whose keys are trimmed, recursively through nested maps
     * and lists. The spec prints about thirty keys with stray spaces.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> trimKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k).trim(), trimValue(v)));
        return out;
    }

    private static Object trimValue(Object value) {
        if (value instanceof Map<?, ?> nested) {
            return trimKeys(nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SdkMaps::trimValue).toList();
        }
        return value;
    }

    /**
     * The first non-null value under any of {@code keys}, as a string, or {@code null}.
     * Numbers and booleans are given in their plain text form.
     */
    public static String string(Map<String, ?> map, String... keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if (value != null) {
                return String.valueOf(value);
            }
        }
        return null;
    }

    /** Like {@link #string} but parsed as a long; {@code fallback} when absent or not a number. */
    public static long number(Map<String, ?> map, long fallback, String... keys) {
        String text = string(map, keys);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The list under {@code key}, or an empty list when it is absent or not a list. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value instanceof List<?> list) {
            return list.stream()
                    .filter(Map.class::isInstance)
                    .map(item -> (Map<String, Object>) item)
                    .toList();
        }
        return List.of();
    }

    /**
     * Like {@link #maps}, but a string under {@code key} is read as the JSON array it holds
     * (catalog A31: the guest agent's lists are typed as strings); an empty list when it is not one.
     */
    public static List<Map<String, Object>> jsonMaps(Map<String, ?> map, String key) {
        if (map.get(key) instanceof String text) {
            try {
                Object parsed = JSON.readValue(text, Object.class);
                return parsed instanceof List<?> ? maps(trimKeys(Map.of(key, parsed)), key) : List.of();
            } catch (JacksonException e) {
                return List.of();
            }
        }
        return maps(map, key);
    }
}

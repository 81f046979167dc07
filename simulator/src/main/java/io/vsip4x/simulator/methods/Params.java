package io.vsip4x.simulator.methods;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a parameter map leniently, as catalog A16 advises: keys are already trimmed, a key may
 * have several spellings, and numbers and booleans may come as strings or as JSON values.
 */
final class Params {

    /** A whole number as the spec writes one: ASCII digits, optionally negative (sizes are checked later). */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");

    private final Map<String, Object> map;

    Params(Map<String, Object> map) {
        this.map = map;
    }

    /**
     * The value under the first of {@code keys} present with a non-null value, or {@code null}.
     *
     * @throws InvalidParamsException when two spellings of the key carry different values
     */
    Object raw(String... keys) {
        Object found = null;
        for (String key : keys) {
            Object value = map.get(key);
            if (value == null) {
                continue;
            }
            if (found == null) {
                found = value;
            } else if (!same(found, value)) {
                throw new InvalidParamsException(String.join(" and ", keys) + " name one value; they differ");
            }
        }
        return found;
    }

    /** Whether two spellings carry the same value, a number and its text counting as the same. */
    private static boolean same(Object a, Object b) {
        return a.equals(b) || !(a instanceof Map<?, ?> || a instanceof List<?>)
                && String.valueOf(a).trim().equals(String.valueOf(b).trim());
    }

    /**
     * The value as text, or {@code null} when absent or blank.
     *
     * @throws InvalidParamsException when it is an object or an array
     */
    String text(String... keys) {
        Object value = raw(keys);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new InvalidParamsException(keys[0] + " must be a string");
        }
        String text = value == null ? null : String.valueOf(value).trim();
        return text == null || text.isEmpty() ? null : text;
    }

    /** Whether a value is present under any of {@code keys}. */
    boolean has(String... keys) {
        return raw(keys) != null;
    }

    /**
     * The value as a whole number.
     *
     * @throws InvalidParamsException when absent or not a whole number
     */
    long number(String key) {
        String text = text(key);
        if (text == null) {
            throw new InvalidParamsException(key + " is required");
        }
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new InvalidParamsException(key + " must be a whole number in ASCII digits");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidParamsException(key + " is too large");
        }
    }

    /** The value as a whole number, or {@code fallback} when absent. */
    long number(String key, long fallback) {
        return text(key) == null ? fallback : number(key);
    }

    /** Whether the value is {@code true} or {@code "true"} (any case). */
    boolean flag(String... keys) {
        return "true".equalsIgnoreCase(text(keys));
    }

    /**
     * The value as a list of non-blank strings, or {@code null} when absent; a single string
     * counts as a list of one when {@code lenient}.
     *
     * @throws InvalidParamsException when it is anything else
     */
    List<String> strings(String key, boolean lenient) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (lenient && value instanceof String single) {
            return List.of(single.trim());
        }
        if (!(value instanceof List<?> list)
                || list.stream().anyMatch(v -> !(v instanceof String s) || s.isBlank())) {
            throw new InvalidParamsException(key + " must be a list of non-blank strings");
        }
        return list.stream().map(String.class::cast).toList();
    }
}

package io.vsip4x.portal.audit;

import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The parameters text of an audit event, {@code key=value, key=value}, with the value of every key
 * that names a secret (a password, token, key, VNC or other credential) replaced by {@link #MASK}.
 */
public final class AuditParams {

    /** What a secret's value becomes. */
    public static final String MASK = "***";

    private static final Pattern SECRET = Pattern.compile("password|passwd|secret|token|key|vnc|credential",
            Pattern.CASE_INSENSITIVE);

    private AuditParams() {
    }

    /**
     * The text of alternating keys and values; a {@code null} value is written as {@code null}.
     *
     * @throws IllegalArgumentException when a key has no value
     */
    public static String of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Audit parameters come in key and value pairs");
        }
        StringJoiner text = new StringJoiner(", ");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            text.add(pair(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]));
        }
        return text.toString();
    }

    /** The text of a map's entries, in its iteration order. */
    public static String of(Map<String, ?> values) {
        StringJoiner text = new StringJoiner(", ");
        values.forEach((key, value) -> text.add(pair(key, value)));
        return text.toString();
    }

    /** Whether the value of {@code key} is a secret. */
    public static boolean secret(String key) {
        return key != null && SECRET.matcher(key).find();
    }

    private static String pair(String key, Object value) {
        return key + "=" + (secret(key) ? MASK : String.valueOf(value));
    }
}

package io.vsip4x.portal.audit;

import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The parameters text of an audit event, {@code key=value, key=value}, with the value of every key
 * that names a secret (a password, token, key, VNC or other credential) replaced by {@link #MASK}.
 * A value that could be read as more than one value ({@link #quoted}: one holding a comma, an
 * {@code =}, a quote, a backslash or a control character, or starting or ending with a space) is
 * written in double quotes, its quotes and backslashes escaped with a backslash and its control
 * characters as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}: so nobody can forge
 * another {@code key=value} (or another line) through a value they typed. Simple values are
 * written as they are.
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

    /**
     * A value as the parameters text holds it: as it is when it is simple, else in double quotes with
     * its quotes, backslashes and control characters escaped.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        if (simple(value)) {
            return value;
        }
        StringBuilder text = new StringBuilder(value.length() + 8).append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (control(c)) {
                        text.append(String.format("\\u%04x", c));
                    } else {
                        text.appendCodePoint(c);
                    }
                }
            }
        });
        return text.append('"').toString();
    }

    private static boolean simple(String value) {
        if (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ')) {
            return false;
        }
        return value.codePoints().noneMatch(c -> c == ',' || c == '=' || c == '"' || c == '\\' || control(c));
    }

    /**
     * Whether {@code c} is a control character or a line or paragraph separator, which break lines
     * as control characters do: what names, labels and reasons written to the log refuse.
     */
    public static boolean control(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static String pair(String key, Object value) {
        return key + "=" + (secret(key) ? MASK : value == null ? "null" : quoted(String.valueOf(value)));
    }
}

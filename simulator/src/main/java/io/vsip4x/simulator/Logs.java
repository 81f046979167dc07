package io.vsip4x.simulator;

/**
 * Makes what callers sent safe to put in a log line: a value cannot start a line of its own
 * (control characters become {@code ?}) nor fill the log (it is cut after {@value #MAX} characters).
 */
public final class Logs {

    static final int MAX = 120;

    private Logs() {
    }

    /** {@code value} as text without control characters, cut to {@value #MAX} characters. */
    public static String safe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 1));
        text.codePoints().limit(MAX).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (text.codePointCount(0, text.length()) > MAX) {
            out.append('…');
        }
        return out.toString();
    }
}

package io.vsip4x.sdk.links;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The USB control field of a fastrap link: a two-character mode, then, for the partial modes,
 * two-character USB class codes (e.g. {@code 02090D0B070F}: classes 09, 0D, 0B, 07 and 0F
 * disabled).
 *
 * @param classes the USB class codes the partial modes name, upper-case hex; empty otherwise
 */
public record UsbControl(Mode mode, List<String> classes) {

    /** The spec's four modes. */
    public enum Mode {
        DISABLED("00"),
        ENABLED("01"),
        PARTIALLY_DISABLED("02"),
        PARTIALLY_ALLOWED("03");

        private final String code;

        Mode(String code) {
            this.code = code;
        }

        /** The two characters of the field. */
        public String code() {
            return code;
        }
    }

    public UsbControl {
        classes = List.copyOf(classes);
        boolean partial = mode == Mode.PARTIALLY_DISABLED || mode == Mode.PARTIALLY_ALLOWED;
        if (!partial && !classes.isEmpty()) {
            throw new LinkFormatException("Only the partial USB modes name classes");
        }
        for (String c : classes) {
            if (!c.matches("[0-9A-Fa-f]{2}")) {
                throw new LinkFormatException("'" + c + "' is not a two-digit USB class code");
            }
        }
        classes = classes.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
    }

    /** USB fully disabled. */
    public static UsbControl disabled() {
        return new UsbControl(Mode.DISABLED, List.of());
    }

    /** USB fully allowed. */
    public static UsbControl enabled() {
        return new UsbControl(Mode.ENABLED, List.of());
    }

    /** The field's text. */
    public String encode() {
        return mode.code() + String.join("", classes);
    }

    /**
     * Reads the field. Anything after a full mode (the spec's example {@code 01#####}) is
     * ignored for the full modes.
     *
     * @throws LinkFormatException for an unknown mode or a malformed class list
     */
    public static UsbControl parse(String text) {
        if (text == null || text.length() < 2) {
            throw new LinkFormatException("The USB control field needs a two-character mode");
        }
        String code = text.substring(0, 2);
        for (Mode mode : Mode.values()) {
            if (mode.code().equals(code)) {
                if (mode == Mode.DISABLED || mode == Mode.ENABLED) {
                    return new UsbControl(mode, List.of());
                }
                String rest = text.substring(2);
                if (rest.length() % 2 != 0) {
                    throw new LinkFormatException("USB class codes come in pairs of characters");
                }
                List<String> classes = new ArrayList<>();
                for (int i = 0; i < rest.length(); i += 2) {
                    classes.add(rest.substring(i, i + 2));
                }
                return new UsbControl(mode, classes);
            }
        }
        throw new LinkFormatException("'" + code + "' is not a USB control mode");
    }
}

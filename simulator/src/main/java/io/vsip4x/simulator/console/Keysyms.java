package io.vsip4x.simulator.console;

/**
 * The X11 keysyms the console understands: Latin-1 characters are their own code point, other
 * Unicode characters are {@code 0x1000000} plus the code point.
 */
final class Keysyms {

    static final int BACKSPACE = 0xff08;
    static final int TAB = 0xff09;
    static final int RETURN = 0xff0d;
    static final int KEYPAD_ENTER = 0xff8d;

    private static final int UNICODE_OFFSET = 0x1000000;
    private static final int LATIN1_LAST = 0xff;

    private Keysyms() {
    }

    /** The printable character {@code keysym} types, or -1 for another key. */
    static int codePoint(int keysym) {
        if (keysym >= ' ' && keysym <= '~' || keysym >= 0xa0 && keysym <= LATIN1_LAST) {
            return keysym;
        }
        if (keysym == TAB) {
            return '\t';
        }
        int unicode = keysym - UNICODE_OFFSET;
        if (unicode > LATIN1_LAST && unicode <= Character.MAX_CODE_POINT && !Character.isISOControl(unicode)) {
            return unicode;
        }
        return -1;
    }

    /** Whether {@code keysym} is Return or the keypad's Enter. */
    static boolean isReturn(int keysym) {
        return keysym == RETURN || keysym == KEYPAD_ENTER;
    }
}

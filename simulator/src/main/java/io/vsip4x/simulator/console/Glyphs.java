package io.vsip4x.simulator.console;

/**
 * The console's own 5x7 bitmap font for printable ASCII, drawn for the simulator and kept here
 * as data, so that the screen looks the same on every machine and needs no installed font (AWT
 * text rendering fails on a headless machine without fonts). Any other character is drawn as
 * an empty box.
 */
final class Glyphs {

    /** Pixel columns of a glyph. */
    static final int WIDTH = 5;
    /** Pixel rows of a glyph. */
    static final int HEIGHT = 7;

    private static final int FIRST = 0x20;
    private static final int LAST = 0x7e;
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

    /**
     * Seven rows per glyph from the space to the tilde, one base-32 digit a row; the digit's
     * five bits are the row's pixels, the highest on the left.
     */
    private static final String TABLE = ""
            + "00000004444404AAA0000AAVAVAA4FKE5U4OP248J3CIK8LID44800002488842842224804LEL40044V4400000C48000V000"
            + "00000CC01248G0EHJLPHE4C4444EEH1248VV2421HE26AIV22VGU11HE68GUHHEV124888EHHEHHEEHHF12C0CC0CC00CC0C48"
            + "248G84200V0V008421248EH12404EH1DLLEEHHVHHHUHHUHHUEHGGGHESIHHHISVGGUGGVVGGUGGGEHGNHHFHHHVHHHE44444E"
            + "72222ICHIKOKIHGGGGGGVHRLLHHHHHPLJHHEHHHHHEUHHUGGGEHHHLIDUHHUKIHFGGE11UV444444HHHHHHEHHHHHA4HHHLLLA"
            + "HHA4AHHHHA4444V1248GVE88888E0G84210E22222E4AH0000000000V842000000E1FHFGGMPHHU00EGGHE11DJHHF00EHVGE"
            + "698S8880FHHF1EGGMPHHH40C444E20622ICGGIKOKIC44444E00QLLHH00MPHHH00EHHHE00UHUGG00DJF1100MPGGG00EGE1U"
            + "88S889600HHHJD00HHHA400HHLLA00HA4AH00HHF1E00V248V34484434444444O44244O008L200";

    private static final int[] BOX = {0b11111, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b11111};

    private Glyphs() {
    }

    /**
     * The pixel rows of {@code codePoint}'s glyph, top first, the leftmost pixel in bit 4; an
     * empty box for a character outside printable ASCII.
     */
    static int[] rows(int codePoint) {
        if (codePoint < FIRST || codePoint > LAST) {
            return BOX.clone();
        }
        int[] rows = new int[HEIGHT];
        int start = (codePoint - FIRST) * HEIGHT;
        for (int row = 0; row < HEIGHT; row++) {
            rows[row] = DIGITS.indexOf(TABLE.charAt(start + row));
        }
        return rows;
    }
}

package io.vsip4x.portal.web;

import java.util.List;

/**
 * Cells and lines of the portal's CSV files (RFC 4180): cells with a comma, a quote or a line
 * break quoted and quotes doubled, lines ended with CRLF. A cell a spreadsheet would take for a
 * formula (starting with {@code = + - @} or their fullwidth forms, a tab or a carriage return) gets
 * a leading apostrophe, so opening the file runs nothing.
 */
public final class CsvCells {

    /**
     * The first characters that make a spreadsheet read a cell as a formula: {@code = + - @}, their
     * fullwidth forms (which some spreadsheets take for them), a tab and a carriage return.
     */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\t\r";

    private CsvCells() {
    }

    /** One line of {@code cells}, each written by {@link #cell}, ended with CRLF. */
    public static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    /** One cell: empty for {@code null}, defused when it could be a formula, quoted when it must be. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        char first = text.charAt(0);
        if (FORMULA_STARTS.indexOf(first) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

package io.vsip4x.portal.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenants table as CSV (RFC 4180) for spreadsheets: UTF-8 with a byte order mark, CRLF line
 * ends, cells with a comma, quote or line break quoted and quotes doubled. A cell a spreadsheet
 * would take for a formula (starting with {@code = + - @}, a tab or a carriage return) gets a
 * leading apostrophe, so opening the file runs nothing.
 */
final class TenantCsv {

    /** The byte order mark that makes spreadsheet tools read the file as UTF-8. */
    static final String BOM = "\uFEFF";

    private TenantCsv() {
    }

    /** The file: {@code header}, then a line per row. */
    static byte[] write(List<String> header, List<TenantTable.Row> rows) {
        StringBuilder out = new StringBuilder(BOM);
        line(out, header);
        for (TenantTable.Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.tenant().code(), row.tenant().name(),
                    Long.toString(row.sharePercent())));
            for (Resource r : TenantSort.COLUMNS) {
                cells.add(Long.toString(row.report().used().get(r)));
                cells.add(Long.toString(row.report().reserved().get(r)));
                cells.add(Long.toString(row.report().limits().get(r)));
            }
            line(out, cells);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One cell: empty for {@code null}, defused when it could be a formula, quoted when it must be. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

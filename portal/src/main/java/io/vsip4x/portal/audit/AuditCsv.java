package io.vsip4x.portal.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The operation log as CSV (RFC 4180): cells with a comma, a quote or a line break quoted, quotes
 * doubled, lines ended with CRLF. A cell that a spreadsheet would take for a formula (starting
 * with {@code = + - @}, a tab or a carriage return) is written with a leading apostrophe, so
 * opening the file runs nothing.
 */
final class AuditCsv {

    /** The byte order mark that makes spreadsheet tools read the file as UTF-8. */
    static final char BOM = '\uFEFF';
    /** The message keys of the header, in column order. */
    static final List<String> HEADER_KEYS = List.of("audit.csv.id", "audit.csv.time", "audit.csv.actor",
            "audit.csv.role", "audit.csv.tenant", "audit.csv.address", "audit.csv.action", "audit.csv.targetType",
            "audit.csv.target", "audit.csv.result", "audit.csv.code", "audit.csv.message", "audit.csv.params",
            "audit.csv.correlation");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx");

    private AuditCsv() {
    }

    /** Writes one line of cells. */
    static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** Writes an event's line, its time in {@code zone}. */
    static void event(Writer out, AuditEntry e, ZoneId zone) throws IOException {
        line(out, Arrays.asList(String.valueOf(e.id()), TIME.withZone(zone).format(e.occurredAt()),
                e.actor(), e.role(), e.tenantCode(), e.clientAddr(), e.action(), e.targetType(), e.target(),
                e.result(), e.code(), e.message(), e.params(), e.correlationId()));
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

package io.vsip4x.portal.audit;

import io.vsip4x.portal.web.CsvCells;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The operation log as CSV, its cells and lines written by {@link CsvCells} (RFC 4180, formulas
 * defused).
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
        out.write(CsvCells.line(cells));
    }

    /** Writes an event's line, its time in {@code zone}. */
    static void event(Writer out, AuditEntry e, ZoneId zone) throws IOException {
        line(out, Arrays.asList(String.valueOf(e.id()), TIME.withZone(zone).format(e.occurredAt()),
                e.actor(), e.role(), e.tenantCode(), e.clientAddr(), e.action(), e.targetType(), e.target(),
                e.result(), e.code(), e.message(), e.params(), e.correlationId()));
    }
}

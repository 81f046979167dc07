package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.web.CsvCells;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenants table as CSV for spreadsheets: UTF-8 with a byte order mark, cells and lines written
 * by {@link CsvCells} (RFC 4180, formulas defused, so opening the file runs nothing).
 */
final class TenantCsv {

    /** The byte order mark that makes spreadsheet tools read the file as UTF-8. */
    static final String BOM = "\uFEFF";

    private TenantCsv() {
    }

    /** The file: {@code header}, then a line per row. */
    static byte[] write(List<String> header, List<TenantTable.Row> rows) {
        StringBuilder out = new StringBuilder(BOM);
        out.append(CsvCells.line(header));
        for (TenantTable.Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.tenant().code(), row.tenant().name(),
                    Long.toString(row.sharePercent())));
            for (Resource r : TenantSort.COLUMNS) {
                cells.add(Long.toString(row.report().used().get(r)));
                cells.add(Long.toString(row.report().reserved().get(r)));
                cells.add(Long.toString(row.report().limits().get(r)));
            }
            out.append(CsvCells.line(cells));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}

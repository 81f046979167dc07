package io.vsip4x.portal.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The export and the per-day chart of a filter, at the same place for pages (with the session)
 * and for the API (with HTTP Basic).
 */
@RestController
class AuditDataController {

    private static final int BUFFER = 64 * 1024;

    private final AuditReader reader;
    private final AuditService audit;
    private final Times times;
    private final MessageSource messages;
    private final Clock clock;

    AuditDataController(AuditReader reader, AuditService audit, Times times, MessageSource messages, Clock clock) {
        this.reader = reader;
        this.audit = audit;
        this.times = times;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Streams every event of the filter as CSV: read a thousand at a time along the keyset and
     * written straight to the response, so a million events never sit in memory. The export is
     * itself logged ({@code AUDIT_EXPORT}, with the filter).
     */
    @GetMapping({"/audit/export.csv", "/api/v1/audit/export.csv"})
    @Operation(summary = "Every event of the filter (the parameters of GET /api/v1/audit; cursor and size are "
            + "ignored) as CSV: UTF-8 with a byte order mark, a header row, newest first, times in the caller's "
            + "time zone; cells that could be spreadsheet formulas start with an apostrophe")
    void export(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params, Locale locale,
            HttpServletResponse response) throws IOException {
        CurrentUser user = UserService.current();
        ZoneId zone = times.zone();
        AuditQuery query = AuditQuery.from(params, zone).first();
        audit.event("AUDIT_EXPORT").target("AUDIT", null).params(describe(query, zone)).record();

        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("audit-" + LocalDate.now(clock.withZone(zone)) + ".csv").build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                BUFFER);
        out.write(AuditCsv.BOM);
        AuditCsv.line(out, AuditCsv.HEADER_KEYS.stream().map(k -> messages.getMessage(k, null, k, locale)).toList());
        reader.each(user, query, batch -> {
            try {
                for (AuditEntry event : batch) {
                    AuditCsv.event(out, event, zone);
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    @GetMapping("/api/v1/audit/chart")
    @Operation(summary = "Events per day (of the caller's time zone) by result for the filter's time range "
            + "(default the last 30 days), exactly as the list counts them: {\"from\": ..., \"to\": ..., "
            + "\"days\": [\"2026-12-01\", ...], \"counts\": {\"SUCCESS\": [...], \"FAILURE\": [...], "
            + "\"DENIED\": [...]}, \"source\": \"hourly\" or \"events\", \"clamped\": false}. A filter of only "
            + "time, tenant and result (source hourly) may span up to 1096 days; a longer one answers 400 naming "
            + "from. Other filters (source events) cover at most the last 366 days of the range: a longer one is "
            + "cut, clamped is true and from is where the chart starts")
    AuditReader.Chart chart(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        ZoneId zone = times.zone();
        return reader.chart(UserService.current(), AuditQuery.from(params, zone), zone);
    }

    /**
     * The chart for the page's script: as the API's, but bad parameters (a range too long) answer
     * a 400 with {@code {"errors": {"from": "<message>"}}} in the reader's language rather than an
     * error page, so the page can say why there is no chart.
     */
    @GetMapping("/audit/chart")
    @Operation(hidden = true)
    ResponseEntity<Object> pageChart(@RequestParam MultiValueMap<String, String> params, Locale locale) {
        try {
            return ResponseEntity.ok(chart(params));
        } catch (FieldProblems problems) {
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            return ResponseEntity.badRequest().body(Map.of("errors", errors));
        }
    }

    private static String describe(AuditQuery query, ZoneId zone) {
        StringJoiner text = new StringJoiner(", ");
        query.params(zone).forEach((name, value) -> text.add(name + "=" + value));
        return text.length() == 0 ? "(all)" : text.toString();
    }
}

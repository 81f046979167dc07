package io.vsip4x.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;

/**
 * The auditor's search of the operation log under concurrent clients, with HTTP Basic as the demo
 * auditor: one action over the last 30 days (its first page, and a later page reached through the
 * keyset cursors), and the whole log's newest page. Their rates are compared with the static file
 * measured in the same run.
 */
final class AuditPhase {

    /** The demo auditor (password {@code demo1234}, as every demo account). */
    static final String AUDITOR = "audrey";
    static final String API = "/api/v1/audit";
    static final int SIZE = 50;
    /** The later page measured, reached by following the cursors from the first. */
    static final int LATER_PAGE = 20;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /**
     * The figures, or why there are none.
     *
     * @param filtered      the filtered query's first page
     * @param later         the same query's page {@code laterPage} through its cursor
     * @param unfiltered    the newest page of the whole log
     * @param laterPage     the page the cursors reached (fewer than {@link #LATER_PAGE} when the query
     *                      has fewer pages)
     * @param filteredItems events on the filtered first page
     * @param missing       why nothing was measured (the API's answer), or null
     */
    record Result(Stats filtered, Stats later, Stats unfiltered, int laterPage, int filteredItems, String missing) {

        boolean measured() {
            return missing == null;
        }
    }

    private AuditPhase() {
    }

    /** The filtered query: {@link AuditSeeder#QUERIED_ACTION} over the 30 days up to {@code now}. */
    static String filteredPath(OffsetDateTime now) {
        return API + "?from=" + enc(now.minusDays(30).format(ISO)) + "&to=" + enc(now.format(ISO)) + "&action="
                + AuditSeeder.QUERIED_ACTION + "&size=" + SIZE;
    }

    static Result run(PortalClient portal, Options options) throws IOException, InterruptedException {
        HttpClient http = portal.http();
        OffsetDateTime now = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
        String filtered = filteredPath(now);
        String unfiltered = API + "?size=" + SIZE;

        HttpResponse<String> first = http.send(portal.apiGet(filtered, AUDITOR), HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            String why = "GET " + API + " as " + AUDITOR + " answered " + first.statusCode();
            Benchmark.LOG.warn("  {}: the audit queries are not measured", why);
            return new Result(null, null, null, 0, 0, why);
        }
        JsonNode page = PortalClient.JSON.readTree(first.body());
        int items = page.path("items").size();
        int reached = 1;
        String later = filtered;
        while (reached < LATER_PAGE && page.path("next").isString()) {
            later = filtered + "&cursor=" + enc(page.path("next").asString());
            HttpResponse<String> next = http.send(portal.apiGet(later, AUDITOR), HttpResponse.BodyHandlers.ofString());
            if (next.statusCode() != 200) {
                throw new IllegalStateException("GET " + later + " answered " + next.statusCode());
            }
            page = PortalClient.JSON.readTree(next.body());
            reached++;
        }
        Benchmark.LOG.info("  the first page of {} carries {} events; the cursors reach page {}", filtered, items,
                reached);

        Stats filteredStats = measure("API audit, " + AuditSeeder.QUERIED_ACTION + " over 30 days, page 1", http,
                portal.apiGet(filtered, AUDITOR), options);
        Stats laterStats = measure("API audit, the same, page " + reached + " (cursor)", http,
                portal.apiGet(later, AUDITOR), options);
        Stats unfilteredStats = measure("API " + unfiltered, http, portal.apiGet(unfiltered, AUDITOR), options);
        return new Result(filteredStats, laterStats, unfilteredStats, reached, items, null);
    }

    private static Stats measure(String name, HttpClient client, HttpRequest request, Options options)
            throws InterruptedException {
        Stats stats = Load.run(name, options.clients(), options.warmup(), options.duration(),
                () -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200, null);
        Benchmark.LOG.info("  {}", Report.line(stats));
        return stats;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

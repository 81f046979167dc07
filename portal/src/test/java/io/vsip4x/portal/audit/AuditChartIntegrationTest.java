package io.vsip4x.portal.audit;

import static io.vsip4x.portal.audit.AuditTestData.Row;
import static io.vsip4x.portal.audit.AuditTestData.insert;
import static io.vsip4x.portal.audit.AuditTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Events per day by result: from the sealer's hourly counts when the filter is only time, tenant
 * and result (the partial hours at the edges, the hours a day starts inside and the unsealed
 * events' hours from the events), from the events themselves otherwise; days are the viewer's;
 * every count is what the list shows.
 */
class AuditChartIntegrationTest extends PortalTestSupport {

    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditReader reader;
    @Autowired
    JdbcTemplate batch;

    @Test
    @SuppressWarnings("unchecked")
    void aTenantsDaysAreCountedFromTheHourlyCountsInTheViewersZone() {
        String auditor = auditor();
        String tenant = unique("tc");
        // 2026-11-10 15:30 UTC is 23:30 in Shanghai (the 10th) and 10:30 in New York (the 10th);
        // 16:30 UTC is already the 11th in Shanghai.
        insert(jdbc, Row.of(Instant.parse("2026-11-10T15:30:00Z"), "c1", "CHART", "x").tenant(tenant));
        insert(jdbc, Row.of(Instant.parse("2026-11-10T16:30:00Z"), "c1", "CHART", "x").tenant(tenant)
                .result("FAILURE", "E", null));
        insert(jdbc, Row.of(Instant.parse("2026-11-10T16:40:00Z"), "c2", "CHART", "x").tenant(tenant)
                .result("DENIED", "D", null));
        sealer.sealAll();

        String range = "&from=2026-11-10T00:00&to=2026-11-12T00:00";
        Map<String, Object> chart = get(auditor, "/audit/chart?tenant=" + tenant + range);
        assertThat(chart).containsEntry("source", "hourly").containsEntry("zone", "Asia/Shanghai");
        assertThat((List<String>) chart.get("days")).containsExactly("2026-11-10", "2026-11-11");
        Map<String, List<Number>> counts = (Map<String, List<Number>>) chart.get("counts");
        assertThat(counts.get("SUCCESS")).containsExactly(1, 0);
        assertThat(counts.get("FAILURE")).containsExactly(0, 1);
        assertThat(counts.get("DENIED")).containsExactly(0, 1);

        jdbc.sql("UPDATE app_user SET time_zone = 'America/New_York' WHERE username = :u").param("u", auditor)
                .update();
        Map<String, Object> newYork = get(auditor, "/audit/chart?tenant=" + tenant + range + "&result=FAILURE");
        counts = (Map<String, List<Number>>) newYork.get("counts");
        assertThat(counts.get("FAILURE")).containsExactly(1, 0);
        assertThat(counts.get("SUCCESS")).containsExactly(0, 0);

        Map<String, Object> byActor = get(auditor, "/audit/chart?tenant=" + tenant + range + "&actor=c2");
        assertThat(byActor).containsEntry("source", "events");
        counts = (Map<String, List<Number>>) byActor.get("counts");
        assertThat(counts.get("DENIED")).containsExactly(1, 0);
        assertThat(counts.get("FAILURE")).containsExactly(0, 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ownEventsAreCountedFromTheEventsAndTheDefaultIsThirtyDays() {
        TestTenant t = newTenant();
        insert(jdbc, Row.of(Instant.now().minusSeconds(60), t.requester(), "CHART_OWN", "x").tenant(t.code()));
        insert(jdbc, Row.of(Instant.now().minusSeconds(60), t.approver(), "CHART_OWN", "x").tenant(t.code()));
        Map<String, Object> chart = get(t.requester(), "/audit/chart");
        assertThat(chart).containsEntry("source", "events");
        List<String> days = (List<String>) chart.get("days");
        assertThat(days).hasSize(30);
        Map<String, List<Number>> counts = (Map<String, List<Number>>) chart.get("counts");
        assertThat(counts.get("SUCCESS").get(29).longValue()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void partialHoursAreCountedFromTheEventsSoTheChartCountsWhatTheListShows() {
        String auditor = auditor();
        String tenant = unique("te");
        for (String at : new String[] {"12:05:00", "12:30:20.500", "12:59:59.999", "13:00:00", "14:30:00",
                "15:10:00", "15:30:00", "16:00:00"}) {
            insert(jdbc, Row.of(Instant.parse("2026-10-05T" + at + "Z"), "e1", "CHART", "x").tenant(tenant));
        }
        insert(jdbc, Row.of(Instant.parse("2026-10-05T14:45:00Z"), "e1", "CHART", "x").tenant(tenant)
                .result("DENIED", "D", null));
        sealer.sealAll();
        // Not sealed yet (unless the scheduled sealer is quick): its hour is then counted from the events.
        insert(jdbc, Row.of(Instant.parse("2026-10-05T13:20:00Z"), "e1", "CHART", "x").tenant(tenant)
                .result("FAILURE", "E", null));

        String second = "&from=2026-10-05T12:30:20Z&to=2026-10-05T12:30:21Z";
        Map<String, Object> chart = get(auditor, "/audit/chart?tenant=" + tenant + second);
        assertThat(chart).containsEntry("source", "hourly");
        assertThat((List<String>) chart.get("days")).containsExactly("2026-10-05");
        assertThat(total(chart)).isEqualTo(1).isEqualTo(listed(auditor, tenant + second));
        assertThat(total(get(auditor, "/audit/chart?tenant=" + tenant
                + "&from=2026-10-05T12:30:21Z&to=2026-10-05T12:59Z"))).isZero();

        // 12:30 to 15:30: two partial hours at the edges and two whole ones between.
        String hours = "&from=2026-10-05T12:30:00Z&to=2026-10-05T15:30:00Z";
        chart = get(auditor, "/audit/chart?tenant=" + tenant + hours);
        Map<String, List<Number>> counts = (Map<String, List<Number>>) chart.get("counts");
        assertThat(counts.get("SUCCESS")).containsExactly(5);
        assertThat(counts.get("FAILURE")).containsExactly(1);
        assertThat(counts.get("DENIED")).containsExactly(1);
        assertThat(total(chart)).isEqualTo(7).isEqualTo(listed(auditor, tenant + hours));
        sealer.sealAll();
        assertThat(total(get(auditor, "/audit/chart?tenant=" + tenant + hours))).isEqualTo(7);
        Map<String, Object> failures = get(auditor, "/audit/chart?tenant=" + tenant + hours + "&result=FAILURE");
        assertThat(((Map<String, List<Number>>) failures.get("counts")).get("FAILURE")).containsExactly(1);
        assertThat(total(failures)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void daysOfAZoneHalfAnHourOffTheHoursAreCountedExactly() {
        String auditor = auditor();
        String tenant = unique("tk");
        jdbc.sql("UPDATE app_user SET time_zone = 'Asia/Kolkata' WHERE username = :u").param("u", auditor)
                .update();
        // Kolkata (+05:30) days start at 18:30 UTC, inside the hour 18:00-19:00 UTC.
        for (String at : new String[] {"2026-10-05T18:20:00Z", "2026-10-06T10:00:00Z", "2026-10-06T18:10:00Z",
                "2026-10-06T18:29:59.999Z", "2026-10-06T18:30:00Z", "2026-10-06T18:40:00Z",
                "2026-10-07T18:20:00Z", "2026-10-07T18:35:00Z"}) {
            insert(jdbc, Row.of(Instant.parse(at), "k1", "CHART", "x").tenant(tenant));
        }
        sealer.sealAll();
        String range = "&from=2026-10-06&to=2026-10-08";
        Map<String, Object> chart = get(auditor, "/audit/chart?tenant=" + tenant + range);
        assertThat(chart).containsEntry("source", "hourly").containsEntry("zone", "Asia/Kolkata");
        assertThat((List<String>) chart.get("days")).containsExactly("2026-10-06", "2026-10-07");
        assertThat(((Map<String, List<Number>>) chart.get("counts")).get("SUCCESS")).containsExactly(3, 3);
        assertThat(total(chart)).isEqualTo(6).isEqualTo(listed(auditor, tenant + range));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTooLongHourlyRangeIsRefusedAndAnEventCountIsCutAndSaysSo() {
        String auditor = auditor();
        String tenant = unique("tl");
        ResponseEntity<Map<String, Object>> refused = api(auditor).get()
                .uri("/audit/chart?tenant=" + tenant + "&from=2020-01-01&to=2023-01-02").retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        Map<String, String> errors = (Map<String, String>) refused.getBody().get("errors");
        assertThat(errors).containsOnlyKeys("from");
        assertThat(errors.get("from")).startsWith("Parameter from").contains("1096");

        Map<String, Object> threeYears = get(auditor, "/audit/chart?tenant=" + tenant
                + "&from=2020-01-01&to=2023-01-01");
        assertThat(threeYears).containsEntry("source", "hourly").containsEntry("clamped", false);
        assertThat((List<String>) threeYears.get("days")).hasSize(1096);

        Map<String, Object> cut = get(auditor, "/audit/chart?actor=nobody&from=2000-01-01&to=2023-01-01T00:00Z");
        assertThat(cut).containsEntry("source", "events").containsEntry("clamped", true);
        assertThat(Instant.parse((String) cut.get("from"))).isEqualTo(Instant.parse("2021-12-31T00:00:00Z"));
    }

    @Test
    void theEventsOfTheEdgeAndStraddlingHoursAreReadAlongAnIndex() {
        String run = unique("tp");
        Instant base = Instant.parse("2026-09-01T00:00:00Z");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            rows.add(Row.of(base.plusSeconds(i * 613L), "p" + (i % 40), "CHART_PLAN", "x").tenant(run + (i % 20))
                    .result(i % 7 == 0 ? "FAILURE" : "SUCCESS", null, null));
        }
        AuditTestData.insertMany(batch, rows);
        jdbc.sql("ANALYZE TABLE audit_event").query().listOfRows();
        List<Instant[]> ranges = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            Instant hour = base.plus(Duration.ofDays(day)).plus(Duration.ofHours(18));
            ranges.add(new Instant[] {hour, hour.plus(Duration.ofHours(1))});
        }
        CurrentUser auditor = new CurrentUser(1, "plan-auditor", "plan-auditor", null, null, Set.of(Role.AUDITOR), 0);
        for (AuditQuery query : List.of(AuditQuery.all(), filter("tenant", run + "3"), filter("result", "FAILURE"))) {
            List<Map<String, Object>> plan = reader.explainRanges(auditor, query, ranges);
            assertThat(plan).as("plan for %s", query).hasSize(1);
            assertThat(plan.get(0).get("type")).as("plan for %s: %s", query, plan).isEqualTo("range");
            assertThat(plan.get(0).get("key")).as("plan for %s: %s", query, plan).isNotNull();
        }
    }

    private static AuditQuery filter(String name, String value) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add(name, value);
        return AuditQuery.from(params, ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private static long total(Map<String, Object> chart) {
        return ((Map<String, List<Number>>) chart.get("counts")).values().stream().flatMap(List::stream)
                .mapToLong(Number::longValue).sum();
    }

    /** How many events the list shows for {@code tenantAndRange} (well under a page). */
    @SuppressWarnings("unchecked")
    private long listed(String auditor, String tenantAndRange) {
        return ((List<Object>) get(auditor, "/audit?size=200&tenant=" + tenantAndRange).get("items")).size();
    }

    private String auditor() {
        String name = unique("aud");
        users.create(name, PASSWORD, "审计员 " + name, null, Set.of(Role.AUDITOR));
        return name;
    }
}

package io.vsip4x.portal.audit;

import static io.vsip4x.portal.audit.AuditTestData.Row;
import static io.vsip4x.portal.audit.AuditTestData.insert;
import static io.vsip4x.portal.audit.AuditTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events per day by result: from the sealer's hourly counts when the filter is only time, tenant
 * and result, from the events themselves otherwise; days are the viewer's.
 */
class AuditChartIntegrationTest extends PortalTestSupport {

    @Autowired
    AuditSealer sealer;

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

    private String auditor() {
        String name = unique("aud");
        users.create(name, PASSWORD, "审计员 " + name, null, Set.of(Role.AUDITOR));
        return name;
    }
}

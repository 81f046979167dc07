package io.vsip4x.portal.audit;

import static io.vsip4x.portal.audit.AuditTestData.Row;
import static io.vsip4x.portal.audit.AuditTestData.insert;
import static io.vsip4x.portal.audit.AuditTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The log's pages without a browser: older and newer pages keep the filter in their addresses, a
 * bad filter is named beside the form, and an event's page shows its seal once it has one.
 */
class AuditPageIntegrationTest extends PortalTestSupport {

    private static final Pattern ROW = Pattern.compile("<tr id=\"audit-(\\d+)\"");
    private static final Pattern LINK = Pattern.compile("id=\"audit-(older|newer|newest)\" href=\"([^\"]+)\"");

    @Autowired
    AuditSealer sealer;

    @Test
    void olderAndNewerPagesKeepTheFilter() {
        TestTenant t = newTenant();
        String action = unique("NAV_");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, insert(jdbc, Row.of(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i), t.requester(),
                    action, "n" + i)));
        }
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);

        String first = page.get("/audit?action=" + action + "&size=2").body();
        assertThat(rows(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(first).contains("You see your own events.").doesNotContain("id=\"audit-verify-link\"");
        assertThat(link(first, "newer")).isNull();
        String older = link(first, "older");
        assertThat(older).startsWith("/audit?action=" + action + "&amp;size=2&amp;cursor=");
        assertThat(first).contains("href=\"/audit/export.csv?action=" + action + "&amp;size=2\"");

        String second = page.get(html(older)).body();
        assertThat(rows(second)).containsExactly(ids.get(2), ids.get(3));
        String third = page.get(html(link(second, "older"))).body();
        assertThat(rows(third)).containsExactly(ids.get(4));
        assertThat(link(third, "older")).isNull();
        String back = page.get(html(link(third, "newer"))).body();
        assertThat(rows(back)).containsExactly(ids.get(2), ids.get(3));
        assertThat(link(back, "newest")).isEqualTo("/audit?action=" + action + "&amp;size=2");
    }

    @Test
    void aBadFilterIsNamedBesideTheForm() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        HttpResponse<String> answer = page.get("/audit?from=soon&size=900&actor=me");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("data-field=\"from\"").contains("Parameter from: not a valid time")
                .contains("Parameter size: events per page must be a whole number from 1 to 200.")
                .contains("value=\"soon\"").contains("value=\"me\"").doesNotContain("id=\"audit-table\"");
        // htmx swaps only what answers 200: the same problems inside the part it swaps.
        HttpResponse<String> swapped = page.get("/audit?to=later", "HX-Request", "true");
        assertThat(swapped.statusCode()).isEqualTo(200);
        String results = swapped.body().substring(swapped.body().indexOf("id=\"audit-results\""));
        assertThat(results).contains("Parameter to: not a valid time");
    }

    @Test
    void anEventsPageShowsItsSealOnceItHasOne() {
        TestTenant t = newTenant();
        long id = insert(jdbc, Row.of(Instant.now(), t.requester(), unique("SEAL_"), "vm-x")
                .params("cpu=2, memoryMb=2048").result("FAILURE", "1203", "资源不足"));
        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(t.requester(), PASSWORD);
        String unsealed = page.get("/audit/events/" + id).body();
        assertThat(unsealed).contains("cpu=2, memoryMb=2048").contains("资源不足").contains("没有关联日志。");
        sealer.sealAll();
        String sealed = page.get("/audit/events/" + id).body();
        String hash = jdbc.sql("SELECT hash FROM audit_seal WHERE event_id = :id").param("id", id)
                .query(String.class).single();
        assertThat(sealed).contains(hash).doesNotContain("尚未入链");
        assertThat(unsealed.contains("尚未入链") || unsealed.contains(hash)).isTrue();
        assertThat(page.get("/audit/events/" + (id + 1_000_000)).statusCode()).isEqualTo(404);
    }

    private static List<Long> rows(String html) {
        Matcher m = ROW.matcher(html);
        List<Long> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static String link(String html, String which) {
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(which)) {
                return m.group(2);
            }
        }
        return null;
    }

    private static String html(String href) {
        return href.replace("&amp;", "&");
    }
}

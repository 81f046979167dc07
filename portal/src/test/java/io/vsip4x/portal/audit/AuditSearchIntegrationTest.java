package io.vsip4x.portal.audit;

import static io.vsip4x.portal.audit.AuditTestData.Row;
import static io.vsip4x.portal.audit.AuditTestData.insert;
import static io.vsip4x.portal.audit.AuditTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The log's search through the API: each filter narrows, the keyset pages hold every event once
 * (equal times too), time ranges include from and exclude to to the millisecond, a local time in a
 * daylight-saving gap of the viewer's zone moves forward, and every filter shape reads an index.
 */
class AuditSearchIntegrationTest extends PortalTestSupport {

    private static final Instant BASE = Instant.parse("2026-11-20T08:00:00Z");

    @Autowired
    AuditReader reader;
    @Autowired
    JdbcTemplate batch;

    @Test
    void eachFilterNarrowsToItsEvents() {
        String auditor = auditor();
        String run = unique("F");
        String a1 = unique("fa");
        String a2 = unique("fb");
        long e1 = insert(jdbc, Row.of(BASE, a1, "LOGIN_TEST", run + "-vm-Alpha").tenant("tf1").typed("VM"));
        long e2 = insert(jdbc, Row.of(BASE.plusSeconds(1), a1, "START_TEST", run + "-vm-beta").tenant("tf2")
                .result("FAILURE", "E42", "出错了").typed("VM"));
        long e3 = insert(jdbc, Row.of(BASE.plusSeconds(2), a2, "START_TEST", run + "-req-1").typed("REQUEST")
                .result("DENIED", "Q1", null).correlated(run + "-corr"));
        long e4 = insert(jdbc, Row.of(BASE.plusSeconds(3), a2, "LOGIN_TEST", run + "-vm-alpha2").tenant("tf1")
                .correlated(run + "-corr"));
        String only = "target=" + run;

        assertThat(ids(auditor, only)).containsExactly(e4, e3, e2, e1);
        assertThat(ids(auditor, only + "&actor=" + a1)).containsExactly(e2, e1);
        assertThat(ids(auditor, only + "&tenant=tf1")).containsExactly(e4, e1);
        assertThat(ids(auditor, only + "&action=START_TEST")).containsExactly(e3, e2);
        assertThat(ids(auditor, only + "&targetType=REQUEST")).containsExactly(e3);
        assertThat(ids(auditor, "target=" + run.toLowerCase() + "-VM-ALPHA")).as("a prefix, letter case aside")
                .containsExactly(e4, e1);
        assertThat(ids(auditor, "target=" + run.substring(2))).as("begins with, not contains").isEmpty();
        assertThat(ids(auditor, "target=" + enc("*" + run.substring(2) + "-VM-alpha")))
                .as("a star: anywhere in the target").containsExactly(e4, e1);
        assertThat(ids(auditor, "target=" + enc("*" + run.substring(2) + "%")))
                .as("a percent sign is no wildcard there either").isEmpty();
        assertThat(ids(auditor, only + "&result=failure")).containsExactly(e2);
        assertThat(ids(auditor, only + "&result=DENIED&code=Q1")).containsExactly(e3);
        assertThat(ids(auditor, only + "&code=E42")).containsExactly(e2);
        assertThat(ids(auditor, "correlation=" + run + "-corr")).containsExactly(e4, e3);
        assertThat(ids(auditor, only + "&from=" + enc(BASE.plusSeconds(1)) + "&to=" + enc(BASE.plusSeconds(3))))
                .containsExactly(e3, e2);
        assertThat(ids(auditor, "target=" + run + "_vm")).as("an underscore is no wildcard").isEmpty();
    }

    @Test
    void keysetPagesReturnEveryEventOnceEvenWithEqualTimes() {
        String auditor = auditor();
        String action = unique("PAGE_");
        List<Long> expected = new ArrayList<>();
        Instant same = BASE.plusMillis(500);
        for (int i = 0; i < 7; i++) {
            insert(jdbc, Row.of(BASE.plusSeconds(i), "pager", action, "p" + i));
        }
        for (int i = 0; i < 5; i++) {
            insert(jdbc, Row.of(same, "pager", action, "same" + i));
        }
        expected.addAll(jdbc.sql("SELECT id FROM audit_event WHERE action = :a ORDER BY occurred_at DESC, id DESC")
                .param("a", action).query(Long.class).list());

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = get(auditor, "/audit?action=" + action + "&size=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(idsOf(page));
            assertThat(page).containsEntry("size", 3);
            cursor = (String) page.get("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(expected).doesNotHaveDuplicates().hasSize(12);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void newerPagesGoBackTheWayOlderPagesCame() {
        String auditor = auditor();
        String action = unique("BACK_");
        for (int i = 0; i < 6; i++) {
            insert(jdbc, Row.of(BASE, "pager", action, "b" + i));
        }
        CurrentUser me = user(auditor, Role.AUDITOR);
        AuditReader.Page first = reader.page(me, query("action=" + action + "&size=2"));
        AuditReader.Page second = reader.page(me, query("action=" + action + "&size=2&cursor=" + first.next()));
        AuditReader.Page back = reader.page(me, query("action=" + action + "&size=2&after=" + second.previous()));
        assertThat(back.items()).isEqualTo(first.items());
        assertThat(back.previous()).as("nothing newer than the first page").isNull();
        assertThat(second.previous()).isNotNull();
        assertThat(first.previous()).isNull();
    }

    @Test
    void timeRangesIncludeFromAndExcludeToAtTheMillisecond() {
        String auditor = auditor();
        String action = unique("EDGE_");
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        Instant to = Instant.parse("2026-10-02T00:00:00Z");
        long before = insert(jdbc, Row.of(from.minusMillis(1), "edge", action, "x"));
        long atFrom = insert(jdbc, Row.of(from, "edge", action, "x"));
        long lastIn = insert(jdbc, Row.of(to.minusMillis(1), "edge", action, "x"));
        long atTo = insert(jdbc, Row.of(to, "edge", action, "x"));

        assertThat(ids(auditor, "action=" + action + "&from=" + enc(from) + "&to=" + enc(to)))
                .containsExactly(lastIn, atFrom);
        // The same range as local times of the viewer's zone (the portal's, +08:00, by default).
        assertThat(ids(auditor, "action=" + action + "&from=2026-10-01T08:00&to=2026-10-02T08:00:00"))
                .containsExactly(lastIn, atFrom);
        assertThat(ids(auditor, "action=" + action + "&to=" + enc(from))).containsExactly(before);
        assertThat(ids(auditor, "action=" + action + "&from=" + enc(to))).containsExactly(atTo);
        assertThat(ids(auditor, "action=" + action + "&from=2026-10-02")).as("a date is its start in the zone")
                .containsExactly(atTo, lastIn);
    }

    @Test
    void aLocalTimeInTheViewersDaylightSavingGapMovesForwardByTheGap() {
        String auditor = auditor();
        jdbc.sql("UPDATE app_user SET time_zone = 'America/New_York' WHERE username = :u").param("u", auditor)
                .update();
        String action = unique("DST_");
        // 2026-03-08 02:30 does not exist in New York: clocks go from 02:00 EST to 03:00 EDT, and java.time
        // reads it as 03:30 EDT, which is 07:30 UTC.
        Instant shifted = Instant.parse("2026-03-08T07:30:00Z");
        long justBefore = insert(jdbc, Row.of(shifted.minusMillis(1), "dst", action, "x"));
        long at = insert(jdbc, Row.of(shifted, "dst", action, "x"));
        long early = insert(jdbc, Row.of(Instant.parse("2026-03-08T06:59:59.999Z"), "dst", action, "x"));

        assertThat(ids(auditor, "action=" + action + "&to=2026-03-08T02:30")).containsExactly(justBefore, early);
        assertThat(ids(auditor, "action=" + action + "&from=2026-03-08T02:30")).containsExactly(at);
        assertThat(ids(auditor, "action=" + action + "&from=2026-03-08T02:00&to=2026-03-08T03:30"))
                .as("02:00 does not exist either: it is 03:00 EDT, the same instant as 03:00")
                .containsExactly(justBefore);
        assertThat(ids(auditor, "action=" + action + "&from=2026-03-08T01:59:59.999&to=2026-03-08T03:00"))
                .containsExactly(early);
    }

    @Test
    void everyFilterShapeIsReadAlongAnIndex() {
        String run = unique("X");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            rows.add(Row.of(BASE.minusSeconds(i), "explain" + (i % 50), "EXPLAIN_" + (i % 30), run + "-" + i)
                    .tenant("te" + (i % 20)).result(i % 7 == 0 ? "FAILURE" : "SUCCESS", "C" + (i % 40), null)
                    .correlated(run + (i % 500)));
        }
        AuditTestData.insertMany(batch, rows);
        jdbc.sql("ANALYZE TABLE audit_event").query().listOfRows();
        TestTenant t = newTenant();
        CurrentUser auditor = user("explain-auditor", Role.AUDITOR);
        CurrentUser tenantAdmin = new CurrentUser(1, "explain-admin", "x", t.id(), t.code(),
                Set.of(Role.USER, Role.TENANT_ADMIN), 0);
        CurrentUser someone = user("explain7", Role.USER);
        String cursor = "&cursor=" + BASE.minusSeconds(100).toEpochMilli() + "-5";
        for (String shape : List.of("", "from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z", "actor=explain7",
                "tenant=te3", "action=EXPLAIN_4", "target=" + run + "-12", "result=FAILURE", "code=C12",
                "correlation=" + run + "7", "action=EXPLAIN_4&from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z",
                "actor=explain7&result=SUCCESS", "tenant=te3&action=EXPLAIN_5")) {
            for (String page : List.of("", cursor)) {
                for (CurrentUser viewer : List.of(auditor, tenantAdmin, someone)) {
                    assertIndexed(viewer, shape + page);
                }
            }
        }
    }

    private void assertIndexed(CurrentUser viewer, String params) {
        List<Map<String, Object>> plan = reader.explain(viewer, query(params));
        assertThat(plan).as("plan of %s", params).hasSize(1);
        Map<String, Object> row = plan.get(0);
        if ("Impossible WHERE".equals(row.get("Extra"))) {
            // The filter contradicts the scope (another tenant): nothing is read at all.
            return;
        }
        assertThat(row.get("type")).as("plan of '%s' for %s: %s", params, viewer.username(), plan)
                .isNotEqualTo("ALL");
        assertThat(row.get("key")).as("plan of '%s' for %s: %s", params, viewer.username(), plan).isNotNull();
    }

    private String auditor() {
        String name = unique("aud");
        users.create(name, PASSWORD, "审计员 " + name, null, Set.of(Role.AUDITOR));
        return name;
    }

    private CurrentUser user(String name, Role role) {
        return new CurrentUser(1, name, name, null, null, Set.of(role), 0);
    }

    private static AuditQuery query(String params) {
        MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
        for (String pair : params.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                map.add(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return AuditQuery.from(map, ZoneId.of("Asia/Shanghai"));
    }

    private List<Long> ids(String user, String params) {
        return idsOf(get(user, "/audit?" + params));
    }

    @SuppressWarnings("unchecked")
    private static List<Long> idsOf(Map<String, Object> page) {
        assertThat(page).as("answer %s", page).containsKey("items");
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .map(item -> ((Number) item.get("id")).longValue()).toList();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String enc(Instant instant) {
        return instant.toString();
    }
}

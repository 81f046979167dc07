package io.vsip4x.portal.audit;

import static io.vsip4x.portal.audit.AuditTestData.Row;
import static io.vsip4x.portal.audit.AuditTestData.insert;
import static io.vsip4x.portal.audit.AuditTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CSV export: UTF-8 with a byte order mark, Chinese and emoji intact, RFC 4180 quoting,
 * formulas defused, streamed in keyset batches (twenty thousand rows arrive whole), and itself
 * written to the log.
 */
class AuditExportIntegrationTest extends PortalTestSupport {

    private static final Instant AT = Instant.parse("2026-11-28T06:00:00Z");

    @Autowired
    JdbcTemplate batch;

    @Test
    void theExportKeepsChineseAndEmojiQuotesAndDefusesFormulas() throws Exception {
        String auditor = auditor();
        String action = unique("CSV_");
        long plain = insert(jdbc, Row.of(AT, "导出者", action, "虚拟机-甲").tenant("t1")
                .result("FAILURE", "1203", "资源不足 🚀 请稍后"));
        long tricky = insert(jdbc, Row.of(AT.plusSeconds(1), "quoter", action, "=HYPERLINK(\"http://x\")")
                .result("DENIED", "-1", "说 \"你好\", 然后\n换行").params("+cmd|' /C calc'!A0"));
        long at = insert(jdbc, Row.of(AT.plusSeconds(2), "@sum", action, "a,b"));

        HttpResponse<byte[]> answer = export(auditor, "/api/v1/audit/export.csv?action=" + action);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv")
                .containsIgnoringCase("charset=UTF-8");
        assertThat(answer.headers().firstValue("Content-Disposition").orElse(""))
                .matches("attachment; filename=\"audit-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        byte[] bytes = answer.body();
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\r\n", -1));

        assertThat(lines.get(0)).isEqualTo("Id,Time,Who,Role,Department,Address,Action,Target type,Target,Result,"
                + "Code,Message,Parameters,Correlation id");
        assertThat(lines.get(1)).isEqualTo(at + ",2026-11-28 14:00:02.000 +08:00,'@sum,,,127.0.0.1," + action
                + ",TEST,\"a,b\",SUCCESS,,,,");
        assertThat(text).contains(tricky + ",2026-11-28 14:00:01.000 +08:00,quoter,,,127.0.0.1," + action
                + ",TEST,\"'=HYPERLINK(\"\"http://x\"\")\",DENIED,'-1,\"说 \"\"你好\"\", 然后\n换行\","
                + "'+cmd|' /C calc'!A0,\r\n");
        assertThat(text).contains(plain + ",2026-11-28 14:00:00.000 +08:00,导出者,,t1,127.0.0.1," + action
                + ",TEST,虚拟机-甲,FAILURE,1203,资源不足 🚀 请稍后,,\r\n");
        assertThat(text).endsWith("\r\n");

        // The export is itself an event of the log, with the filter it used.
        Map<String, Object> logged = jdbc.sql("""
                SELECT actor, params FROM audit_event WHERE action = 'AUDIT_EXPORT' AND actor = :a
                 ORDER BY id DESC LIMIT 1""").param("a", auditor).query().singleRow();
        assertThat(logged.get("params")).isEqualTo("action=" + action);
    }

    @Test
    void aLargeExportStreamsEveryRowInOrder() throws Exception {
        String auditor = auditor();
        String action = unique("BIG_");
        int count = 20_000;
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Every fifty share a millisecond, so the batches' keyset meets equal times.
            rows.add(Row.of(AT.minusMillis(i / 50), "bulk", action, "row-" + i));
        }
        AuditTestData.insertMany(batch, rows);

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/audit/export.csv?action=" + action))
                .header("Authorization", apiAuthorization(auditor, PASSWORD)).header("Accept-Language", "zh-CN")
                .GET().build();
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Length")).as("streamed, not sized up front").isEmpty();
        List<Long> ids = new ArrayList<>(count);
        String header;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(answer.body(),
                StandardCharsets.UTF_8))) {
            header = reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                ids.add(Long.parseLong(line.substring(0, line.indexOf(','))));
            }
        }
        assertThat(header).isEqualTo("\uFEFF编号,时间,操作人,角色,部门,地址,操作,对象类型,对象,结果,结果码,说明,参数,关联编号");
        List<Long> expected = jdbc.sql(
                        "SELECT id FROM audit_event WHERE action = :a ORDER BY occurred_at DESC, id DESC")
                .param("a", action).query(Long.class).list();
        assertThat(ids).hasSize(count).doesNotHaveDuplicates().isEqualTo(expected);
    }

    @Test
    void everyoneExportsOnlyWhatTheyMaySee() throws IOException, InterruptedException {
        TestTenant t = newTenant();
        String action = unique("OWN_");
        long own = insert(jdbc, Row.of(AT, t.requester(), action, "x").tenant(t.code()));
        insert(jdbc, Row.of(AT, t.approver(), action, "y").tenant(t.code()));
        String text = new String(export(t.requester(), "/api/v1/audit/export.csv?action=" + action).body(),
                StandardCharsets.UTF_8);
        assertThat(text.split("\r\n")).hasSize(2);
        assertThat(text.split("\r\n")[1]).startsWith(own + ",");
    }

    private HttpResponse<byte[]> export(String user, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", apiAuthorization(user, PASSWORD)).header("Accept-Language", "en")
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private String auditor() {
        String name = unique("aud");
        users.create(name, PASSWORD, "审计员 " + name, null, Set.of(Role.AUDITOR));
        return name;
    }
}

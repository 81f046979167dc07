package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.tenancy.Quota;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * What approvers and API users see of a request: its lease, what a change asks for (in the
 * approval queue and the API), a quota refusal in the reader's language, and a VM's data disks.
 */
class RequestFactsIntegrationTest extends PortalTestSupport {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void approversSeeTheLeaseAndWhatEachChangeAsks() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 100, 10, 0, 0));
        String vmId = runningVm(t);
        jdbc.sql("UPDATE vm SET lease_expires_at = :end WHERE vm_id = :vm")
                .param("end", Timestamp.from(Instant.now().plus(Duration.ofDays(5)))).param("vm", vmId).update();
        long leased = submit(t.requester(), withLease(7));
        long unleased = submit(t.requester(), smallRequest(1));
        long resize = created(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 4, "memoryMb", 4096, "diskGb", 50, "reason", "扩容")));
        long disk = created(post(t.requester(), "/vms/" + vmId + "/data-disk-requests",
                Map.of("sizeGb", 30, "reason", "数据")));
        LocalDate until = LocalDate.now(ZONE).plusDays(20);
        long renewal = created(post(t.requester(), "/vms/" + vmId + "/renewal-requests",
                Map.of("leaseUntil", until.toString(), "reason", "延期")));

        assertThat(request(t.approver(), leased)).containsEntry("leaseDays", 7);
        assertThat(request(t.approver(), unleased)).containsEntry("leaseDays", null);
        assertThat(getList(t.approver(), "/approvals")).filteredOn(r -> ((Number) r.get("id")).longValue() == leased)
                .singleElement().satisfies(r -> assertThat(r).containsEntry("leaseDays", 7));
        PageClient en = new PageClient(port, "en");
        en.signIn(t.approver(), PASSWORD);
        assertThat(en.get("/requests/" + leased).body()).contains("id=\"request-lease\"").contains("7 days");
        assertThat(en.get("/requests/" + unleased).body()).contains("No lease");

        String queue = en.get("/approvals").body();
        assertThat(row(queue, leased)).contains("7 days");
        assertThat(row(queue, unleased)).contains("No lease");
        assertThat(asked(queue, resize)).contains("4 vCPU / 4096 MiB memory / 50 GiB disk");
        assertThat(asked(queue, disk)).contains("Data disk: 30 GiB").doesNotContain("vCPU");
        assertThat(asked(queue, renewal)).contains("Renewed until " + until).doesNotContain("vCPU");
    }

    @Test
    void quotaRequestsShowTheirLimitsAsAnObjectAndInTheQueue() {
        TestTenant t = newTenant();
        String admin = t.code() + "-tadmin";
        String platformAdmin = t.code() + "-padmin";
        users.create(admin, PASSWORD, "部门管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        users.create(platformAdmin, PASSWORD, "平台管理员", null, Set.of(Role.PLATFORM_ADMIN));
        Map<String, Object> limits = Map.of("cpu", 64, "memoryMb", 131072, "diskGb", 2000, "dataDiskGb", 500,
                "vms", 20, "snapshots", 10, "backups", 5);
        long id = created(post(admin, "/quota-requests", Map.of("limits", limits, "reason", "扩编")));

        assertThat(request(admin, id).get("quotaLimits")).isEqualTo(limits);
        Map<String, Object> queued = getList(platformAdmin, "/approvals?kind=quota&tenant=" + t.code()).get(0);
        assertThat(queued.get("quotaLimits")).isEqualTo(limits);

        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(platformAdmin, PASSWORD);
        String row = asked(zh.get("/approvals").body(), id);
        assertThat(row).contains("vCPU（核）：64").contains("数据盘（GiB）：500").contains("备份（个）：5")
                .doesNotContain("0 核");
    }

    @Test
    void quotaRefusalsNameTheResourceInTheReadersLanguageAndTheVmListsItsDataDisks() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 100, 10, 0, 0));
        String vmId = runningVm(t);
        long first = created(post(t.requester(), "/vms/" + vmId + "/data-disk-requests",
                Map.of("sizeGb", 20, "reason", "数据库")));
        post(t.approver(), "/requests/" + first + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), first).get("state")));
        String diskId = jdbc.sql("SELECT disk_id FROM data_disk WHERE request_id = :id").param("id", first)
                .query(String.class).single();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> disks = (List<Map<String, Object>>) vm(t.requester(), vmId).get("dataDisks");
        assertThat(disks).hasSize(1);
        assertThat(disks.get(0)).containsEntry("dataDiskId", diskId).containsEntry("sizeGb", 20)
                .containsEntry("state", "ACTIVE").containsKey("name");

        Map<String, Object> tooBig = Map.of("dataDiskId", diskId, "sizeGb", 200, "reason", "更多");
        String path = "/vms/" + vmId + "/data-disk-requests";
        assertThat(detail(post(t.requester(), path, tooBig))).isEqualTo("Over quota: data disk 180 GiB asked, "
                + "80 GiB free in the department quota (limit 100, used 20, reserved 0)");
        assertThat(detail(postIn("zh-CN", t.requester(), path, tooBig)))
                .isEqualTo("超出配额：数据盘申请 180 GiB，部门配额剩余 80 GiB（上限 100，已用 20，预留 0）");

        jdbc.sql("INSERT INTO user_quota (user_id, cpu) SELECT id, 2 FROM app_user WHERE username = :u")
                .param("u", t.requester()).update();
        Map<String, Object> resize = Map.of("cpu", 4, "memoryMb", 2048, "reason", "扩容");
        ResponseEntity<Map<String, Object>> capped = post(t.requester(), "/vms/" + vmId + "/resize-requests",
                resize);
        assertThat(capped.getStatusCode().value()).isEqualTo(409);
        assertThat(detail(capped))
                .isEqualTo("Over quota: vCPU 2 asked, 0 free in the personal cap (limit 2, used 2, reserved 0)");
        assertThat(capped.getBody().get("excesses")).isEqualTo(List.of(Map.of("resource", "cpu", "personal", true,
                "limit", 2, "used", 2, "reserved", 0, "free", 0, "asked", 2)));
        assertThat(detail(postIn("zh-CN", t.requester(), "/vms/" + vmId + "/resize-requests", resize)))
                .isEqualTo("超出配额：vCPU 申请 2 核，个人上限剩余 0 核（上限 2，已用 2，预留 0）");
        assertThat(jdbc.sql("SELECT params FROM audit_event WHERE action = 'REFUSED' AND target = :t "
                + "ORDER BY id DESC LIMIT 1").param("t", "POST /api/v1/vms/" + vmId + "/resize-requests")
                .query(String.class).single()).as("the log keeps the numbers").contains("cpu 2 > 0 (2 - 2 - 0)");
    }

    private String runningVm(TestTenant t) {
        long id = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(t.requester(), vmId);
            return Integer.valueOf(1).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
        return vmId;
    }

    private static Map<String, Object> withLease(int days) {
        Map<String, Object> body = new HashMap<>(smallRequest(1));
        body.put("leaseDays", days);
        return body;
    }

    private static String row(String html, long id) {
        int start = html.indexOf("id=\"approval-" + id + "\"");
        assertThat(start).as("request %d in the queue", id).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    /** What the queue's row of request {@code id} says it asks for. */
    private static String asked(String html, long id) {
        String row = row(html, id);
        int start = row.indexOf("class=\"asked\"");
        assertThat(start).isNotNegative();
        return row.substring(start, row.indexOf("</td>", start));
    }

    private static String detail(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(409);
        return answer.getBody().get("detail").toString();
    }

    private ResponseEntity<Map<String, Object>> postIn(String language, String user, String path, Object body) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> {
                    h.setBasicAuth(user, PASSWORD);
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build()
                .post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
                });
    }

    private long created(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(201);
        return ((Number) answer.getBody().get("id")).longValue();
    }
}

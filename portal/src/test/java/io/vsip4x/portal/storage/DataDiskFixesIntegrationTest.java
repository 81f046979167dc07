package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.tenancy.TenantVmSettings;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What testers found in the data disks: requests stranded by a deleted VM, an extend nobody could
 * see, approvers reading too little, two forms, the over-quota audit, bad sizes, the look-only
 * refusal, the owner's name in the API, and the create form's limits.
 */
class DataDiskFixesIntegrationTest extends DataDiskTestSupport {

    private static final String[] HTMX = {"HX-Request", "true", "HX-Target", "disk-panel"};

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void deletingAVmWithdrawsItsPendingDiskRequestsWithAReasonTheRequesterReads() {
        TestTenant t = diskTenant(true);
        String vmId = stoppedVm(t);
        ResponseEntity<Map<String, Object>> asked = post(t.requester(), "/vms/" + vmId + "/disks",
                Map.of("name", "随机删", "sizeGb", 2, "reason", "测试"));
        assertThat(asked.getStatusCode().value()).as("answer %s", asked.getBody()).isEqualTo(202);
        long requestId = number(asked.getBody().get("requestId"));
        String diskId = asked.getBody().get("diskId").toString();

        assertThat(act(t.requester(), vmId, "delete", Map.of()).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> "WITHDRAWN".equals(request(t.requester(), requestId).get("state")));

        assertThat(jdbc.sql("SELECT lifecycle FROM data_disk WHERE disk_id = :d").param("d", diskId)
                .query(String.class).single()).isEqualTo("CANCELLED");
        assertThat(listed(t.requester(), diskId)).isEmpty();
        assertThat(getList(t.approver(), "/approvals")).noneMatch(r -> number(r.get("id")) == requestId);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        assertThat(page.get("/requests/" + requestId).body())
                .contains("The VM was deleted, so the portal withdrew this data-disk request.");
        ResponseEntity<Map<String, Object>> late = post(t.approver(), "/requests/" + requestId + "/approve", null);
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(String.valueOf(late.getBody().get("type"))).doesNotContain("vmGone");
    }

    @Test
    void aPendingExtendShowsOnBothPagesAndInTheApiAndApproversReadTheDisk() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String vmName = vm(t.requester(), vmId).get("name").toString();
        String diskId = detachedDisk(t, "扩容盘", 2, poolOf(vmId));
        assertThat(attach(t.requester(), vmId, diskId).getStatusCode().value()).isEqualTo(200);
        approval(t, true);

        ResponseEntity<Map<String, Object>> grown = post(t.requester(), "/vms/" + vmId + "/disks/" + diskId
                + "/extend", Map.of("sizeGb", 5, "reason", "更大"));
        assertThat(grown.getStatusCode().value()).as("answer %s", grown.getBody()).isEqualTo(202);
        long extendId = number(grown.getBody().get("requestId"));
        Map<String, Object> onVm = getList(t.requester(), "/vms/" + vmId + "/disks").get(0);
        assertThat(onVm).containsEntry("sizeGb", 2).containsEntry("pendingSizeGb", 5)
                .containsEntry("pendingRequestId", (int) extendId)
                .containsEntry("owner", t.requester()).containsEntry("ownerName", "用户 " + t.code());
        assertThat(listed(t.requester(), diskId).orElseThrow()).containsEntry("pendingSizeGb", 5)
                .containsEntry("owner", t.requester());
        assertThat(vm(t.requester(), vmId)).containsEntry("owner", t.requester());

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String marker = "growing to 5 GiB (request #" + extendId + ", pending approval)";
        for (String path : new String[] {"/disks", "/vms/" + vmId + "/disks"}) {
            assertThat(page.get(path).body()).as(path).contains(marker)
                    .contains("href=\"/requests/" + extendId + "\"");
        }

        ResponseEntity<Map<String, Object>> fresh = post(t.requester(), "/vms/" + vmId + "/disks",
                Map.of("name", "新盘", "sizeGb", 3, "reason", "新的"));
        long newId = number(fresh.getBody().get("requestId"));
        PageClient approver = new PageClient(port, "en");
        approver.signIn(t.approver(), PASSWORD);
        String queue = approver.get("/approvals").body();
        assertThat(row(queue, extendId)).contains("Data disk 扩容盘 grows, VM: " + vmName
                + ", 2 \u2192 5 GiB; department data-disk quota left 18 GiB");
        assertThat(row(queue, newId)).contains("New data disk 新盘, VM: " + vmName
                + ", 3 GiB; department data-disk quota left 18 GiB");
        assertThat(getList(t.approver(), "/approvals")).filteredOn(r -> number(r.get("id")) == extendId)
                .singleElement().satisfies(r -> assertThat(r.get("dataDisk"))
                        .isEqualTo(Map.of("name", "扩容盘", "vmName", vmName, "sizeGb", 2)));
        assertThat(approver.get("/requests/" + newId).body()).contains("New data disk 新盘");
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(t.approver(), PASSWORD);
        assertThat(zh.get("/requests/" + newId).body()).contains("新建数据盘 新盘");
        assertThat(zh.get("/requests/" + extendId).body()).contains("2 → 5 GiB");

        post(t.approver(), "/requests/" + extendId + "/approve", null);
        await().atMost(PATIENCE).until(() -> number(listed(t.requester(), diskId).orElseThrow().get("sizeGb")) == 5);
        assertThat(listed(t.requester(), diskId).orElseThrow()).containsEntry("pendingSizeGb", null);
    }

    @Test
    void oneFormWithItsLimitsAndPageErrorsAsTheApiGivesThem() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        assertThat(page.get("/vms").body()).contains("href=\"/vms/" + vmId + "/disks\"")
                .doesNotContain("/change/data-disk");
        HttpResponse<String> old = page.get("/vms/" + vmId + "/change/data-disk");
        assertThat(old.uri().getPath()).isEqualTo("/vms/" + vmId + "/disks");

        String html = page.get("/disks").body();
        assertThat(html).contains("id=\"disk-size\" name=\"sizeGb\" type=\"number\" min=\"1\" max=\"20\"")
                .contains("Data-disk quota left: 20 GiB").contains("Reason (optional)")
                .contains("maxlength=\"500\"></textarea>");
        String csrf = PageClient.csrfOf(html);
        HttpResponse<String> bad = page.postForm("/disks", "_csrf=" + csrf + "&name=x&sizeGb=abc&repoId="
                + poolOf(vmId) + "&reason=r", HTMX);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("This value has the wrong type.");

        HttpResponse<String> noReason = page.postForm("/disks", "_csrf=" + csrf + "&name=" + PageClient.enc("无理由")
                + "&sizeGb=2&repoId=" + poolOf(vmId) + "&reason=", HTMX);
        assertThat(noReason.statusCode()).isEqualTo(200);
        String diskId = getList(t.requester(), "/disks").stream().filter(d -> "无理由".equals(d.get("name")))
                .map(d -> d.get("diskId").toString()).findFirst().orElseThrow();
        awaitState(t.requester(), diskId, "ACTIVE");
        assertThat(page.get("/disks").body()).contains("Data-disk quota left: 18 GiB").contains("max=\"18\"");
        HttpResponse<String> badGrow = page.postForm("/disks/" + diskId + "/extend", "_csrf=" + csrf
                + "&sizeGb=abc", HTMX);
        assertThat(badGrow.statusCode()).isEqualTo(400);
        assertThat(badGrow.body()).contains("This value has the wrong type.");

        approval(t, true);
        assertThat(page.get("/vms/" + vmId + "/disks").body()).doesNotContain("Reason (optional)")
                .contains("maxlength=\"500\" required");
        ResponseEntity<Map<String, Object>> reasonless = post(t.requester(), "/disks",
                Map.of("name", "要理由", "sizeGb", 1, "repoId", poolOf(vmId)));
        assertThat(reasonless.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void overQuotaIsAuditedAsTheDiskActionAndAnApproverMayOnlyLook() {
        TestTenant t = diskTenant(true);
        String vmId = runningVm(t);
        ResponseEntity<Map<String, Object>> beyond = askDisk(t.requester(), "太大", 30, poolOf(vmId));
        assertThat(beyond.getStatusCode().value()).isEqualTo(409);
        assertThat(jdbc.sql("""
                SELECT CONCAT(result, ' ', message) FROM audit_event
                 WHERE actor = :u AND action = 'DATA_DISK_CREATE' ORDER BY id DESC LIMIT 1""")
                .param("u", t.requester()).query(String.class).single()).isEqualTo("DENIED quota exceeded");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'REFUSED'")
                .param("u", t.requester()).query(Integer.class).single()).isZero();

        String onlyApprover = t.code() + "-apo";
        users.create(onlyApprover, PASSWORD, "只审批 " + t.code(), t.id(), Set.of(Role.APPROVER));
        PageClient page = new PageClient(port, "en");
        page.signIn(onlyApprover, PASSWORD);
        String html = page.get("/vms/" + vmId + "/disks").body();
        HttpResponse<String> refused = page.postForm("/vms/" + vmId + "/disks", "_csrf=" + PageClient.csrfOf(html)
                + "&name=x&sizeGb=1&reason=r", HTMX);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("You may only look at the data disks of VM")
                .doesNotContain("belongs to no department");
        ResponseEntity<Map<String, Object>> api = post(onlyApprover, "/vms/" + vmId + "/disks",
                Map.of("name", "x", "sizeGb", 1, "reason", "r"));
        assertThat(api.getStatusCode().value()).isEqualTo(403);
        assertThat(String.valueOf(api.getBody().get("detail"))).contains("You may only look");
    }

    private void approval(TestTenant t, boolean on) {
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                vmSettings.save(new TenantVmSettings(t.id(), 8, false, on), userId(t.requester())));
    }

    /** The queue's row of request {@code id}. */
    private static String row(String queue, long id) {
        int start = queue.indexOf("id=\"approval-" + id + "\"");
        assertThat(start).as("row of %s", id).isNotNegative();
        int end = queue.indexOf("</tr>", start);
        return queue.substring(start, end);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}

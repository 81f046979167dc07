package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data-disk pages' forms, as htmx sends them: a disk made on its own, grown and deleted from
 * {@code /disks}; one made for a VM from its disk tab, waiting for approval; the platform's view
 * beside the portal's; refusals in the flash area.
 */
class DataDiskPageIntegrationTest extends DataDiskTestSupport {

    private static final String[] HTMX = {"HX-Request", "true", "HX-Target", "disk-panel"};

    @Test
    void aDiskIsMadeGrownAndDeletedFromTheDisksPage() {
        TestTenant t = diskTenant(false);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/disks").body();
        assertThat(html).contains("New and larger disks are created at once").contains("pool-prod");
        String csrf = PageClient.csrfOf(html);

        HttpResponse<String> made = page.postForm("/disks", "_csrf=" + csrf + "&name=" + PageClient.enc("页面盘")
                + "&sizeGb=2&repoId=pool-prod&reason=" + PageClient.enc("页面测试"), HTMX);
        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.body()).contains("id=\"disk-panel\"").contains("页面盘");
        String diskId = getList(t.requester(), "/disks").stream().filter(d -> "页面盘".equals(d.get("name")))
                .map(d -> d.get("diskId").toString()).findFirst().orElseThrow();
        awaitState(t.requester(), diskId, "ACTIVE");
        assertThat(page.get("/disks").body()).contains("2 GiB, not mounted");

        HttpResponse<String> grown = page.postForm("/disks/" + diskId + "/extend", "_csrf=" + csrf
                + "&sizeGb=5&reason=" + PageClient.enc("更大"), HTMX);
        assertThat(grown.statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> onPlatform(diskId).orElseThrow().sizeBytes() == 5 * GIB);
        awaitSize(t.requester(), diskId, 5);

        HttpResponse<String> beyond = page.postForm("/disks/" + diskId + "/extend", "_csrf=" + csrf
                + "&sizeGb=30&reason=" + PageClient.enc("太大"), HTMX);
        assertThat(beyond.statusCode()).isEqualTo(409);
        assertThat(beyond.headers().firstValue("HX-Retarget")).hasValue("#flash");

        HttpResponse<String> deleted = page.postForm("/disks/" + diskId + "/delete", "_csrf=" + csrf, HTMX);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).doesNotContain("页面盘");
        assertThat(onPlatform(diskId)).isEmpty();
    }

    @Test
    void aDiskForAVmWaitsForApprovalOnTheVmsDiskTab() {
        TestTenant t = diskTenant(true);
        String vmId = runningVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/disks").body();
        assertThat(html).contains("New and larger disks wait for your department").contains("tab-disks")
                .contains("No detached data disk of yours is in this VM");

        HttpResponse<String> asked = page.postForm("/vms/" + vmId + "/disks", "_csrf=" + PageClient.csrfOf(html)
                + "&name=" + PageClient.enc("待批盘") + "&sizeGb=1&reason=" + PageClient.enc("页面测试"), HTMX);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("待批盘").contains("Awaiting approval");
        Map<String, Object> disk = getList(t.requester(), "/vms/" + vmId + "/disks").get(0);
        assertThat(disk).containsEntry("state", "REQUESTED").containsEntry("platform", null);

        long requestId = ((Number) disk.get("requestId")).longValue();
        post(t.approver(), "/requests/" + requestId + "/reject", Map.of("reason", "不需要"));
        await().atMost(PATIENCE).until(() -> getList(t.requester(), "/vms/" + vmId + "/disks").isEmpty());
        assertThat(page.get("/vms/" + vmId + "/disks").body()).doesNotContain("待批盘");
    }

    private void awaitSize(String user, String diskId, long sizeGb) {
        await().atMost(PATIENCE).until(() -> ((Number) listed(user, diskId).orElseThrow().get("sizeGb"))
                .longValue() == sizeGb);
    }
}

package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Data disks through the API and the pages, against the simulator over HTTP: made at once or
 * after approval as the tenant's policy says, within the data-disk quota; attached, detached,
 * grown and deleted; each refusal with the spec's code; nobody else's, nothing above clearance.
 */
class DataDiskIntegrationTest extends DataDiskTestSupport {

    @Test
    void withoutApprovalADiskIsMadeAtOnceAttachedDetachedAndDeleted() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String pool = poolOf(vmId);

        ResponseEntity<Map<String, Object>> asked = askDisk(t.requester(), "日志盘", 2, pool);
        assertThat(asked.getStatusCode().value()).as("answer %s", asked.getBody()).isEqualTo(202);
        assertThat(asked.getBody()).containsEntry("approvalNeeded", false).containsKey("operationId");
        assertThat(asked.getBody().get("operationId")).isNotNull();
        String diskId = asked.getBody().get("diskId").toString();
        awaitState(t.requester(), diskId, "ACTIVE");
        assertThat(onPlatform(diskId)).hasValueSatisfying(d -> {
            assertThat(d.sizeBytes()).isEqualTo(2 * GIB);
            assertThat(d.mounted()).isFalse();
        });
        assertThat(listed(t.requester(), diskId).orElseThrow()).containsEntry("name", "日志盘")
                .containsEntry("repoId", pool).containsEntry("vmId", null);

        ResponseEntity<Map<String, Object>> attached = attach(t.requester(), vmId, diskId);
        assertThat(attached.getStatusCode().value()).as("answer %s", attached.getBody()).isEqualTo(200);
        assertThat(attached.getBody()).containsEntry("vmId", vmId);
        assertThat(onPlatform(diskId).orElseThrow().vmId()).isEqualTo(vmId);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/disks")).extracting(d -> d.get("diskId"))
                .containsExactly(diskId);

        // Attached already: refused before asking, with the spec's "exists" code.
        assertAnswer(attach(t.requester(), vmId, diskId), 409, "2054");
        String text = assertAnswer(deleteAnswer(t.requester(), diskId), 409, "2052");
        assertThat(text).contains("detach it before deleting it");
        assertThat(onPlatform(diskId)).isPresent();

        assertThat(detach(t.requester(), vmId, diskId).getStatusCode().value()).isEqualTo(200);
        assertThat(onPlatform(diskId).orElseThrow().mounted()).isFalse();
        assertThat(delete(t.requester(), diskId)).isEqualTo(204);
        assertThat(onPlatform(diskId)).isEmpty();
        assertThat(listed(t.requester(), diskId)).isEmpty();
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target = :d").param("d", diskId)
                .query(String.class).list())
                .contains("DATA_DISK_CREATE", "DATA_DISK_ATTACH", "DATA_DISK_DETACH", "DATA_DISK_DELETE");

        // Its size is back in the quota: all 20 GiB can be asked for again.
        String whole = detachedDisk(t, "大盘", 20, pool);
        assertThat(delete(t.requester(), whole)).isEqualTo(204);
    }

    @Test
    void withApprovalADiskForAVmWaitsThenIsMadeMountedAndGrown() {
        TestTenant t = diskTenant(true);
        String vmId = runningVm(t);

        ResponseEntity<Map<String, Object>> asked = post(t.requester(), "/vms/" + vmId + "/disks",
                Map.of("name", "数据", "sizeGb", 1, "reason", "需要数据盘"));
        assertThat(asked.getStatusCode().value()).as("answer %s", asked.getBody()).isEqualTo(202);
        assertThat(asked.getBody()).containsEntry("approvalNeeded", true).containsEntry("operationId", null);
        String diskId = asked.getBody().get("diskId").toString();
        long requestId = ((Number) asked.getBody().get("requestId")).longValue();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/disks")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("state", "REQUESTED").containsEntry("name", "数据"));
        assertThat(onPlatform(diskId)).isEmpty();

        post(t.approver(), "/requests/" + requestId + "/approve", null);
        awaitState(t.requester(), diskId, "ACTIVE");
        assertThat(onPlatform(diskId).orElseThrow().vmId()).isEqualTo(vmId);
        assertThat(request(t.requester(), requestId)).containsEntry("state", "COMPLETED");

        ResponseEntity<Map<String, Object>> grow = post(t.requester(), "/vms/" + vmId + "/disks/" + diskId
                + "/extend", Map.of("sizeGb", 3, "reason", "空间不足"));
        assertThat(grow.getStatusCode().value()).as("answer %s", grow.getBody()).isEqualTo(202);
        long growId = ((Number) grow.getBody().get("requestId")).longValue();
        assertThat(onPlatform(diskId).orElseThrow().sizeBytes()).isEqualTo(GIB);
        post(t.approver(), "/requests/" + growId + "/approve", null);
        await().atMost(PATIENCE).until(() -> onPlatform(diskId).orElseThrow().sizeBytes() == 3 * GIB);
        await().atMost(PATIENCE).until(() -> ((Number) listed(t.requester(), diskId).orElseThrow().get("sizeGb"))
                .longValue() == 3);

        assertThat(detach(t.requester(), vmId, diskId).getStatusCode().value()).isEqualTo(200);
        assertThat(delete(t.requester(), diskId)).isEqualTo(204);
    }

    @Test
    void theDataDiskQuotaAndTheValuesAreCheckedBeforeAnythingIsMade() {
        TestTenant t = diskTenant(false);
        String pool = "pool-prod";
        int before = jdbc.sql("SELECT COUNT(*) FROM data_disk WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single();

        assertAnswer(askDisk(t.requester(), "太大", 21, pool), 409, null);
        assertAnswer(askDisk(t.requester(), "零", 0, pool), 400, null);
        assertAnswer(askDisk(t.requester(), "别处", 1, "pool-elsewhere"), 400, null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_disk WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).isEqualTo(before);

        String first = detachedDisk(t, "一号", 15, pool);
        String text = assertAnswer(askDisk(t.requester(), "二号", 6, pool), 409, null);
        assertThat(text).isNotBlank();

        // Growing a detached disk: at once within the quota, refused beyond it.
        ResponseEntity<Map<String, Object>> grown = post(t.requester(), "/disks/" + first + "/extend",
                Map.of("sizeGb", 18, "reason", "扩容"));
        assertThat(grown.getStatusCode().value()).as("answer %s", grown.getBody()).isEqualTo(202);
        assertThat(grown.getBody()).containsEntry("approvalNeeded", false);
        await().atMost(PATIENCE).until(() -> onPlatform(first).orElseThrow().sizeBytes() == 18 * GIB);
        await().atMost(PATIENCE).until(() -> ((Number) listed(t.requester(), first).orElseThrow().get("sizeGb"))
                .longValue() == 18);
        assertThat(platformSide(t.requester(), first)).containsEntry("known", true).containsEntry("sizeGb", 18)
                .containsEntry("vmId", null);
        assertAnswer(post(t.requester(), "/disks/" + first + "/extend", Map.of("sizeGb", 21, "reason", "太大")),
                409, null);
        assertThat(delete(t.requester(), first)).isEqualTo(204);
    }

    @Test
    void aDiskOfADeletedVmIsDetachedAndCanBeGrownAndDeleted() {
        TestTenant t = diskTenant(false);
        String vmId = stoppedVm(t);
        ResponseEntity<Map<String, Object>> asked = post(t.requester(), "/vms/" + vmId + "/disks",
                Map.of("name", "遗留", "sizeGb", 1, "reason", "随虚拟机"));
        assertThat(asked.getStatusCode().value()).as("answer %s", asked.getBody()).isEqualTo(202);
        String diskId = asked.getBody().get("diskId").toString();
        awaitState(t.requester(), diskId, "ACTIVE");
        assertThat(onPlatform(diskId).orElseThrow().vmId()).isEqualTo(vmId);

        assertThat(act(t.requester(), vmId, "delete", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());
        await().atMost(PATIENCE).until(() -> listed(t.requester(), diskId).map(d -> d.get("vmId") == null)
                .orElse(false));
        assertThat(onPlatform(diskId).orElseThrow().mounted()).isFalse();

        ResponseEntity<Map<String, Object>> grown = post(t.requester(), "/disks/" + diskId + "/extend",
                Map.of("sizeGb", 2, "reason", "扩容"));
        assertThat(grown.getStatusCode().value()).as("answer %s", grown.getBody()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> onPlatform(diskId).orElseThrow().sizeBytes() == 2 * GIB);
        assertThat(delete(t.requester(), diskId)).isEqualTo(204);
        assertThat(onPlatform(diskId)).isEmpty();
    }

    @Test
    void concurrentDisksNeverExceedTheQuota() throws Exception {
        TestTenant t = diskTenant(false);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "并发" + i;
                answers.add(pool.submit(() -> askDisk(t.requester(), name, 8, "pool-prod")));
            }
            List<String> made = new ArrayList<>();
            for (Future<ResponseEntity<Map<String, Object>>> answer : answers) {
                ResponseEntity<Map<String, Object>> a = answer.get(60, TimeUnit.SECONDS);
                assertThat(a.getStatusCode().value()).as("answer %s", a.getBody()).isIn(202, 409);
                if (a.getStatusCode().value() == 202) {
                    made.add(a.getBody().get("diskId").toString());
                }
            }
            // 20 GiB hold two disks of 8 GiB, never three.
            assertThat(made).hasSize(2);
            for (String diskId : made) {
                awaitState(t.requester(), diskId, "ACTIVE");
                assertThat(delete(t.requester(), diskId)).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void platformRefusalsCarryTheSpecsCodes() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String pool = poolOf(vmId);
        String other = "pool-prod".equals(pool) ? "pool-test" : "pool-prod";

        // Another pool than the VM's: refused before asking, as the platform would (2003, invalid: 400).
        String elsewhere = detachedDisk(t, "别处", 1, other);
        assertAnswer(attach(t.requester(), vmId, elsewhere), 400, "2003");
        assertThat(delete(t.requester(), elsewhere)).isEqualTo(204);

        // Gone from the platform behind the portal's back: 2055 (unknown: 404), then deleting it just records it.
        String lost = detachedDisk(t, "丢失", 1, pool);
        assertThat(platform.call(c -> c.deleteDataDisk(lost)).ok()).isTrue();
        assertThat(platformSide(t.requester(), lost)).containsEntry("known", false);
        assertThat(assertAnswer(attach(t.requester(), vmId, lost), 404, "2055")).contains("丢失");
        assertThat(delete(t.requester(), lost)).isEqualTo(204);
        assertThat(listed(t.requester(), lost)).isEmpty();

        // A paused VM takes no disk (2052), and the page's button says why.
        String disk = detachedDisk(t, "暂停", 1, pool);
        assertThat(act(t.requester(), vmId, "pause", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 4);
        assertAnswer(attach(t.requester(), vmId, disk), 409, "2052");
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/disks").body();
        assertThat(html).contains("id=\"why-attach\"").contains("data-code=\"2052\"").contains("tab-disks");
        assertThat(act(t.requester(), vmId, "resume", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);

        // The platform's own "exists" when creating (forced by a fault): the disk fails, the quota is free.
        simulator.simulator().faults().answer("createDataDisk", "2054", 1);
        ResponseEntity<Map<String, Object>> asked = askDisk(t.requester(), "重名", 1, pool);
        long requestId = ((Number) asked.getBody().get("requestId")).longValue();
        await().atMost(PATIENCE).until(() -> "FAILED".equals(request(t.requester(), requestId).get("state")));
        assertThat(request(t.requester(), requestId).get("failureCode")).isEqualTo("2054");
        assertThat(listed(t.requester(), asked.getBody().get("diskId").toString())).isEmpty();

        // A pool without room (2002): the disk fails and holds no quota.
        simulator.simulator().faults().exhaustCapacity(pool, true);
        try {
            ResponseEntity<Map<String, Object>> full = askDisk(t.requester(), "满了", 1, pool);
            long fullId = ((Number) full.getBody().get("requestId")).longValue();
            await().atMost(PATIENCE).until(() -> "FAILED".equals(request(t.requester(), fullId).get("state")));
            assertThat(request(t.requester(), fullId).get("failureCode")).isEqualTo("2002");
        } finally {
            simulator.simulator().faults().exhaustCapacity(pool, false);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_disk WHERE tenant_id = :t AND lifecycle IN ('PENDING', "
                + "'ACTIVE')").param("t", t.id()).query(Integer.class).single()).isEqualTo(1);

        // A disk mounted by someone else behind the portal's back: the platform says 2054.
        assertThat(platform.call(c -> c.mountDataDisk(vmId, disk)).ok()).isTrue();
        assertThat(assertAnswer(attach(t.requester(), vmId, disk), 409, "2054")).contains("暂停");
        assertThat(platform.call(c -> c.umountDataDisk(vmId, disk)).ok()).isTrue();
        assertThat(delete(t.requester(), disk)).isEqualTo(204);
    }

    @Test
    void othersDisksAreNotFoundAndLookersMayNotChangeThem() {
        TestTenant t = diskTenant(false);
        TestTenant stranger = diskTenant(false);
        String vmId = runningVm(t);
        String pool = poolOf(vmId);
        String disk = detachedDisk(t, "私有", 1, pool);

        assertThat(listed(stranger.requester(), disk)).isEmpty();
        assertThat(status(stranger.requester(), "/vms/" + vmId + "/disks")).isEqualTo(404);
        assertThat(delete(stranger.requester(), disk)).isEqualTo(404);
        String strangerVm = runningVm(stranger);
        assertAnswer(attach(stranger.requester(), strangerVm, disk), 404, null);
        assertAnswer(attach(stranger.requester(), vmId, disk), 404, null);

        // The approver sees the whole tenant but only looks.
        assertThat(listed(t.approver(), disk)).isPresent();
        assertThat(delete(t.approver(), disk)).isEqualTo(403);
        assertAnswer(attach(t.approver(), vmId, disk), 403, null);

        // Another user of the tenant sees neither the disk nor the VM.
        String colleague = t.code() + "-colleague";
        users.create(colleague, PASSWORD, "同事 " + t.code(), t.id(), Set.of(Role.USER));
        assertThat(listed(colleague, disk)).isEmpty();
        assertThat(delete(colleague, disk)).isEqualTo(404);

        // Above the owner's clearance the disk disappears for them.
        jdbc.sql("UPDATE data_disk SET classification = 2 WHERE disk_id = :d").param("d", disk).update();
        assertThat(listed(t.requester(), disk)).isEmpty();
        assertThat(delete(t.requester(), disk)).isEqualTo(404);
        assertAnswer(attach(t.requester(), vmId, disk), 404, null);
        jdbc.sql("UPDATE data_disk SET classification = 0 WHERE disk_id = :d").param("d", disk).update();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :d AND result = 'DENIED'")
                .param("d", disk).query(Integer.class).single()).isGreaterThanOrEqualTo(5);

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/disks").body();
        assertThat(html).contains("私有").contains("Free data-disk storage on the platform:");
        assertThat(page.get("/vms").body()).contains("id=\"nav-disks\"");
        assertThat(delete(t.requester(), disk)).isEqualTo(204);
        assertThat(List.of(disk)).noneMatch(d -> onPlatform(d).isPresent());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> platformSide(String user, String diskId) {
        return (Map<String, Object>) listed(user, diskId).orElseThrow().get("platform");
    }
}

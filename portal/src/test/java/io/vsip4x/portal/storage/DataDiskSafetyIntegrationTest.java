package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * What keeps data disks safe, against the simulator over HTTP: a disk never carries data to a
 * lower classification (it takes the level of a VM above it, and a VM below it cannot have it), two
 * extends of one disk never over-grow it, and a platform's refusal of an attach changes nothing.
 */
class DataDiskSafetyIntegrationTest extends DataDiskTestSupport {

    @Autowired
    ClearanceSettings clearances;

    @Test
    void aDiskTakesTheLevelOfTheVmItIsAttachedToAndNeverGoesToAVmBelowIt() {
        TestTenant t = diskTenant(false);
        clearances.setCeiling(t.id(), 2);
        clearances.setClearance(t.requester(), 2);
        List<String> vmIds = runningVms(t, 2);
        String high = vmIds.get(0);
        String low = vmIds.get(1);
        String pool = poolOf(high);
        assertThat(platform.call(c -> c.setVmAttributes(List.of(high), "vm.classification", 2)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(2).equals(vm(t.requester(), high).get("classification")));

        // A disk made for the VM above carries its level.
        ResponseEntity<Map<String, Object>> asked = post(t.requester(), "/vms/" + high + "/disks",
                Map.of("name", "机密盘", "sizeGb", 1, "reason", "数据盘测试"));
        assertThat(asked.getStatusCode().value()).as("answer %s", asked.getBody()).isEqualTo(202);
        String made = asked.getBody().get("diskId").toString();
        awaitState(t.requester(), made, "ACTIVE");
        assertThat(levelOf(made)).isEqualTo(2);

        // A detached disk of level 0 attached to the VM above takes its level and keeps it detached.
        String disk = detachedDisk(t, "搬运", 1, pool);
        assertThat(levelOf(disk)).isZero();
        assertThat(attach(t.requester(), high, disk).getStatusCode().value()).isEqualTo(200);
        assertThat(levelOf(disk)).isEqualTo(2);
        assertThat(detach(t.requester(), high, disk).getStatusCode().value()).isEqualTo(200);
        assertThat(levelOf(disk)).isEqualTo(2);

        // The VM below is refused it, with the reason, and its page does not offer it.
        String text = assertAnswer(attach(t.requester(), low, disk), 409, null);
        assertThat(text).contains("搬运").contains("level 2");
        assertThat(onPlatform(disk)).hasValueSatisfying(d -> assertThat(d.mounted()).isFalse());
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String other = detachedDisk(t, "普通", 1, pool);
        String html = page.get("/vms/" + low + "/disks").body();
        assertThat(html).contains(other).doesNotContain(disk);
        assertThat(page.get("/vms/" + high + "/disks").body()).contains(disk);

        assertThat(delete(t.requester(), disk)).isEqualTo(204);
        assertThat(delete(t.requester(), other)).isEqualTo(204);
    }

    @Test
    void twoQuickExtendsOfOneDiskGrowItOnce() throws Exception {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String disk = detachedDisk(t, "扩容", 1, poolOf(vmId));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ResponseEntity<Map<String, Object>>> first = pool.submit(() -> extend(t.requester(), disk, 3));
            Future<ResponseEntity<Map<String, Object>>> second = pool.submit(() -> extend(t.requester(), disk, 3));
            List<Integer> statuses = List.of(first.get().getStatusCode().value(),
                    second.get().getStatusCode().value());
            assertThat(statuses).as("answers %s, %s", first.get().getBody(), second.get().getBody())
                    .containsExactlyInAnyOrder(202, 409);
            ResponseEntity<Map<String, Object>> refused = statuses.get(0) == 409 ? first.get() : second.get();
            assertThat(assertAnswer(refused, 409, "2052")).contains("扩容");
        } finally {
            pool.shutdownNow();
        }
        await().atMost(PATIENCE).until(() -> listed(t.requester(), disk)
                .map(d -> Long.valueOf(3).equals(((Number) d.get("sizeGb")).longValue())).orElse(false));
        await().atMost(PATIENCE).until(() -> onPlatform(disk).map(d -> d.sizeBytes() == 3 * GIB).orElse(false));

        // Done: it may grow again, by what is asked over its new size.
        assertThat(extend(t.requester(), disk, 4).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> onPlatform(disk).map(d -> d.sizeBytes() == 4 * GIB).orElse(false));
        assertThat(onPlatform(disk).orElseThrow().sizeBytes()).isEqualTo(4 * GIB);
        assertThat(delete(t.requester(), disk)).isEqualTo(204);
    }

    @Test
    void aRefusedAttachChangesNothingAndCodesHaveTheirStatus() {
        TestTenant t = diskTenant(false);
        clearances.setCeiling(t.id(), 2);
        clearances.setClearance(t.requester(), 2);
        String vmId = runningVm(t);
        String pool = poolOf(vmId);
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(2).equals(vm(t.requester(), vmId).get("classification")));
        String disk = detachedDisk(t, "拒绝", 1, pool);

        simulator.simulator().faults().answer("mountDataDisk", "2052", 1);
        assertAnswer(attach(t.requester(), vmId, disk), 409, "2052");
        assertThat(listed(t.requester(), disk)).hasValueSatisfying(d -> assertThat(d.get("vmId")).isNull());
        assertThat(levelOf(disk)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_disk WHERE disk_id = :d AND vm_id IS NULL")
                .param("d", disk).query(Integer.class).single()).isEqualTo(1);

        // Invalid values (2003) are the person's mistake: 400; an unknown thing: 404.
        simulator.simulator().faults().answer("mountDataDisk", "2003", 1);
        assertAnswer(attach(t.requester(), vmId, disk), 400, "2003");
        simulator.simulator().faults().answer("umountDataDisk", "2055", 1);
        assertThat(attach(t.requester(), vmId, disk).getStatusCode().value()).isEqualTo(200);
        assertAnswer(detach(t.requester(), vmId, disk), 404, "2055");
        assertThat(detach(t.requester(), vmId, disk).getStatusCode().value()).isEqualTo(200);
        assertThat(delete(t.requester(), disk)).isEqualTo(204);
    }

    private ResponseEntity<Map<String, Object>> extend(String user, String diskId, long sizeGb) {
        return post(user, "/disks/" + diskId + "/extend", Map.of("sizeGb", sizeGb, "reason", "扩容测试"));
    }

    private int levelOf(String diskId) {
        return jdbc.sql("SELECT classification FROM data_disk WHERE disk_id = :d").param("d", diskId)
                .query(Integer.class).single();
    }
}

package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.platform.PlatformProperties;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.sdk.model.SnapshotInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

/**
 * Operations that are not safe to send twice, whose answer the platform never gave in time (the
 * simulator runs them just after the adapter's read time-out): each is carried out once, never
 * sent again, and finished by its callback or, for an extension, by the disk's size.
 */
class AnswerLostIntegrationTest extends DataDiskTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private PlatformProperties properties;
    @Autowired
    private MessageSource messages;
    @Autowired
    private QuotaService quotas;

    @AfterEach
    void clearFaults() {
        simulator.simulator().faults().clearMethod("backupVm");
        simulator.simulator().faults().clearMethod("createSnap");
        simulator.simulator().faults().clearMethod("deleteSnap");
        simulator.simulator().faults().clearMethod("extendDataDisk");
        simulator.simulator().faults().clearMethod("createDataDisk");
        simulator.simulator().faults().clearMethod("mountDataDisk");
    }

    @Test
    void aBackupWhoseAnswerWasLostIsMadeOnce() {
        TestTenant t = diskTenant(false);
        String vmId = stoppedVm(t);
        simulator.simulator().faults().slow("backupVm", justAfterTheReadTimeout(), 1);

        long id = operationOf(post(t.requester(), "/vms/" + vmId + "/backups", Map.of("description", "夜间")));

        assertThat(awaitFinished(id)).containsEntry("state", "DONE").containsEntry("attempts", 1);
        assertThat(callbacks(vmId, "backupVm")).as("one backup reported by the platform").isEqualTo(1);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups")).hasSize(1);
        assertThat(quotas.report(t.id()).used().backups()).isEqualTo(1);
    }

    @Test
    void aSnapshotWhoseAnswerWasLostIsTakenOnceAndDeletedOnce() {
        TestTenant t = diskTenant(false);
        String vmId = stoppedVm(t);
        simulator.simulator().faults().slow("createSnap", justAfterTheReadTimeout(), 1);

        long taking = operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null));

        assertThat(awaitFinished(taking)).containsEntry("state", "DONE").containsEntry("attempts", 1);
        assertThat(snapsOf(vmId)).as("one snapshot on the platform").hasSize(1);
        List<Map<String, Object>> listed = getList(t.requester(), "/vms/" + vmId + "/snapshots");
        assertThat(listed).hasSize(1);

        String snapId = listed.get(0).get("snapId").toString();
        simulator.simulator().faults().slow("deleteSnap", justAfterTheReadTimeout(), 1);
        long deleting = operationOf(api(t.requester()).delete().uri("/vms/" + vmId + "/snapshots/" + snapId)
                .retrieve().toEntity(JSON));

        assertThat(awaitFinished(deleting)).as("deleted, not reported failed by a second send")
                .containsEntry("state", "DONE").containsEntry("attempts", 1);
        assertThat(snapsOf(vmId)).isEmpty();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/snapshots")).isEmpty();
    }

    @Test
    void anExtensionWhoseAnswerWasLostGrowsTheDiskOnceAndIsFinishedByItsSize() {
        TestTenant t = diskTenant(false);
        String diskId = detachedDisk(t, "慢扩容", 2, "pool-prod");
        simulator.simulator().faults().slow("extendDataDisk", justAfterTheReadTimeout(), 1);

        extend(t, diskId, 4);

        long id = extensionOf(diskId);
        assertThat(awaitFinished(id)).containsEntry("state", "DONE").containsEntry("attempts", 1)
                .containsEntry("result_info", "confirmed by the disk's size");
        assertThat(onPlatform(diskId).orElseThrow().sizeBytes()).as("grown once, to 4 GiB").isEqualTo(4 * GIB);
        await().atMost(PATIENCE).until(() -> ((Number) listed(t.requester(), diskId).orElseThrow().get("sizeGb"))
                .longValue() == 4);
    }

    @Test
    void anExtensionThePlatformNeverCarriedOutFailsWithAReasonAndIsNotSentAgain() {
        TestTenant t = diskTenant(false);
        String diskId = detachedDisk(t, "无应答", 2, "pool-prod");
        simulator.simulator().faults().silent("extendDataDisk", justAfterTheReadTimeout(), 1);

        extend(t, diskId, 4);

        long id = extensionOf(diskId);
        assertThat(awaitFinished(id)).containsEntry("state", "FAILED").containsEntry("attempts", 1)
                .containsEntry("result_info", "pipeline.operation.extensionNotSeen");
        assertThat(onPlatform(diskId).orElseThrow().sizeBytes()).isEqualTo(2 * GIB);
        assertThat(((Number) listed(t.requester(), diskId).orElseThrow().get("sizeGb")).longValue()).isEqualTo(2);
        assertThat(messages.getMessage("pipeline.operation.extensionNotSeen", null, Locale.ENGLISH))
                .contains("not extended");
    }

    @Test
    void aDiskWhoseMountAnswerWasLostIsSentAgainAndFoundMountedNotDeleted() {
        TestTenant t = diskTenant(false);
        String vmId = stoppedVm(t);
        simulator.simulator().faults().slow("mountDataDisk", properties.readTimeout().plusMillis(300), 1);

        ResponseEntity<Map<String, Object>> asked = post(t.requester(), "/vms/" + vmId + "/disks",
                Map.of("name", "挂载", "sizeGb", 1, "reason", "应答丢失"));
        assertThat(asked.getStatusCode().value()).as("answer %s", asked.getBody()).isEqualTo(202);
        String diskId = asked.getBody().get("diskId").toString();
        // The retry's createDataDisk (2054: made by the first attempt) answers after the lost mount ran.
        await().atMost(PATIENCE).until(() -> onPlatform(diskId).isPresent());
        simulator.simulator().faults().slow("createDataDisk", Duration.ofSeconds(3), 1);

        long id = jdbc.sql("SELECT id FROM operation WHERE kind = 'CREATE_DATA_DISK' AND payload LIKE :disk")
                .param("disk", "%" + diskId + "%").query(Long.class).single();
        Map<String, Object> finished = awaitFinished(id);
        assertThat(finished).containsEntry("state", "DONE").containsEntry("result_info",
                "accepted by an earlier attempt");
        assertThat((Integer) finished.get("attempts")).isGreaterThan(1);
        assertThat(onPlatform(diskId).orElseThrow().vmId()).as("kept and mounted, not deleted").isEqualTo(vmId);
        awaitState(t.requester(), diskId, "ACTIVE");
    }

    private List<SnapshotInfo> snapsOf(String vmId) {
        return platform.call(c -> c.getVmSnaps(vmId));
    }

    private Duration justAfterTheReadTimeout() {
        return properties.readTimeout().plusMillis(1500);
    }

    private void extend(TestTenant t, String diskId, long sizeGb) {
        ResponseEntity<Map<String, Object>> answer = post(t.requester(), "/disks/" + diskId + "/extend",
                Map.of("sizeGb", sizeGb, "reason", "扩容"));
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(202);
    }

    private long extensionOf(String diskId) {
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM operation WHERE kind = 'EXTEND_DATA_DISK' AND payload LIKE :disk""")
                .param("disk", "%" + diskId + "%").query(Integer.class).single() == 1);
        return jdbc.sql("SELECT id FROM operation WHERE kind = 'EXTEND_DATA_DISK' AND payload LIKE :disk")
                .param("disk", "%" + diskId + "%").query(Long.class).single();
    }

    private static long operationOf(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(202);
        return ((Number) answer.getBody().get("operationId")).longValue();
    }

    /** Waits until operation {@code id} has finished; returns its state, attempts and result info. */
    private Map<String, Object> awaitFinished(long id) {
        await().atMost(WAIT).until(() -> List.of("DONE", "FAILED").contains(jdbc.sql(
                "SELECT state FROM operation WHERE id = :id").param("id", id).query(String.class).single()));
        Map<String, Object> row = jdbc.sql("SELECT state, attempts, result_info FROM operation WHERE id = :id")
                .param("id", id).query().singleRow();
        Map<String, Object> finished = new HashMap<>(row);
        finished.put("attempts", ((Number) row.get("attempts")).intValue());
        return finished;
    }

    /** How many distinct successful events of {@code operation} the platform sent for the VM. */
    private int callbacks(String vmId, String operation) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM callback_event
                 WHERE vm_id = :vm AND operation = :op AND result_code = '2015'""")
                .param("vm", vmId).param("op", operation).query(Integer.class).single();
    }
}

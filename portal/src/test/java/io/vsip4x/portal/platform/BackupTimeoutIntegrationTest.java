package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Backups and restores whose callbacks are late or never name the backup: the portal waits on
 * while the VM shows the backup or restore running, applies a callback that comes after the
 * operation timed out (the backup is listed, counted and restorable; a restore into another pool
 * moves the VM there), and fails a backup the platform reports made without naming it.
 */
class BackupTimeoutIntegrationTest extends VmOperationsTestSupport {

    @Autowired
    OperationTimeouts timeouts;
    @Autowired
    QuotaService quotas;

    @AfterEach
    void deliverCallbacksAgain() {
        simulator.simulator().pauseCallbacks(false);
        simulator.simulator().setMethodDelay("backupVm", null);
    }

    @Test
    void aBackupStillRunningIsWaitedForAndItsLateCallbackStillRecordsIt() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 0, 5));
        String vmId = stoppedVm(t);
        simulator.simulator().setMethodDelay("backupVm", Duration.ofSeconds(6));
        simulator.simulator().pauseCallbacks(true);

        long backing = accepted(post(t.requester(), "/vms/" + vmId + "/backups", Map.of("description", "夜间")));
        await().atMost(PATIENCE).until(() -> "SENT".equals(state(backing)) && busy(vmId));
        timeouts.timeOutOlderThan(Duration.ZERO);
        // The platform still shows the VM backing up (status 8): the operation waits on.
        assertThat(state(backing)).isEqualTo("SENT");
        assertThat(jdbc.sql("SELECT status FROM vm WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single()).isEqualTo(8);

        await().atMost(PATIENCE).until(() -> !busy(vmId));
        timeouts.timeOutOlderThan(Duration.ZERO);
        assertThat(state(backing)).isEqualTo("FAILED");
        assertThat(backups(t, vmId)).extracting(b -> b.get("state")).containsExactly("FAILED");
        assertThat(quotas.report(t.id()).used().backups()).isZero();

        // The callback comes after all: the backup is the platform's, so the portal lists it.
        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> "ACTIVE".equals(backups(t, vmId).get(0).get("state")));
        Map<String, Object> backup = backups(t, vmId).get(0);
        assertThat(backups(t, vmId)).hasSize(1);
        assertThat(backup).containsEntry("description", "夜间").containsEntry("createdBy", t.requester());
        assertThat(quotas.report(t.id()).used().backups()).isEqualTo(1);
        long restoring = accepted(post(t.requester(),
                "/vms/" + vmId + "/backups/" + backup.get("backupId") + "/restore", null));
        await().atMost(PATIENCE).until(() -> "DONE".equals(state(restoring)));
    }

    @Test
    void aRestoreIntoAnotherPoolWhoseCallbackComesLateStillMovesTheVm() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 0, 5));
        String vmId = stoppedVm(t);
        long backing = accepted(post(t.requester(), "/vms/" + vmId + "/backups", null));
        await().atMost(PATIENCE).until(() -> "DONE".equals(state(backing)));
        String backupId = backups(t, vmId).get(0).get("backupId").toString();
        String from = repoOf(vmId);
        String to = "pool-prod".equals(from) ? "pool-test" : "pool-prod";
        simulator.simulator().pauseCallbacks(true);

        long restoring = accepted(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore",
                Map.of("repoId", to)));
        await().atMost(PATIENCE).until(() -> "SENT".equals(state(restoring)) && !busy(vmId));
        assertThat(simulator.simulator().vm(vmId).orElseThrow().poolId()).isEqualTo(to);
        timeouts.timeOutOlderThan(Duration.ZERO);
        assertThat(state(restoring)).isEqualTo("FAILED");
        assertThat(repoOf(vmId)).isEqualTo(from);

        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> to.equals(repoOf(vmId)));
    }

    @Test
    void aBackupThePlatformReportsMadeWithoutNamingItIsFailedAndNoLongerCounts() throws Exception {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 0, 5));
        String vmId = stoppedVm(t);
        simulator.simulator().pauseCallbacks(true);
        long backing = accepted(post(t.requester(), "/vms/" + vmId + "/backups", null));
        await().atMost(PATIENCE).until(() -> "SENT".equals(state(backing)) && !busy(vmId));
        assertThat(quotas.report(t.id()).reserved().backups()).isEqualTo(1);

        // A success event without detail: the platform made a backup but does not say which.
        assertThat(new CallbackPoster(port).signed(CallbackPoster.event("evt-" + UUID.randomUUID(), vmId,
                "backupVm", "2015", "0", 1_000_000))).isEqualTo(204);
        await().atMost(PATIENCE).until(() -> "DONE".equals(state(backing)));
        assertThat(backups(t, vmId)).singleElement().satisfies(b -> assertThat(b)
                .containsEntry("state", "FAILED").containsEntry("resultCode", "UNNAMED"));
        assertThat(quotas.report(t.id()).reserved().backups()).isZero();
        assertThat(quotas.report(t.id()).used().backups()).isZero();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        assertThat(page.get("/vms/" + vmId + "/backups").body())
                .contains("The platform reported the backup made but did not name it");
    }

    @Test
    void theBackupsPageShowsAnOperationUnderWayAsSuchAndOneNeverAnsweredAsOfUnknownOutcome() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 0, 5));
        String vmId = stoppedVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        simulator.simulator().pauseCallbacks(true);
        long backing = accepted(post(t.requester(), "/vms/" + vmId + "/backups", null));
        await().atMost(PATIENCE).until(() -> "SENT".equals(state(backing)));
        String open = recentRow(page.get("/vms/" + vmId + "/backups").body(), backing);
        assertThat(open).contains("in progress").doesNotContain("result code").doesNotContain(">0<");

        await().atMost(PATIENCE).until(() -> !busy(vmId));
        timeouts.timeOutOlderThan(Duration.ZERO);
        assertThat(state(backing)).isEqualTo("FAILED");
        String timedOut = recentRow(page.get("/vms/" + vmId + "/backups").body(), backing);
        assertThat(timedOut).contains("no answer from the platform; outcome unknown").contains("No answer")
                .doesNotContain(">Failed<").doesNotContain("in progress");
        PageClient chinese = new PageClient(port, "zh-CN");
        chinese.signIn(t.requester(), PASSWORD);
        assertThat(recentRow(chinese.get("/vms/" + vmId + "/backups").body(), backing))
                .contains("平台未答复，结果未知");
    }

    /** The storage page's recent-operations row of operation {@code id}. */
    private static String recentRow(String html, long id) {
        int at = html.indexOf("id=\"op-" + id + "\"");
        assertThat(at).as("operation %s on the page", id).isNotNegative();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    private List<Map<String, Object>> backups(TestTenant t, String vmId) {
        return getList(t.requester(), "/vms/" + vmId + "/backups");
    }

    private boolean busy(String vmId) {
        return simulator.simulator().vm(vmId).orElseThrow().busy();
    }

    private String repoOf(String vmId) {
        return jdbc.sql("SELECT repo_id FROM vm WHERE vm_id = :id").param("id", vmId).query(String.class).single();
    }

    private String state(long id) {
        return jdbc.sql("SELECT state FROM operation WHERE id = :id").param("id", id).query(String.class).single();
    }

    private static long accepted(org.springframework.http.ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(202);
        return ((Number) answer.getBody().get("operationId")).longValue();
    }
}

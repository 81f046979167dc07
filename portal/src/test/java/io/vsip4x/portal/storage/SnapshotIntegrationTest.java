package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.sdk.model.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Snapshots through the simulator over HTTP: taking, restoring and deleting one, each code the
 * platform or the portal answers, the per-VM limit and the tenant's quota (also under concurrent
 * requests), and who may see and act.
 */
class SnapshotIntegrationTest extends SnapshotTestSupport {

    @Autowired
    ClearanceSettings clearances;
    @Autowired
    QuotaService quotas;

    @Test
    void takesRestoresAndDeletesASnapshotOnThePlatform() {
        TestTenant t = tenantWith(5, 0);
        String vmId = stoppedVm(t);

        long taking = operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null));
        assertThat(awaitFinished(taking)).containsExactly("DONE", "9003");
        List<SnapshotInfo> onPlatform = snapsOf(vmId);
        assertThat(onPlatform).hasSize(1);
        String snapId = onPlatform.get(0).snapId();
        List<Map<String, Object>> listed = getList(t.requester(), "/vms/" + vmId + "/snapshots");
        assertThat(listed).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("snapId", snapId).containsEntry("state", "ACTIVE")
                    .containsEntry("takenBy", t.requester());
            assertThat(s.get("takenAt")).isNotNull();
        });
        assertThat(quotas.report(t.id()).used().snapshots()).isEqualTo(1);

        long restoring = operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots/" + snapId + "/restore", null));
        assertThat(awaitFinished(restoring)).containsExactly("DONE", "9003");
        awaitSettled(t.requester(), vmId, 0);

        long deleting = operationOf(delete(t.requester(), "/vms/" + vmId + "/snapshots/" + snapId));
        assertThat(awaitFinished(deleting)).containsExactly("DONE", "9003");
        assertThat(snapsOf(vmId)).isEmpty();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/snapshots")).isEmpty();
        assertThat(auditedActions(vmId)).contains("SNAPSHOT_CREATE", "SNAPSHOT_RESTORE", "SNAPSHOT_DELETE");
    }

    @Test
    void refusesWhatTheVmsStateForbidsWithTheSpecsCodes() {
        TestTenant t = tenantWith(5, 0);
        String vmId = runningVm(t);
        long taking = operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null));
        awaitFinished(taking);
        String snapId = snapsOf(vmId).get(0).snapId();

        // A disk snapshot is not reverted under a running guest.
        String text = assertRefused(post(t.requester(), "/vms/" + vmId + "/snapshots/" + snapId + "/restore", null),
                "2049");
        assertThat(text).contains("stopped");
        assertThat(post(t.requester(), "/vms/" + vmId + "/snapshots/snap-unknown/restore", null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(delete(t.requester(), "/vms/" + vmId + "/snapshots/snap-unknown").getStatusCode().value())
                .isEqualTo(404);

        // While an operation is under way (its callback held back), nothing else is taken.
        simulator.simulator().pauseCallbacks(true);
        long second = operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null));
        assertRefused(post(t.requester(), "/vms/" + vmId + "/snapshots", null), "2052");
        assertRefused(delete(t.requester(), "/vms/" + vmId + "/snapshots/" + snapId), "2052");
        simulator.simulator().pauseCallbacks(false);
        awaitFinished(second);

        assertThat(act(t.requester(), vmId, "pause", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 4);
        assertThat(assertRefused(post(t.requester(), "/vms/" + vmId + "/snapshots", null), "2052"))
                .contains("stopped or running");
        assertThat(auditedActions(vmId)).contains("SNAPSHOT_CREATE", "SNAPSHOT_RESTORE");
    }

    @Test
    void aSnapshotThePlatformFailsToTakeIsReportedWith9004AndFreesItsQuota() {
        TestTenant t = tenantWith(1, 0);
        String vmId = stoppedVm(t);
        simulator.simulator().setOperationFailing("createSnap", true);
        try {
            long taking = operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null));
            assertThat(awaitFinished(taking)).containsExactly("FAILED", "9004");
        } finally {
            simulator.simulator().setOperationFailing("createSnap", false);
        }
        assertThat(getList(t.requester(), "/vms/" + vmId + "/snapshots")).isEmpty();
        long again = operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null));
        assertThat(awaitFinished(again)).containsExactly("DONE", "9003");
    }

    @Test
    void theVmsLimitAndTheTenantsQuotaCountSnapshotsBeingTakenEvenWhenAskedAtOnce() throws Exception {
        TestTenant t = tenantWith(1, 0);
        List<String> vms = runningVms(t, 2);
        String first = vms.get(0);
        String second = vms.get(1);

        // Four at once on one VM: one is taken, the others find it under way (its callback held back).
        simulator.simulator().pauseCallbacks(true);
        List<Integer> answers = atOnce(List.of(first, first, first, first), t.requester());
        simulator.simulator().pauseCallbacks(false);
        assertThat(answers).containsOnly(202, 409).filteredOn(a -> a == 202).hasSize(1);
        await().atMost(PATIENCE).until(() -> getList(t.requester(), "/vms/" + first + "/snapshots").stream()
                .anyMatch(s -> "ACTIVE".equals(s.get("state"))));
        assertThat(quotas.report(t.id()).used().snapshots()).isEqualTo(1);

        ResponseEntity<Map<String, Object>> over = post(t.requester(), "/vms/" + second + "/snapshots", null);
        assertThat(over.getStatusCode().value()).isEqualTo(409);
        assertThat(over.getBody().get("excesses").toString()).contains("snapshots");

        jdbc.sql("INSERT INTO tenant_vm_settings (tenant_id, snapshots_per_vm) VALUES (:t, 1)").param("t", t.id())
                .update();
        ResponseEntity<Map<String, Object>> limit = post(t.requester(), "/vms/" + first + "/snapshots", null);
        assertThat(limit.getStatusCode().value()).isEqualTo(409);
        assertThat(limit.getBody().get("detail").toString()).contains("already holds 1 snapshots");

        // Freed, the one snapshot left is raced for by both VMs: the tenant's lock lets one through.
        String snapId = snapsOf(first).get(0).snapId();
        awaitFinished(operationOf(delete(t.requester(), "/vms/" + first + "/snapshots/" + snapId)));
        assertThat(quotas.report(t.id()).used().snapshots()).isZero();
        simulator.simulator().pauseCallbacks(true);
        List<Integer> raced = atOnce(List.of(first, second), t.requester());
        simulator.simulator().pauseCallbacks(false);
        assertThat(raced).containsExactlyInAnyOrder(202, 409);
        await().atMost(PATIENCE).until(() -> quotas.report(t.id()).used().snapshots() == 1);
        assertThat(snapsOf(first).size() + snapsOf(second).size())
                .isEqualTo(1);
    }

    /** Asks a snapshot of each VM named, all at once; the answers' statuses. */
    private List<Integer> atOnce(List<String> vmIds, String user) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(vmIds.size());
        try {
            List<Callable<Integer>> asks = new ArrayList<>();
            for (String vmId : vmIds) {
                asks.add(() -> post(user, "/vms/" + vmId + "/snapshots", null).getStatusCode().value());
            }
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(asks)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void otherTenantsSeeNothingAndOnlyLookersAreRefusedActions() {
        TestTenant t = tenantWith(5, 0);
        TestTenant other = tenantWith(5, 0);
        String vmId = stoppedVm(t);

        assertThat(status(other.requester(), "/vms/" + vmId + "/snapshots")).isEqualTo(404);
        assertThat(post(other.requester(), "/vms/" + vmId + "/snapshots", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post(t.approver(), "/vms/" + vmId + "/snapshots", null).getStatusCode().value()).isEqualTo(403);
        assertThat(operationCount(vmId)).isEqualTo(2);

        // Above the owner's clearance, the VM and its snapshots are gone for them.
        clearances.setCeiling(t.id(), 2);
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> status(t.requester(), "/vms/" + vmId) == 404);
        assertThat(status(t.requester(), "/vms/" + vmId + "/snapshots")).isEqualTo(404);
        assertThat(post(t.requester(), "/vms/" + vmId + "/snapshots", null).getStatusCode().value()).isEqualTo(404);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        assertThat(page.get("/vms/" + vmId + "/snapshots").statusCode()).isEqualTo(404);
        platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 0));
        assertThat(snapsOf(vmId)).isEmpty();
        assertThat(auditedActions(vmId)).contains("SNAPSHOT_VIEW", "SNAPSHOT_CREATE");
    }

    @Test
    void thePageListsSnapshotsAndItsRestoreConfirmationNamesWhatIsLost() {
        TestTenant t = tenantWith(5, 0);
        String vmId = stoppedVm(t);
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null)));
        String snapId = snapsOf(vmId).get(0).snapId();

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/snapshots").body();
        assertThat(html).contains("id=\"tab-snapshots\"").contains(snapId).contains(t.requester())
                .contains("Everything written to its disks since then is lost")
                .contains("1 of its 8 snapshots");
        String token = PageClient.csrfOf(html);
        assertThat(page.postForm("/vms/" + vmId + "/snapshots", "_csrf=" + PageClient.enc(token)).statusCode())
                .isEqualTo(200);
        await().atMost(PATIENCE).until(() -> snapsOf(vmId).size() == 2);

        // A running VM cannot be restored: the button says why.
        assertThat(act(t.requester(), vmId, "start", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);
        String running = page.get("/vms/" + vmId + "/snapshots").body();
        assertThat(running).contains("id=\"why-snapshot-restore\"").contains("data-code=\"2049\"");
    }
}

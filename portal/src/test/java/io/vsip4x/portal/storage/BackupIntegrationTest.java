package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Backups through the simulator over HTTP: the list kept from the callbacks, restoring where the
 * VM is and into another pool and host, deleting, the lock while a backup runs, each code the
 * platform or the portal answers, the quota, and who may see and act.
 */
class BackupIntegrationTest extends SnapshotTestSupport {

    @Autowired
    QuotaService quotas;
    @Autowired
    ClearanceSettings clearances;

    @Test
    void aVmAboveThePersonsClearanceIsHiddenAndItsRestoreTargetsKeepToItsLevel() {
        TestTenant t = tenantWith(0, 5);
        clearances.setCeiling(t.id(), 2);
        String vmId = stoppedVm(t);
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/backups", null)));
        String backupId = getList(t.requester(), "/vms/" + vmId + "/backups").get(0).get("backupId").toString();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups/targets")).isNotEmpty();

        // The platform raises the VM to level 2: above its owner's clearance (0), it is not theirs to see.
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> status(t.requester(), "/vms/" + vmId) == 404);
        assertThat(status(t.requester(), "/vms/" + vmId + "/backups")).isEqualTo(404);
        assertThat(status(t.requester(), "/vms/" + vmId + "/backups/targets")).isEqualTo(404);
        assertThat(post(t.requester(), "/vms/" + vmId + "/backups", null).getStatusCode().value()).isEqualTo(404);
        assertThat(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore", null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(auditedActions(vmId)).contains("BACKUP_VIEW", "BACKUP_CREATE", "BACKUP_RESTORE");

        // Cleared to 2, the owner sees it, but every pool (level 0) is below the VM's level: none is a target.
        clearances.setClearance(t.requester(), 2);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups/targets")).isEmpty();
        assertThat(assertRefused(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore",
                Map.of("repoId", "pool-test")), "4020")).contains("below");
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/backups").body();
        assertThat(html).contains(backupId).doesNotContain("value=\"pool-test").doesNotContain("value=\"pool-prod");
        // Restoring where it is stays possible.
        assertThat(awaitFinished(operationOf(post(t.requester(),
                "/vms/" + vmId + "/backups/" + backupId + "/restore", null)))).containsExactly("DONE", "2016");
    }

    @Test
    void aBackupIsListedFromItsCallbackRestoredHereAndElsewhereAndDeleted() {
        TestTenant t = tenantWith(0, 5);
        String vmId = stoppedVm(t);

        long backing = operationOf(post(t.requester(), "/vms/" + vmId + "/backups",
                Map.of("description", "每日备份", "checksum", true)));
        assertThat(awaitFinished(backing)).containsExactly("DONE", "2015");
        Map<String, Object> backup = getList(t.requester(), "/vms/" + vmId + "/backups").get(0);
        assertThat(backup).containsEntry("state", "ACTIVE").containsEntry("description", "每日备份")
                .containsEntry("checksum", true).containsEntry("memorySnapshot", false)
                .containsEntry("createdBy", t.requester());
        assertThat(((Number) backup.get("sizeBytes")).longValue()).isPositive();
        assertThat(backup.get("name").toString()).startsWith(vmId);
        String backupId = backup.get("backupId").toString();
        assertThat(quotas.report(t.id()).used().backups()).isEqualTo(1);

        long here = operationOf(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore",
                Map.of("checksum", true)));
        assertThat(awaitFinished(here)).containsExactly("DONE", "2016");

        List<Map<String, Object>> targets = getList(t.requester(), "/vms/" + vmId + "/backups/targets");
        assertThat(targets).extracting(p -> p.get("repoId")).containsExactlyInAnyOrder("pool-prod", "pool-test");
        // The page's restore form names what is lost and offers the tenant's pools and their hosts.
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/backups").body();
        assertThat(html).contains("id=\"tab-backups\"").contains(backupId).contains("每日备份")
                .contains("Everything written to the VM since then is lost")
                .contains("value=\"pool-test/host-04\"").contains("value=\"pool-prod\"");
        int before = operationCount(vmId);
        assertThat(page.postForm("/vms/" + vmId + "/backups/" + backupId + "/restore",
                "target=" + PageClient.enc("pool-test/host-04") + "&_csrf=" + PageClient.enc(PageClient.csrfOf(html)))
                .statusCode()).isEqualTo(200);
        assertThat(operationCount(vmId)).isEqualTo(before + 1);
        long elsewhere = jdbc.sql("SELECT MAX(id) FROM operation WHERE vm_id = :id").param("id", vmId)
                .query(Long.class).single();
        assertThat(awaitFinished(elsewhere)).containsExactly("DONE", "2016");
        await().atMost(PATIENCE).until(() -> "host-04".equals(vm(t.requester(), vmId).get("hostId")));
        assertThat(simulator.simulator().vm(vmId).orElseThrow().poolId()).isEqualTo("pool-test");
        assertThat(jdbc.sql("SELECT repo_id FROM vm WHERE vm_id = :id").param("id", vmId).query(String.class)
                .single()).isEqualTo("pool-test");

        long deleting = operationOf(delete(t.requester(), "/vms/" + vmId + "/backups/" + backupId));
        assertThat(awaitFinished(deleting)).containsExactly("DONE", "9003");
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups")).isEmpty();
        assertThat(quotas.report(t.id()).used().backups()).isZero();
        assertThat(auditedActions(vmId)).contains("BACKUP_CREATE", "BACKUP_RESTORE", "BACKUP_DELETE");
    }

    @Test
    void whileABackupRunsTheVmTakesNothingElseAndThePageSaysWhy() {
        TestTenant t = tenantWith(5, 5);
        String vmId = runningVm(t);
        simulator.simulator().pauseCallbacks(true);
        long backing = operationOf(post(t.requester(), "/vms/" + vmId + "/backups", Map.of("memorySnapshot", true)));

        assertThat(assertRefused(act(t.requester(), vmId, "shutdown", null), "2052")).contains("being backed up");
        assertThat(assertRefused(post(t.requester(), "/vms/" + vmId + "/snapshots", null), "2052"))
                .contains("being backed up");
        assertRefused(post(t.requester(), "/vms/" + vmId + "/backups", null), "2052");
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/backups").body();
        assertThat(html).contains("id=\"why-backup-create\"").contains("being backed up")
                .contains("Being made");
        assertThat(page.get("/vms/" + vmId + "/snapshots").body()).contains("id=\"why-snapshot-create\"");

        simulator.simulator().pauseCallbacks(false);
        assertThat(awaitFinished(backing)).containsExactly("DONE", "2015");
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups").get(0))
                .containsEntry("memorySnapshot", true).containsEntry("state", "ACTIVE");
        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void refusesWithTheSpecsCodes() {
        TestTenant t = tenantWith(0, 5);
        String vmId = stoppedVm(t);

        assertRefused(post(t.requester(), "/vms/" + vmId + "/backups", Map.of("memorySnapshot", true)), "2050");
        ResponseEntity<Map<String, Object>> unknown = post(t.requester(),
                "/vms/" + vmId + "/backups/bk-unknown/restore", null);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "2057");
        assertThat(post(t.requester(), "/vms/" + vmId + "/backups", Map.of("description", "x".repeat(256)))
                .getStatusCode().value()).isEqualTo(400);

        long backing = operationOf(post(t.requester(), "/vms/" + vmId + "/backups", null));
        awaitFinished(backing);
        String backupId = getList(t.requester(), "/vms/" + vmId + "/backups").get(0).get("backupId").toString();
        assertThat(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore", Map.of("checksum", true))
                .getStatusCode().value()).isEqualTo(400);
        assertRefused(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore",
                Map.of("repoId", "pool-nowhere")), "4020");
        assertRefused(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore",
                Map.of("repoId", "pool-prod", "hostId", "host-03")), "2046");
        // A pool the platform has but the tenant may no longer use is no target.
        tenants.replaceGrants(t.id(), ResourceKind.POOL, Set.of("pool-prod"));
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups/targets")).extracting(p -> p.get("repoId"))
                .containsExactly("pool-prod");
        assertRefused(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore",
                Map.of("repoId", "pool-test", "hostId", "host-03")), "4020");

        // 2059: the platform fails the restore; the backup stays.
        simulator.simulator().setOperationFailing("restoreVm", true);
        try {
            long restoring = operationOf(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore",
                    null));
            assertThat(awaitFinished(restoring)).containsExactly("FAILED", "2059");
        } finally {
            simulator.simulator().setOperationFailing("restoreVm", false);
        }
        awaitSettled(t.requester(), vmId, 0);

        // 2058: the platform fails a backup; it is listed as failed and no longer counts.
        simulator.simulator().setOperationFailing("backupVm", true);
        try {
            long failing = operationOf(post(t.requester(), "/vms/" + vmId + "/backups", null));
            assertThat(awaitFinished(failing)).containsExactly("FAILED", "2058");
        } finally {
            simulator.simulator().setOperationFailing("backupVm", false);
        }
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups")).extracting(b -> b.get("state"))
                .containsExactly("FAILED", "ACTIVE");
        assertThat(quotas.report(t.id()).used().backups()).isEqualTo(1);

        // 2057 from the platform: a backup deleted there is gone from the list once the platform says so.
        assertThat(platform.call(c -> c.deleteBackup(vmId, backupId)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> !simulator.simulator().vm(vmId).orElseThrow().busy());
        long lost = operationOf(post(t.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore", null));
        assertThat(awaitFinished(lost)).containsExactly("FAILED", "2057");
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups")).extracting(b -> b.get("state"))
                .containsExactly("FAILED");

        // A running VM is not restored.
        assertThat(act(t.requester(), vmId, "start", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/backups", null)));
        String running = getList(t.requester(), "/vms/" + vmId + "/backups").get(0).get("backupId").toString();
        assertRefused(post(t.requester(), "/vms/" + vmId + "/backups/" + running + "/restore", null), "2049");
    }

    @Test
    void theTenantsBackupsQuotaCountsBackupsBeingMade() {
        TestTenant t = tenantWith(0, 1);
        String vmId = stoppedVm(t);
        simulator.simulator().pauseCallbacks(true);
        long backing = operationOf(post(t.requester(), "/vms/" + vmId + "/backups", null));
        assertThat(quotas.report(t.id()).reserved().backups()).isEqualTo(1);
        simulator.simulator().pauseCallbacks(false);
        awaitFinished(backing);
        ResponseEntity<Map<String, Object>> over = post(t.requester(), "/vms/" + vmId + "/backups", null);
        assertThat(over.getStatusCode().value()).isEqualTo(409);
        assertThat(over.getBody().get("excesses").toString()).contains("backups");
        assertThat(auditedActions(vmId)).contains("BACKUP_CREATE");
    }

    @Test
    void deletingTheVmFreesTheQuotaItsSnapshotsAndBackupsHeld() {
        TestTenant t = tenantWith(1, 1);
        String vmId = stoppedVm(t);
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null)));
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/backups", null)));
        assertThat(quotas.report(t.id()).used().snapshots()).isEqualTo(1);
        assertThat(quotas.report(t.id()).used().backups()).isEqualTo(1);

        // The platform drops a VM's snapshots and backups with it.
        assertThat(act(t.requester(), vmId, "delete", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty()
                && "DELETED".equals(jdbc.sql("SELECT lifecycle FROM vm WHERE vm_id = :id").param("id", vmId)
                .query(String.class).single()));
        assertThat(quotas.report(t.id()).used().snapshots()).isZero();
        assertThat(quotas.report(t.id()).used().backups()).isZero();
        assertThat(status(t.requester(), "/vms/" + vmId + "/backups")).isEqualTo(404);
    }

    @Test
    void otherTenantsAndLookersCannotTouchBackups() {
        TestTenant t = tenantWith(0, 5);
        TestTenant other = tenantWith(0, 5);
        String vmId = stoppedVm(t);
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/backups", null)));
        String backupId = getList(t.requester(), "/vms/" + vmId + "/backups").get(0).get("backupId").toString();

        assertThat(status(other.requester(), "/vms/" + vmId + "/backups")).isEqualTo(404);
        assertThat(post(other.requester(), "/vms/" + vmId + "/backups", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post(other.requester(), "/vms/" + vmId + "/backups/" + backupId + "/restore", null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(delete(other.requester(), "/vms/" + vmId + "/backups/" + backupId).getStatusCode().value())
                .isEqualTo(404);
        assertThat(delete(t.approver(), "/vms/" + vmId + "/backups/" + backupId).getStatusCode().value())
                .isEqualTo(403);
        assertThat(getList(t.approver(), "/vms/" + vmId + "/backups")).hasSize(1);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups")).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("state", "ACTIVE"));
    }
}

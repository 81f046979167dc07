package io.vsip4x.simulator;

import static io.vsip4x.simulator.OperationEvents.await;
import static io.vsip4x.simulator.OperationEvents.code;
import static io.vsip4x.simulator.OperationEvents.detail;
import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.BackupInfo;
import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.simulator.state.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * backupVm and deleteBackup over HTTP: queued, showing status 8 (12 online), locking the VM,
 * reporting the backup in the callback's detail and taking it from the pool's free storage.
 */
class BackupTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        // A delay long enough to see the VM backing up and locked.
        platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofMillis(300)));
        platform.createStopped("pool-test", "vm-b");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void backsUpAStoppedVmInStatus8AndReportsTheBackupInTheCallback() {
        long freeBefore = free();
        Instant before = Instant.now();

        assertThat(platform.client.backupVm(BackupVmSpec.of("vm-b", "before upgrade")).code()).isEqualTo("0");
        assertThat(status("vm-b")).isEqualTo(8);

        Map<String, Object> event = await(platform, "vm-b", "backupVm");
        assertThat(event).containsEntry("result", "2015").containsEntry("status", "0");
        BackupInfo backup = BackupInfo.from(detail(event));
        assertThat(backup.backupId()).startsWith("bk-");
        assertThat(backup.name()).startsWith("vm-b-");
        assertThat(backup.sizeBytes()).isEqualTo(40 * GIB);
        assertThat(backup.createdAt()).isBetween(before, Instant.now());
        assertThat(detail(event)).containsEntry("description", "before upgrade")
                .containsEntry("checksum", "true").containsEntry("memorySnapshot", "false");
        assertThat(status("vm-b")).isEqualTo(0);
        assertThat(free()).isEqualTo(freeBefore - 40 * GIB);
    }

    @Test
    void backsUpARunningVmOnlineWithItsMemoryInStatus12() {
        platform.client.startVm("vm-b");
        platform.awaitStatus("vm-b", 1);

        assertThat(platform.client.backupVm(new BackupVmSpec("vm-b", null, true, false)).code()).isEqualTo("0");
        assertThat(status("vm-b")).isEqualTo(12);

        Map<String, Object> event = await(platform, "vm-b", "backupVm");
        assertThat(event).containsEntry("result", "2015").containsEntry("status", "1");
        assertThat(BackupInfo.from(detail(event)).sizeBytes()).isEqualTo(44 * GIB);
        assertThat(detail(event)).containsEntry("memorySnapshot", "true").containsEntry("checksum", "false");
    }

    @Test
    void locksTheVmForEveryOtherOperationWhileItIsBackedUp() {
        platform.client.backupVm(BackupVmSpec.of("vm-b", null));

        assertThat(platform.client.startVm("vm-b").code()).isEqualTo("2052");
        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-b", 4, 8 * GIB)).code()).isEqualTo("2052");
        assertThat(platform.client.deleteVm("vm-b", false).code()).isEqualTo("2052");
        assertThat(platform.client.createSnap("vm-b").code()).isEqualTo("2052");
        assertThat(platform.client.backupVm(BackupVmSpec.of("vm-b", null)).code()).isEqualTo("2052");

        await(platform, "vm-b", "backupVm");
        assertThat(platform.client.startVm("vm-b").code()).isEqualTo("0");
    }

    @Test
    void aDelaySetWhileRunningKeepsTheVmBackingUpThatLong() {
        platform.simulator.setMethodDelay("backupVm", Duration.ofSeconds(2));
        Instant sent = Instant.now();
        platform.client.backupVm(BackupVmSpec.of("vm-b", null));

        await(platform, "vm-b", "backupVm");
        assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        platform.simulator.setMethodDelay("backupVm", null);
        sent = Instant.now();
        platform.client.backupVm(BackupVmSpec.of("vm-b", null));
        assertThat(status("vm-b")).isEqualTo(8);
        platform.awaitStatus("vm-b", 0);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void refusesAMemorySnapshotOfAStoppedVmWith2050() {
        assertThat(platform.client.backupVm(new BackupVmSpec("vm-b", null, true, true)).code()).isEqualTo("2050");
        assertThat(status("vm-b")).isZero();
    }

    @Test
    void refusesABackupOfAPausedVmWith2052() {
        platform.client.startVm("vm-b");
        platform.awaitStatus("vm-b", 1);
        platform.client.pauseVm("vm-b");
        platform.awaitStatus("vm-b", 4);

        assertThat(platform.client.backupVm(BackupVmSpec.of("vm-b", null)).code()).isEqualTo("2052");
    }

    @Test
    void refusesInvalidParametersWith2003AndChangesNothing() {
        assertThat(code(platform.client.call("backupVm", Map.of("description", "x")))).isEqualTo("2003");
        assertThat(code(platform.client.call("backupVm", Map.of("vmId", "vm-b", "isCreateMemSnapshot", "yes"))))
                .isEqualTo("2003");
        assertThat(code(platform.client.call("backupVm", Map.of("vmId", "vm-b", "chksum", "1"))))
                .isEqualTo("2003");
        assertThat(platform.client.backupVm(BackupVmSpec.of("vm-b", "x".repeat(256))).code()).isEqualTo("2003");
        assertThat(code(platform.client.call("deleteBackup", Map.of("vmId", "vm-b")))).isEqualTo("2003");
        assertThat(status("vm-b")).isZero();
        assertThat(platform.simulator.vm("vm-b")).get().extracting(Vm::busy).isEqualTo(false);
    }

    @Test
    void refusesAnUnknownVmWith2004() {
        assertThat(platform.client.backupVm(BackupVmSpec.of("vm-none", null)).code()).isEqualTo("2004");
        assertThat(platform.client.deleteBackup("vm-none", "bk-x").code()).isEqualTo("2004");
    }

    @Test
    void refusesABackupThePoolHasNoStorageForWith2058() {
        long free = free();
        platform.client.createDataDisk(new CreateDataDiskSpec("filler", free - 20 * GIB, "ops", null, "pool-test"));

        assertThat(platform.client.backupVm(BackupVmSpec.of("vm-b", null)).code()).isEqualTo("2058");
        assertThat(status("vm-b")).isZero();
    }

    @Test
    void aFailingBackupEndsIn2058UnlocksTheVmAndTakesNoStorage() {
        long freeBefore = free();
        platform.simulator.setOperationFailing("backupVm", true);

        platform.client.backupVm(BackupVmSpec.of("vm-b", null));

        Map<String, Object> event = await(platform, "vm-b", "backupVm");
        assertThat(event).containsEntry("result", "2058").containsEntry("status", "0");
        assertThat(detail(event)).isEmpty();
        assertThat(free()).isEqualTo(freeBefore);
        assertThat(platform.client.startVm("vm-b").code()).isEqualTo("0");
    }

    @Test
    void deletesABackupNamedAsSnapshotIdAndFreesItsStorage() {
        long freeBefore = free();
        String backupId = backup("vm-b");

        assertThat(platform.client.deleteBackup("vm-b", backupId).code()).isEqualTo("0");

        Map<String, Object> event = await(platform, "vm-b", "deleteBackup");
        assertThat(event).containsEntry("result", "9003");
        assertThat(detail(event)).containsEntry("backupId", backupId);
        assertThat(free()).isEqualTo(freeBefore);
        assertThat(platform.client.deleteBackup("vm-b", backupId).code()).isEqualTo("2057");
    }

    @Test
    void refusesAnUnknownBackupOrOneOfAnotherVmWith2057() {
        String backupId = backup("vm-b");
        platform.createStopped("pool-test", "vm-c");

        assertThat(platform.client.deleteBackup("vm-b", "bk-none").code()).isEqualTo("2057");
        assertThat(platform.client.deleteBackup("vm-c", backupId).code()).isEqualTo("2057");
    }

    @Test
    void aFailingDeletionEndsIn9004AndKeepsTheBackup() {
        long freeBefore = free();
        String backupId = backup("vm-b");
        platform.simulator.setOperationFailing("deleteBackup", true);

        platform.client.deleteBackup("vm-b", backupId);

        assertThat(await(platform, "vm-b", "deleteBackup")).containsEntry("result", "9004");
        assertThat(free()).isEqualTo(freeBefore - 40 * GIB);
    }

    @Test
    void aDeletedVmTakesItsBackupsAndTheirStorageWithIt() {
        long freeBefore = free();
        backup("vm-b");

        platform.client.deleteVm("vm-b", false);
        await(platform, "vm-b", "deleteVm");

        assertThat(free()).isEqualTo(freeBefore + 40 * GIB);
    }

    /** Backs VM {@code vmId} up and returns the backup's id from the completion event. */
    private String backup(String vmId) {
        int done = OperationEvents.of(platform, vmId, "backupVm").size();
        platform.client.backupVm(BackupVmSpec.of(vmId, null));
        return BackupInfo.from(detail(await(platform, vmId, "backupVm", done + 1))).backupId();
    }

    private int status(String vmId) {
        return platform.client.searchVmList(Map.of("vmId", vmId)).stream().map(VmSummary::status).findFirst()
                .orElseThrow();
    }

    private long free() {
        return platform.client.getRepositoryInfo("pool-test").orElseThrow().freeBytes();
    }
}

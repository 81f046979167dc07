package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.model.BackupInfo;
import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.RestoreVmSpec;
import io.vsip4x.sdk.model.SnapshotInfo;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's reading and writing of the snapshot and backup maps. */
class SnapshotBackupModelTest {

    @Test
    void readsTheSpecsUpperCaseSnapshotKeys() {
        SnapshotInfo snap = SnapshotInfo.from(Map.of("SNAPID", "s1", "CREATETIME", "2026-12-04 10:15:30",
                "VMID", "vm-1"));

        assertThat(snap.snapId()).isEqualTo("s1");
        assertThat(snap.vmId()).isEqualTo("vm-1");
        assertThat(snap.createdAt()).isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
    }

    @Test
    void readsCamelCaseSnapshotKeysAndOtherTimeFormsLeniently() {
        SnapshotInfo camel = SnapshotInfo.from(Map.of("snapId", "s2", "createTime", "1764843330000",
                "vmId", "vm-2"));

        assertThat(camel.snapId()).isEqualTo("s2");
        assertThat(camel.vmId()).isEqualTo("vm-2");
        assertThat(camel.createdAt()).isEqualTo(Instant.ofEpochMilli(1764843330000L));
        assertThat(SnapshotInfo.from(Map.of("CREATETIME", "2026-12-04T10:15:30+08:00")).createdAt())
                .isEqualTo(Instant.parse("2026-12-04T02:15:30Z"));
        assertThat(SnapshotInfo.from(Map.of("CREATETIME", "2026-12-04 10:15:30.0")).createdAt())
                .isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
        assertThat(SnapshotInfo.from(Map.of("CREATETIME", "yesterday")).createdAt()).isNull();
        assertThat(SnapshotInfo.from(Map.of("CREATETIME", "yesterday")).createTimeText()).isEqualTo("yesterday");
    }

    @Test
    void sendsBackupChoicesAsTrueOrFalseStrings() {
        Map<String, Object> params = new BackupVmSpec("vm-1", "nightly", true, false).toParams();

        assertThat(params).containsExactly(Map.entry("vmId", "vm-1"), Map.entry("isCreateMemSnapshot", "true"),
                Map.entry("description", "nightly"), Map.entry("chksum", "false"));
        assertThat(BackupVmSpec.of("vm-1", null).toParams()).doesNotContainKey("description")
                .containsEntry("chksum", "true");
    }

    @Test
    void sendsTheRestorePoolUnderBothSpellingsOfItsKey() {
        Map<String, Object> params = new RestoreVmSpec("vm-1", "bk-1", "pool-prod", "host-02", true).toParams();

        assertThat(params).containsEntry("backUpNum", "bk-1").containsEntry("repoId", "pool-prod")
                .containsEntry("repold", "pool-prod").containsEntry("hostId", "host-02")
                .containsEntry("chksum", "true");
        assertThat(RestoreVmSpec.inPlace("vm-1", "bk-1").toParams()).doesNotContainKeys("repoId", "repold", "hostId");
    }

    @Test
    void readsTheBackupFromACallbacksDetail() {
        CallbackEvent event = new CallbackEvent("e1", "vm-1", "backupVm", "2015", "", "0", "host-01", 3,
                Instant.now()).withDetail(Map.of("backupId", "bk-1", "backupName", "vm-1-20261204",
                        "backupSize", "42949672960", "backupTime", "2026-12-04T10:15:30Z"));

        BackupInfo backup = BackupInfo.from(event);

        assertThat(backup.backupId()).isEqualTo("bk-1");
        assertThat(backup.name()).isEqualTo("vm-1-20261204");
        assertThat(backup.sizeBytes()).isEqualTo(40L << 30);
        assertThat(backup.createdAt()).isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
        assertThat(BackupInfo.from(Map.of("backupTime", "soon")).createdAt()).isNull();
    }
}

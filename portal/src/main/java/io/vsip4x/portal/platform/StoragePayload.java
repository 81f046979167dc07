package io.vsip4x.portal.platform;

import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.RestoreVmSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The arguments of a snapshot or backup operation beside the VM; each kind reads its own.
 *
 * @param snapId         the snapshot a {@code deleteSnap} or {@code restoreSnap} names
 * @param backupId       the backup a {@code restoreVm} or {@code deleteBackup} names
 * @param description    a {@code backupVm}'s description, or {@code null}
 * @param memorySnapshot whether a {@code backupVm} also keeps the running VM's memory
 * @param checksum       whether a {@code backupVm} makes checksum data, or a {@code restoreVm} checks it
 * @param repoId         the pool a {@code restoreVm} restores into, or {@code null} for where the VM is
 * @param hostId         the host a {@code restoreVm} restores onto, or {@code null} for any
 */
public record StoragePayload(String snapId, String backupId, String description, boolean memorySnapshot,
        boolean checksum, String repoId, String hostId) {

    /** The arguments of operation {@code op}. */
    static StoragePayload of(Operation op, JsonMapper json) {
        return json.readValue(op.payload(), StoragePayload.class);
    }

    /** Names a snapshot. */
    public static StoragePayload snapshot(String snapId) {
        return new StoragePayload(snapId, null, null, false, false, null, null);
    }

    /** Names a backup. */
    public static StoragePayload backup(String backupId) {
        return new StoragePayload(null, backupId, null, false, false, null, null);
    }

    /** The choices of a new backup. */
    public static StoragePayload newBackup(String description, boolean memorySnapshot, boolean checksum) {
        return new StoragePayload(null, null, description, memorySnapshot, checksum, null, null);
    }

    /** A restore of {@code backupId}, where the VM is when both targets are {@code null}. */
    public static StoragePayload restore(String backupId, String repoId, String hostId, boolean checksum) {
        return new StoragePayload(null, backupId, null, false, checksum, repoId, hostId);
    }

    BackupVmSpec toBackupSpec(String vmId) {
        return new BackupVmSpec(vmId, description, memorySnapshot, checksum);
    }

    RestoreVmSpec toRestoreSpec(String vmId) {
        return new RestoreVmSpec(vmId, backupId, repoId, hostId, checksum);
    }
}

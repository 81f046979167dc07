package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.callback.CallbackEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A finished backup, as the {@code detail} of a {@code backupVm} completion event reports it: the
 * spec returns no backup id and has no method listing backups (catalog A23), so the event is the
 * only place it is written back.
 *
 * @param backupId  {@code backupId}: {@code restoreVm}'s {@code backUpNum} and {@code deleteBackup}'s
 *                  {@code snapshotId}
 * @param name      {@code backupName}
 * @param sizeBytes {@code backupSize}, in bytes; 0 when absent
 * @param createdAt {@code backupTime}, or {@code null} when absent or unreadable
 * @param raw       the whole detail map
 */
public record BackupInfo(String backupId, String name, long sizeBytes, Instant createdAt, Map<String, ?> raw) {

    /** Reads the detail of a {@code backupVm} event. */
    public static BackupInfo from(Map<String, ?> detail) {
        return new BackupInfo(SdkMaps.string(detail, "backupId", "backUpNum", "snapshotId"),
                SdkMaps.string(detail, "backupName"), SdkMaps.number(detail, 0, "backupSize"),
                instant(SdkMaps.string(detail, "backupTime")), detail);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads {@code event}'s detail. */
    public static BackupInfo from(CallbackEvent event) {
        return from(event.detail());
    }
}

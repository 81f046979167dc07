package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One snapshot as {@code getVmSnaps} describes it. The spec prints its keys upper-case
 * ({@code SNAPID}, {@code CREATETIME}, {@code VMID}); the camel-case spellings are read too
 * (catalog A26).
 *
 * @param snapId         {@code SNAPID}, the id {@code deleteSnap} and {@code restoreSnap} take
 * @param createTimeText {@code CREATETIME} as the platform wrote it
 * @param createdAt      {@code CREATETIME} read leniently ({@code yyyy-MM-dd HH:mm:ss} as UTC, ISO
 *                       date-time or epoch milliseconds), or {@code null} when unreadable
 * @param vmId           {@code VMID}, the VM it belongs to
 * @param raw            the whole entry
 */
public record SnapshotInfo(String snapId, String createTimeText, Instant createdAt, String vmId,
        Map<String, Object> raw) {

    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Reads one entry of the answer (keys already trimmed). */
    public static SnapshotInfo from(Map<String, Object> m) {
        String time = SdkMaps.string(m, "CREATETIME", "createTime", "createtime");
        return new SnapshotInfo(
                SdkMaps.string(m, "SNAPID", "snapId", "snapid"),
                time,
                parseTime(time),
                SdkMaps.string(m, "VMID", "vmId", "vmid"),
                m);
    }

    /** {@code text} as an instant, or {@code null} when it is none of the forms the platform may use. */
    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            if (t.contains("T")) {
                return t.endsWith("Z") ? Instant.parse(t) : OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t.length() > 19 ? t.substring(0, 19) : t, PLAIN).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}

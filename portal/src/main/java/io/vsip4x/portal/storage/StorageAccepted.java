package io.vsip4x.portal.storage;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An accepted snapshot or backup request: the queued operation that carries it out, and the
 * snapshot or backup it is about (none while a new one is being made; the other id is left out).
 *
 * @param action   what was asked, as in URLs ({@code snapshot-create}, {@code backup-restore})
 * @param snapId   the snapshot restored or deleted, or {@code null}
 * @param backupId the backup restored or deleted, or {@code null}
 */
public record StorageAccepted(long operationId, String vmId, String action,
        @JsonInclude(JsonInclude.Include.NON_NULL) String snapId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String backupId) {
}

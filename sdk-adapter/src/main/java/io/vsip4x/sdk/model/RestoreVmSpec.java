package io.vsip4x.sdk.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A restore to run with {@code restoreVm}.
 *
 * @param vmId     the VM
 * @param backupId {@code backUpNum}: the backup, as the {@code backupVm} event's {@code backupId}
 *                 named it (catalog A23)
 * @param repoId   the pool to restore the VM into, or {@code null} for where it is
 * @param hostId   the host to restore it onto, or {@code null} for any
 * @param checksum {@code chksum}: verify the backup's checksum data first
 */
public record RestoreVmSpec(String vmId, String backupId, String repoId, String hostId, boolean checksum) {

    public RestoreVmSpec {
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(backupId, "backupId");
    }

    /** A restore in place, without verification. */
    public static RestoreVmSpec inPlace(String vmId, String backupId) {
        return new RestoreVmSpec(vmId, backupId, null, null, false);
    }

    /**
     * The parameter map of {@code restoreVm}. The pool goes under {@code repoId} and, with the
     * same value, under the printed {@code repold}, so that either reading of the key finds it
     * (catalog A06).
     */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmId", vmId);
        params.put("backUpNum", backupId);
        if (repoId != null) {
            params.put("repoId", repoId);
            params.put("repold", repoId);
        }
        if (hostId != null) {
            params.put("hostId", hostId);
        }
        params.put("chksum", String.valueOf(checksum));
        return params;
    }
}

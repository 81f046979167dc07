package io.vsip4x.sdk.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A backup to make with {@code backupVm}.
 *
 * @param vmId           the VM
 * @param description    {@code description}, or {@code null} for none
 * @param memorySnapshot {@code isCreateMemSnapshot}: also keep the memory of the running VM
 * @param checksum       {@code chksum}: make checksum data a later {@code restoreVm} can verify
 */
public record BackupVmSpec(String vmId, String description, boolean memorySnapshot, boolean checksum) {

    public BackupVmSpec {
        Objects.requireNonNull(vmId, "vmId");
    }

    /** A disk-only backup with checksum data and {@code description}. */
    public static BackupVmSpec of(String vmId, String description) {
        return new BackupVmSpec(vmId, description, false, true);
    }

    /** The parameter map of {@code backupVm}; the choices go as the strings {@code "true"}/{@code "false"}. */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmId", vmId);
        params.put("isCreateMemSnapshot", String.valueOf(memorySnapshot));
        if (description != null) {
            params.put("description", description);
        }
        params.put("chksum", String.valueOf(checksum));
        return params;
    }
}

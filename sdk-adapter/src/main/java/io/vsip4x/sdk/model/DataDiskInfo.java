package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One data disk as {@code getDataDisks} describes it (its {@code vdisk.*} keys, trimmed).
 *
 * @param name       {@code vdisk.name}, which also serves as its id (catalog A34)
 * @param device     {@code vdisk.device}, e.g. {@code disk}
 * @param location   {@code vdisk.location}, its path in the pool's storage
 * @param template   {@code vdisk.template}, the template it was made from; empty or {@code null} for none
 * @param sizeBytes  {@code vdisk.size}, in bytes; 0 when absent
 * @param vmId       {@code vdisk.vm}, the VM it is mounted on; empty or {@code null} when unmounted
 * @param userName   {@code vdisk.username}, its owner
 * @param raw        the whole entry
 */
public record DataDiskInfo(String name, String device, String location, String template, long sizeBytes,
        String vmId, String userName, Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static DataDiskInfo from(Map<String, Object> m) {
        return new DataDiskInfo(
                SdkMaps.string(m, "vdisk.name"),
                SdkMaps.string(m, "vdisk.device"),
                SdkMaps.string(m, "vdisk.location"),
                SdkMaps.string(m, "vdisk.template"),
                SdkMaps.number(m, 0, "vdisk.size"),
                SdkMaps.string(m, "vdisk.vm"),
                SdkMaps.string(m, "vdisk.username"),
                m);
    }

    /** Whether it is mounted on a VM. */
    public boolean mounted() {
        return vmId != null && !vmId.isBlank();
    }
}

package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One disk or CD-ROM drive of a VM as {@code getVmVdisks} describes it (its {@code vdisk.*} keys,
 * trimmed).
 *
 * @param id        {@code vdisk.id}; for a CD-ROM, the drive id {@code vmUnmountImage} takes (catalog A25)
 * @param name      {@code vdisk.name}
 * @param device    {@code vdisk.device}: {@code disk} or {@code cdrom}
 * @param driver    {@code vdisk.driver}
 * @param location  {@code vdisk.location}: the disk's path, or for a CD-ROM the file name of the
 *                  mounted image (empty when none)
 * @param sizeBytes {@code vdisk.size}, in bytes; 0 when absent
 * @param raw       the whole entry
 */
public record VdiskInfo(String id, String name, String device, String driver, String location, long sizeBytes,
        Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static VdiskInfo from(Map<String, Object> m) {
        return new VdiskInfo(
                SdkMaps.string(m, "vdisk.id"),
                SdkMaps.string(m, "vdisk.name"),
                SdkMaps.string(m, "vdisk.device"),
                SdkMaps.string(m, "vdisk.driver"),
                SdkMaps.string(m, "vdisk.location"),
                SdkMaps.number(m, 0, "vdisk.size"),
                m);
    }

    /** Whether it is a CD-ROM drive ({@code vdisk.device} is {@code cdrom}). */
    public boolean cdrom() {
        return "cdrom".equalsIgnoreCase(device);
    }
}

package io.vsip4x.sdk.model;

import java.util.List;

/**
 * A CD-ROM drive of a VM, read from a {@code vdisk.device == cdrom} entry of {@code getVmVdisks}
 * (catalog A25: {@code vmAddVirtualCdrom} returns no id, so this is where drives are found).
 *
 * @param id    the drive id, which {@code vmUnmountImage} takes
 * @param name  the drive's device name
 * @param image the file name of the image in it, or {@code null} when empty
 */
public record CdromInfo(String id, String name, String image) {

    /** The drive {@code disk} describes; {@code disk} must be a CD-ROM. */
    public static CdromInfo from(VdiskInfo disk) {
        if (!disk.cdrom()) {
            throw new IllegalArgumentException("Disk '" + disk.id() + "' is not a CD-ROM drive");
        }
        String location = disk.location();
        return new CdromInfo(disk.id(), disk.name(), location == null || location.isBlank() ? null : location);
    }

    /** The CD-ROM drives among {@code disks}, in their order. */
    public static List<CdromInfo> of(List<VdiskInfo> disks) {
        return disks.stream().filter(VdiskInfo::cdrom).map(CdromInfo::from).toList();
    }

    /** Whether an image is in the drive. */
    public boolean loaded() {
        return image != null;
    }
}

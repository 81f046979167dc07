package io.vsip4x.simulator.state;

import java.util.Objects;

/**
 * A virtual CD-ROM drive of a VM (catalog A25). A drive added to a running VM is attached at its
 * next boot; an image ejected from a running VM stays in until then.
 *
 * @param id           its id, which {@code vmMountImage} answers as {@code cdImageId}
 * @param vmId         the VM it belongs to
 * @param slot         its position among the VM's drives, 0 to 3 (device {@code hda} to {@code hdd})
 * @param attached     whether the VM has booted with it (or it was added while the VM was stopped)
 * @param imageId      the image in it, or {@code null} when empty
 * @param ejectPending whether its image leaves at the VM's next boot
 */
public record Cdrom(String id, String vmId, int slot, boolean attached, String imageId, boolean ejectPending) {

    public Cdrom {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vmId, "vmId");
    }

    /** A copy holding image {@code newImageId}, not about to be ejected. */
    public Cdrom withImage(String newImageId) {
        return new Cdrom(id, vmId, slot, attached, newImageId, false);
    }

    /** A copy whose image leaves at the next boot. */
    public Cdrom ejectingAtBoot() {
        return new Cdrom(id, vmId, slot, attached, imageId, true);
    }

    /** The drive as it is after the VM booted: attached, and empty if an eject was pending. */
    public Cdrom booted() {
        return new Cdrom(id, vmId, slot, true, ejectPending ? null : imageId, false);
    }

    /** Whether an image can go in now: attached and empty. */
    public boolean free() {
        return attached && imageId == null;
    }
}

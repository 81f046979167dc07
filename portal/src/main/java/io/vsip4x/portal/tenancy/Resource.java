package io.vsip4x.portal.tenancy;

/** The resources a quota limits, each with its API key (the message key is {@code quota.resource.KEY}). */
public enum Resource {
    CPU("cpu"),
    MEMORY_MB("memoryMb"),
    DISK_GB("diskGb"),
    DATA_DISK_GB("dataDiskGb"),
    VMS("vms"),
    SNAPSHOTS("snapshots"),
    BACKUPS("backups");

    private final String key;

    Resource(String key) {
        this.key = key;
    }

    /** The key in the API's {@code limits}, {@code used} and {@code reserved} objects. */
    public String key() {
        return key;
    }
}

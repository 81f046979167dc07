package io.vsip4x.portal.tenancy;

/**
 * Amounts of the resources a tenant's work uses: a quota's limits, a usage, a reservation or
 * what a request asks for. The keys are the API's: {@code cpu}, {@code memoryMb},
 * {@code diskGb} (system disks), {@code dataDiskGb}, {@code vms}, {@code snapshots},
 * {@code backups}.
 */
public record Quota(long cpu, long memoryMb, long diskGb, long dataDiskGb, long vms, long snapshots,
        long backups) {

    /** Nothing. */
    public static final Quota ZERO = new Quota(0, 0, 0, 0, 0, 0, 0);

    /** The resources of VMs alone: no data disks, snapshots or backups. */
    public Quota(long cpu, long memoryMb, long diskGb, long vms) {
        this(cpu, memoryMb, diskGb, 0, vms, 0, 0);
    }

    /** This plus {@code other}. */
    public Quota plus(Quota other) {
        return new Quota(cpu + other.cpu, memoryMb + other.memoryMb, diskGb + other.diskGb,
                dataDiskGb + other.dataDiskGb, vms + other.vms, snapshots + other.snapshots,
                backups + other.backups);
    }

    /** What is left of this limit after {@code used}, never below zero. */
    public Quota minus(Quota used) {
        return new Quota(Math.max(0, cpu - used.cpu), Math.max(0, memoryMb - used.memoryMb),
                Math.max(0, diskGb - used.diskGb), Math.max(0, dataDiskGb - used.dataDiskGb),
                Math.max(0, vms - used.vms), Math.max(0, snapshots - used.snapshots),
                Math.max(0, backups - used.backups));
    }

    /** The increases only: negative amounts (a shrink) become zero. */
    public Quota increases() {
        return new Quota(Math.max(0, cpu), Math.max(0, memoryMb), Math.max(0, diskGb), Math.max(0, dataDiskGb),
                Math.max(0, vms), Math.max(0, snapshots), Math.max(0, backups));
    }

    /** The amount of one resource by its API key. */
    public long get(Resource resource) {
        return switch (resource) {
            case CPU -> cpu;
            case MEMORY_MB -> memoryMb;
            case DISK_GB -> diskGb;
            case DATA_DISK_GB -> dataDiskGb;
            case VMS -> vms;
            case SNAPSHOTS -> snapshots;
            case BACKUPS -> backups;
        };
    }
}

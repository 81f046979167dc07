package io.vsip4x.portal.tenancy;

/**
 * Amounts of the resources a tenant's VMs use: a quota's limits, a usage, or a request's total.
 */
public record Quota(long cpu, long memoryMb, long diskGb, long vms) {

    /** Nothing. */
    public static final Quota ZERO = new Quota(0, 0, 0, 0);

    /** This plus {@code other}. */
    public Quota plus(Quota other) {
        return new Quota(cpu + other.cpu, memoryMb + other.memoryMb, diskGb + other.diskGb, vms + other.vms);
    }

    /** What is left of this limit after {@code used}, never below zero. */
    public Quota minus(Quota used) {
        return new Quota(Math.max(0, cpu - used.cpu), Math.max(0, memoryMb - used.memoryMb),
                Math.max(0, diskGb - used.diskGb), Math.max(0, vms - used.vms));
    }
}

package io.vsip4x.portal.tenancy;

/**
 * What some things of a tenant use of its quota.
 *
 * @param used     what exists (live VMs, attached or free data disks, …)
 * @param reserved what approved work will create and the platform has not yet created
 */
public record Usage(Quota used, Quota reserved) {

    /** Nothing used, nothing reserved. */
    public static final Usage NONE = new Usage(Quota.ZERO, Quota.ZERO);

    /** Both together. */
    public Usage plus(Usage other) {
        return new Usage(used.plus(other.used), reserved.plus(other.reserved));
    }

    /** Used plus reserved: what counts against the quota. */
    public Quota total() {
        return used.plus(reserved);
    }
}

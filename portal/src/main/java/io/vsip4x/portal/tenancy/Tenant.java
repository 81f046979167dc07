package io.vsip4x.portal.tenancy;

/**
 * A department that owns VMs under a quota.
 *
 * @param quota          the limits of the whole tenant
 * @param vmCap          the largest VM it may ask for
 * @param ceiling        the highest classification (密级) its work may carry
 * @param leaseMaxDays   the longest lease a request may choose, or {@code null} for no maximum
 *                       (and leases optional)
 */
public record Tenant(long id, String code, String name, Quota quota, VmCap vmCap, int ceiling,
        Integer leaseMaxDays) {

    /** A tenant with no VM cap, ceiling 0 and no lease maximum. */
    public Tenant(long id, String code, String name, Quota quota) {
        this(id, code, name, quota, VmCap.NONE, 0, null);
    }

    /**
     * The size cap of one VM; {@code null} fields leave the spec's own limit.
     */
    public record VmCap(Integer cpu, Long memoryMb, Long diskGb) {

        /** No cap beyond the spec's. */
        public static final VmCap NONE = new VmCap(null, null, null);
    }
}

package io.vsip4x.portal.tenancy;

/**
 * What a tenant allows its people to do with their VMs' storage.
 *
 * @param snapshotsPerVm   how many snapshots one VM may keep (1 to {@link #MAX_SNAPSHOTS_PER_VM});
 *                         the tenant's snapshot quota also counts them all
 * @param templateBuilds   whether owners may make templates from their stopped VMs
 * @param dataDiskApproval whether a new data disk goes through the tenant's approval chain (else
 *                         it is created at once, within quota)
 */
public record TenantVmSettings(long tenantId, int snapshotsPerVm, boolean templateBuilds, boolean dataDiskApproval) {

    /** The most snapshots a tenant may let one VM keep. */
    public static final int MAX_SNAPSHOTS_PER_VM = 64;

    /** The settings of a tenant that has none saved. */
    public static TenantVmSettings defaults(long tenantId) {
        return new TenantVmSettings(tenantId, 8, false, true);
    }
}

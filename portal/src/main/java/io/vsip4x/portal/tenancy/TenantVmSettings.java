package io.vsip4x.portal.tenancy;

/**
 * What a tenant allows its people to do with their VMs' storage.
 *
 * @param snapshotsPerVm   how many snapshots one VM may keep (1 to {@link #MAX_SNAPSHOTS_PER_VM});
 *                         the tenant's snapshot quota also counts them all
 * @param templateBuilds   whether owners may make templates from their stopped VMs
 * @param dataDiskApproval whether a new data disk goes through the tenant's approval chain (else
 *                         it is created at once, within quota)
 * @param templatesMax     how many templates the tenant's people may have made from its VMs (those
 *                         withdrawn not counted), 0 to {@link #MAX_TEMPLATES}
 */
public record TenantVmSettings(long tenantId, int snapshotsPerVm, boolean templateBuilds, boolean dataDiskApproval,
        int templatesMax) {

    /** The most snapshots a tenant may let one VM keep. */
    public static final int MAX_SNAPSHOTS_PER_VM = 64;
    /** The most templates a tenant may let its people make. */
    public static final int MAX_TEMPLATES = 1000;
    /** How many templates a tenant without saved settings may make. */
    public static final int DEFAULT_TEMPLATES = 10;

    /** The settings with the default limit of templates. */
    public TenantVmSettings(long tenantId, int snapshotsPerVm, boolean templateBuilds, boolean dataDiskApproval) {
        this(tenantId, snapshotsPerVm, templateBuilds, dataDiskApproval, DEFAULT_TEMPLATES);
    }

    /** The settings of a tenant that has none saved. */
    public static TenantVmSettings defaults(long tenantId) {
        return new TenantVmSettings(tenantId, 8, false, true);
    }
}

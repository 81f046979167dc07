package io.vsip4x.portal.vms;

/** Where a VM stands in the portal, beside its platform status. */
public enum VmLifecycle {
    /** Approved and reserved against the quota; not yet on the platform. */
    PENDING,
    /** Exists on the platform. */
    ACTIVE,
    /** Creation failed; its reservation is released. */
    FAILED,
    /** Asked to be deleted; it counts against the quota until the platform reports it deleted (2014). */
    DELETING,
    /** Deleted; it no longer counts. */
    DELETED
}

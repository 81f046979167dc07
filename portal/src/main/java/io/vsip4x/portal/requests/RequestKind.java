package io.vsip4x.portal.requests;

/** What a request asks for. */
public enum RequestKind {
    /** New VMs ({@code createVm}; 2100 on approval, 2101 when the platform has no room). */
    CREATE,
    /** A new shape for a VM ({@code modifyVm}; 2200 on approval, 2201 when it has no room). */
    RESIZE,
    /** A new data disk for a VM, or a larger one. */
    DATA_DISK,
    /** A later expiry for a VM's lease. */
    RENEWAL,
    /** Higher quota limits for the tenant, decided by platform admins. */
    QUOTA,
    /**
     * One new VM installed from an ISO image ({@code installVm}), an advanced kind of CREATE:
     * approved like it (2100 on approval, 2101 when the platform has no room).
     */
    INSTALL
}

package io.vsip4x.portal.requests;

/** Where a request stands. */
public enum RequestState {
    /** Waiting for an approver. */
    PENDING,
    /** Approved (2100); quota reserved; the VMs are being created. */
    APPROVED,
    /** Every VM was created. */
    COMPLETED,
    /** Refused by an approver, with a reason. */
    REJECTED,
    /** The platform had too few resources (2101); the reservation was released. */
    INSUFFICIENT,
    /** The platform refused or failed the creation; the reservation was released. */
    FAILED,
    /** Taken back by the requester before a decision. */
    WITHDRAWN,
    /** An approver asked for changes; the requester edits and submits it again. */
    CHANGES_REQUESTED
}

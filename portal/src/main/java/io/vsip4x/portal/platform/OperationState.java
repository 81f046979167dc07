package io.vsip4x.portal.platform;

/** Where an operation stands. */
public enum OperationState {
    /** Waiting to be sent, now or after {@code next_attempt_at}. */
    QUEUED,
    /** Claimed by a dispatcher that is sending it. */
    SENDING,
    /** Accepted by the platform; waiting for its callback. */
    SENT,
    /** Finished successfully. */
    DONE,
    /** Finished with a failure code, or timed out. */
    FAILED;

    /** Whether the operation is still under way. */
    public boolean open() {
        return this == QUEUED || this == SENDING || this == SENT;
    }
}

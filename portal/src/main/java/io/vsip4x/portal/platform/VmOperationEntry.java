package io.vsip4x.portal.platform;

import java.time.Instant;

/**
 * One operation in a VM's history.
 *
 * @param resultCode the platform's result code, or {@code null}
 * @param reason     the platform's text or the portal's reason (time-out, unreachable), or {@code null}
 * @param actor      the account that asked for it, or {@code null} for the portal itself
 * @param finishedAt when it finished, or {@code null} while it is under way
 */
public record VmOperationEntry(long id, OperationKind kind, OperationState state, String resultCode, String reason,
        String actor, Instant createdAt, Instant finishedAt) {

    /**
     * Whether the platform never answered it: {@link OperationTimeouts} finished it as failed without
     * knowing how it ended.
     */
    public boolean timedOut() {
        return state == OperationState.FAILED && resultCode == null && OperationTimeouts.TIMED_OUT.equals(reason);
    }
}

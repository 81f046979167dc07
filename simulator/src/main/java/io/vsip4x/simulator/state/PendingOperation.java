package io.vsip4x.simulator.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An accepted asynchronous operation on a VM that has not finished yet.
 *
 * @param id          unique id, so that a late completion task cannot finish a newer operation
 * @param operation   the SDK method, e.g. {@code startVm}
 * @param dueAt       when it finishes
 * @param callbackUrl where its completion event goes, or {@code null} for nowhere
 * @param before      the VM as it was before the operation changed it (status, size), to go
 *                    back to when the operation ends; {@code null} for operations that need none
 * @param args        what the operation works on besides the VM, e.g. the {@code snapId} of a
 *                    {@code restoreSnap}; empty for none, and in files written before it existed
 */
public record PendingOperation(String id, String operation, Instant dueAt, String callbackUrl, Vm before,
        Map<String, String> args) {

    public PendingOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(dueAt, "dueAt");
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    /** An operation with no arguments besides the VM. */
    public PendingOperation(String id, String operation, Instant dueAt, String callbackUrl, Vm before) {
        this(id, operation, dueAt, callbackUrl, before, Map.of());
    }

    /** An operation that keeps no earlier state of the VM. */
    public PendingOperation(String id, String operation, Instant dueAt, String callbackUrl) {
        this(id, operation, dueAt, callbackUrl, null);
    }
}

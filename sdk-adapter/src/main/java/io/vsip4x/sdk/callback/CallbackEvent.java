package io.vsip4x.sdk.callback;

import java.time.Instant;
import java.util.Map;

/**
 * One completion event the platform posts to the portal (see the binding's callback section).
 *
 * @param eventId    unique id; receivers de-duplicate on it
 * @param vmId       the VM it concerns
 * @param operation  the SDK method that caused it, e.g. {@code startVm}
 * @param result     a result code of the spec
 * @param resultinfo the platform's text for the code
 * @param status     the VM's new status code, or {@code null} when unknown
 * @param hostId     the host the VM is on, or {@code null}
 * @param sequence   per-VM counter; a lower one never overwrites a higher one
 * @param occurredAt when the platform produced it
 * @param detail     what the event reports besides the VM's status, e.g. the {@code backupId}
 *                   and {@code backupName} of a finished {@code backupVm}; empty when nothing
 */
public record CallbackEvent(
        String eventId,
        String vmId,
        String operation,
        String result,
        String resultinfo,
        String status,
        String hostId,
        long sequence,
        Instant occurredAt,
        Map<String, String> detail) {

    public CallbackEvent {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** An event with no detail. */
    public CallbackEvent(String eventId, String vmId, String operation, String result, String resultinfo,
            String status, String hostId, long sequence, Instant occurredAt) {
        this(eventId, vmId, operation, result, resultinfo, status, hostId, sequence, occurredAt, Map.of());
    }

    /** A copy with {@code newDetail}. */
    public CallbackEvent withDetail(Map<String, String> newDetail) {
        return new CallbackEvent(eventId, vmId, operation, result, resultinfo, status, hostId, sequence,
                occurredAt, newDetail);
    }
}

package io.vsip4x.portal.platform;

/**
 * Published, inside the transaction that applies it, when the platform reports a VM's state:
 * by callback or by reconciliation.
 *
 * @param operation the SDK method that caused it, or {@code resynVm} for reconciliation
 * @param code      the result code of the event
 * @param status    the VM's status code, or {@code null} when the platform sent none
 * @param sequence  the event's per-VM sequence; 0 for reconciliation, which never wins a race
 */
public record VmStateReported(
        String vmId, String operation, String code, Integer status, String hostId, long sequence) {
}

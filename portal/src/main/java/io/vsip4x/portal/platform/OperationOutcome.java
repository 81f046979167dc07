package io.vsip4x.portal.platform;

/**
 * Published, inside the transaction that records it, when an operation finishes: refused at
 * once, completed by callback, or timed out.
 *
 * @param success whether the platform reported success
 * @param code    the platform's result code, or {@code null} for a time-out
 * @param info    the platform's text, or a short reason of ours
 */
public record OperationOutcome(Operation operation, boolean success, String code, String info) {
}

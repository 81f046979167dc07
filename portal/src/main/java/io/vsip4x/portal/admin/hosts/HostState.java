package io.vsip4x.portal.admin.hosts;

/**
 * A host's power state as its detail page polls it: the host's row (running or not, the power
 * operation under way) and its newest power operation, or {@code null} when it had none.
 */
record HostState(HostRow host, HostDetail.PowerOperation lastOperation) {
}

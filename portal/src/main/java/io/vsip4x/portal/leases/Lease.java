package io.vsip4x.portal.leases;

import io.vsip4x.portal.vms.VmLifecycle;
import java.time.Instant;

/**
 * A VM's lease, with what the portal needs to act on it.
 *
 * @param status    the VM's platform status, or {@code null}
 * @param expiresAt when the lease ends, or {@code null} for a VM without one
 * @param warnedAt  when its owner was warned, or {@code null}
 * @param expiredAt when the portal acted on its expiry (shut it down), or {@code null}
 */
record Lease(String vmId, String vmName, long tenantId, String tenantCode, long ownerId, VmLifecycle lifecycle,
        Integer status, Instant expiresAt, Instant warnedAt, Instant expiredAt) {
}

package io.vsip4x.portal.audit;

import java.time.Instant;

/**
 * One row of the operation log.
 *
 * @param actor  the account name, or {@code platform} / {@code system} for the portal's own work
 * @param result {@code SUCCESS}, {@code FAILURE} or {@code DENIED}
 * @param code   the platform result code, where there is one
 * @param params parameters worth keeping, secrets left out
 */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        String tenantCode,
        String role,
        String clientAddr,
        String action,
        String target,
        String params,
        String result,
        String code) {
}

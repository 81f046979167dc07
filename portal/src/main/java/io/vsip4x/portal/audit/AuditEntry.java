package io.vsip4x.portal.audit;

import java.time.Instant;

/**
 * One row of the operation log.
 *
 * @param actor         the account name, or {@code platform} / {@code system} for the portal's own work
 * @param role          the actor's roles when the event was written, comma-separated
 * @param targetType    what {@code target} names ({@code VM}, {@code REQUEST}, {@code ACCOUNT}, ...), if known
 * @param params        parameters worth keeping, secrets masked
 * @param result        {@code SUCCESS}, {@code FAILURE} or {@code DENIED}
 * @param code          the platform result code (or the portal's refusal code), where there is one
 * @param message       the platform's result text or the reason of a refusal
 * @param correlationId ties an action to the operation it queued and to that operation's callbacks
 */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        String tenantCode,
        String role,
        String clientAddr,
        String action,
        String targetType,
        String target,
        String params,
        String result,
        String code,
        String message,
        String correlationId) {

    /** The columns {@link AuditRows#MAPPER} reads, in its order. */
    static final String COLUMNS = "id, occurred_at, actor, tenant_code, role, client_addr, action, target_type, "
            + "target, params, result, code, message, correlation_id";
}

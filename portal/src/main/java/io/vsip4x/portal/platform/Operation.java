package io.vsip4x.portal.platform;

import java.time.Instant;

/**
 * One change asked of the platform (a row of the outbox).
 *
 * @param vmId      the VM it acts on, or {@code null} for {@code createVm}
 * @param requestId the request it fulfils, or {@code null}
 * @param payload   method arguments as JSON, for operations that need more than the VM id
 */
public record Operation(
        long id,
        OperationKind kind,
        String vmId,
        Long requestId,
        Long actorId,
        OperationState state,
        int attempts,
        Instant nextAttemptAt,
        String resultCode,
        String resultInfo,
        String lastError,
        String payload,
        Instant createdAt,
        Instant sentAt) {
}

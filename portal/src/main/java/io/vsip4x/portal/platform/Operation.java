package io.vsip4x.portal.platform;

import java.time.Instant;

/**
 * One change asked of the platform (a row of the outbox).
 *
 * @param vmId      the VM it acts on, or {@code null} for {@code createVm}
 * @param requestId the request it fulfils, or {@code null}
 * @param payload   method arguments as JSON, for operations that need more than the VM id
 * @param correlationId the correlation id of the request that queued it, under which its audit
 *                  events are written; {@code null} for operations queued before there were any
 * @param hostId    the host a host operation ({@code startHost}, {@code shutdownHost}) acts on, else
 *                  {@code null}
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
        Instant sentAt,
        String correlationId,
        String hostId) {

    /** An operation on a VM or a request, not on a host. */
    public Operation(long id, OperationKind kind, String vmId, Long requestId, Long actorId, OperationState state,
            int attempts, Instant nextAttemptAt, String resultCode, String resultInfo, String lastError,
            String payload, Instant createdAt, Instant sentAt, String correlationId) {
        this(id, kind, vmId, requestId, actorId, state, attempts, nextAttemptAt, resultCode, resultInfo, lastError,
                payload, createdAt, sentAt, correlationId, null);
    }

    /** What its audit events name as their target: the VM, else the host, else the request. */
    String auditTarget() {
        return vmId != null ? vmId : hostId != null ? hostId : "request:" + requestId;
    }
}

package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.model.HostInfo;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts and shuts down hosts through the operation queue. What the portal can know is checked
 * before anything is queued: the host exists (404, 3022), it is not in the state asked for already
 * (409: 9004 for a start of a running host, 3023 for a shutdown of a stopped one), no power
 * operation on it is under way (409), and no VM on it runs when it is to be shut down (409, 9004,
 * naming them). At most one open operation per host is also kept by the database, so two requests
 * at once cannot both be queued. Every request, accepted or refused, is written to the operation log.
 */
@Service
class HostPower {

    /** The platform's refusal of a host that is busy, in the state already, or has VMs running. */
    static final String REFUSED = "9004";
    /** The message of a request refused because a power operation on the host is under way. */
    static final String BUSY = "admin.hosts.power.refused.busy";
    /** The platform's refusal of a host that is not running. */
    static final String NOT_RUNNING = "3023";

    private final HostDirectory directory;
    private final OperationService operations;
    private final AuditService audit;
    private final TransactionTemplate tx;

    HostPower(HostDirectory directory, OperationService operations, AuditService audit, TransactionTemplate tx) {
        this.directory = directory;
        this.operations = operations;
        this.audit = audit;
        this.tx = tx;
    }

    /** An accepted request: the operation that carries it out. */
    record Accepted(long operationId, String hostId, String action) {
    }

    /**
     * Queues {@code action} on host {@code hostId}.
     *
     * @throws PortalException              404 or 409 as described for the class
     * @throws PlatformUnavailableException when the platform cannot be asked how the host stands
     */
    Accepted perform(CurrentUser user, String hostId, HostAction action) {
        HostInfo host;
        List<HostVm> running = List.of();
        try {
            host = directory.find(hostId).orElseThrow(() -> refused(action, hostId,
                    HostDirectory.notFound(hostId)));
            refuseIfBusy(action, hostId);
            refuseIfInState(action, host);
            if (action == HostAction.SHUTDOWN) {
                running = directory.vmsOn(host).stream().filter(HostVm::running).toList();
            }
        } catch (PlatformUnavailableException e) {
            denied(action, hostId, null, "platform unreachable", AuditService.FAILURE);
            throw e;
        }
        if (!running.isEmpty()) {
            throw refused(action, hostId, new HostRefusal(hostId, running));
        }
        try {
            return tx.execute(status -> {
                long id = operations.queueOnHost(action.kind(), hostId, user.id());
                audit.event(action.auditAction())
                        .target("HOST", hostId)
                        .params("operation=" + id)
                        .result(AuditService.SUCCESS, null, "queued")
                        .record();
                return new Accepted(id, hostId, action.path());
            });
        } catch (DuplicateKeyException e) {
            throw refused(action, hostId, busy(hostId));
        }
    }

    private void refuseIfBusy(HostAction action, String hostId) {
        boolean open = operations.openOnHosts().stream().anyMatch(op -> hostId.equals(op.hostId()));
        if (open) {
            throw refused(action, hostId, busy(hostId));
        }
    }

    private void refuseIfInState(HostAction action, HostInfo host) {
        if (action == HostAction.START && host.online()) {
            throw refused(action, host.hostId(), new PortalException(HttpStatus.CONFLICT,
                    "admin.hosts.power.refused.running", REFUSED, host.hostId()));
        }
        if (action == HostAction.SHUTDOWN && !host.online()) {
            throw refused(action, host.hostId(), new PortalException(HttpStatus.CONFLICT,
                    "admin.hosts.power.refused.stopped", NOT_RUNNING, host.hostId()));
        }
    }

    private static PortalException busy(String hostId) {
        return PortalException.conflict(BUSY, hostId);
    }

    /** Logs {@code refusal} of {@code action} and marks it logged. */
    private PortalException refused(HostAction action, String hostId, PortalException refusal) {
        denied(action, hostId, refusal.code(), refusal.messageKey(), AuditService.DENIED);
        return refusal.audited();
    }

    /** Logs a refused or failed request, kept whatever becomes of the caller's transaction. */
    private void denied(HostAction action, String hostId, String code, String reason, String result) {
        audit.event(action.auditAction())
                .target("HOST", hostId)
                .params(reason)
                .result(result, code, reason)
                .recordAlone();
    }
}

package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finishes open operations and tells the features through {@link OperationOutcome}. Finishing is a
 * conditional update, so whatever path finishes an operation (a callback, a refusal at send, a
 * time-out, a synchronous answer), it is finished once, and its one final audit event
 * ({@link #SUCCEEDED}, {@link #FAILED}, {@link #TIMED_OUT} or {@link #DENIED}) is written in the same
 * transaction, under the correlation id of the request that queued it.
 */
@Component
class OperationFinisher {

    /** Audit action of an operation the platform carried out. */
    static final String SUCCEEDED = "OPERATION_SUCCEEDED";
    /** Audit action of an operation the platform reported failed. */
    static final String FAILED = "OPERATION_FAILED";
    /** Audit action of an operation whose callback never came and whose result the VM does not show. */
    static final String TIMED_OUT = "OPERATION_TIMED_OUT";
    /** Audit action of an operation the platform refused when it was sent. */
    static final String DENIED = "OPERATION_DENIED";

    private final OperationRepository operations;
    private final ApplicationEventPublisher events;
    private final AuditService audit;

    OperationFinisher(OperationRepository operations, ApplicationEventPublisher events, AuditService audit) {
        this.operations = operations;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Finishes {@code id} unless it has finished already; runs in the caller's transaction. The
     * outcome is audited as succeeded, timed out (info {@link OperationTimeouts#TIMED_OUT} or
     * {@link OperationTimeouts#HOST_TIMED_OUT}) or failed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void finish(long id, boolean success, String code, String info) {
        boolean timedOut = OperationTimeouts.TIMED_OUT.equals(info) || OperationTimeouts.HOST_TIMED_OUT.equals(info);
        String action = success ? SUCCEEDED : timedOut ? TIMED_OUT : FAILED;
        finish(id, success, code, info, action);
    }

    /** Finishes an operation the platform refused at send: audited as {@link #DENIED}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void refused(long id, String code, String info) {
        finish(id, false, code, info, DENIED);
    }

    private void finish(long id, boolean success, String code, String info, String action) {
        OperationState state = success ? OperationState.DONE : OperationState.FAILED;
        if (operations.finish(id, state, code, info)) {
            Operation done = operations.find(id).orElseThrow();
            audited(done, action, success ? AuditService.SUCCESS
                    : DENIED.equals(action) ? AuditService.DENIED : AuditService.FAILURE, code, info);
            events.publishEvent(new OperationOutcome(done, success, code, info));
        }
    }

    private void audited(Operation op, String action, String result, String code, String info) {
        OperationRepository.AuditContext context = operations.auditContext(op.id());
        boolean vm = op.vmId() != null;
        boolean host = !vm && op.hostId() != null;
        audit.event(action)
                .as("platform", context.tenantCode(), null)
                .target(vm ? "VM" : host ? "HOST" : "REQUEST",
                        vm ? op.vmId() : host ? op.hostId() : "request:" + op.requestId())
                .params(AuditParams.of("operation", op.id(), "kind", op.kind().method()))
                .result(result, code, info)
                .correlation(context.correlationId())
                .record();
    }
}

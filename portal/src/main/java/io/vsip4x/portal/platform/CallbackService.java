package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.codes.ResultCodes;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies platform events exactly once: records the event id, tells the features the VM's new
 * state, and finishes the operation the event completes. An event that cannot have happened to
 * the VM as the portal holds it ({@link TransitionRules}) is recorded as seen but not applied, and
 * audited as refused. The VM's row is locked first with a short lock wait, so that a callback
 * never holds the platform's connection long: a lock it cannot get fails the transaction, and the
 * platform sends the event again.
 */
@Service
class CallbackService {

    private static final Logger log = LoggerFactory.getLogger(CallbackService.class);
    /** Seconds a callback waits for its VM's row before giving up (the platform then retries). */
    static final int LOCK_WAIT_SECONDS = 3;
    /** Audit action of an applied event. */
    static final String APPLIED = "CALLBACK_APPLIED";

    private final JdbcClient jdbc;
    private final OperationRepository operations;
    private final OperationFinisher finisher;
    private final ApplicationEventPublisher events;
    private final AuditService audit;
    private final OperationMeters meters;

    CallbackService(JdbcClient jdbc, OperationRepository operations, OperationFinisher finisher,
            ApplicationEventPublisher events, AuditService audit, OperationMeters meters) {
        this.audit = audit;
        this.meters = meters;
        this.jdbc = jdbc;
        this.operations = operations;
        this.finisher = finisher;
        this.events = events;
    }

    /** Applies {@code event}; returns false when it was applied before. */
    @Transactional
    public boolean apply(CallbackEvent event) {
        Integer status = event.status() == null || event.status().isBlank()
                ? null : Integer.valueOf(event.status().trim());
        boolean hostEvent = event.vmId() == null || event.vmId().isBlank();
        try {
            jdbc.sql("""
                    INSERT INTO callback_event (event_id, vm_id, operation, result_code, status, sequence)
                    VALUES (:eventId, :vmId, :operation, :code, :status, :sequence)""")
                    .param("eventId", event.eventId())
                    .param("vmId", hostEvent ? "" : event.vmId())
                    .param("operation", event.operation())
                    .param("code", event.result())
                    .param("status", status)
                    .param("sequence", event.sequence())
                    .update();
        } catch (DuplicateKeyException e) {
            log.debug("Ignored repeated platform event '{}'", event.eventId());
            return false;
        }

        if (hostEvent) {
            applyToHost(event);
            return true;
        }
        Optional<Held> held = lockVm(event.vmId());
        if (held.isPresent() && event.sequence() <= held.get().sequence()) {
            // Older than what the VM shows: it neither changes the VM nor finishes an operation.
            log.debug("Ignored platform event '{}' on VM '{}': sequence {} <= {}", event.eventId(), event.vmId(),
                    event.sequence(), held.get().sequence());
            return true;
        }
        OperationKind kind = OperationKind.ofMethod(event.operation());
        Optional<Operation> awaiting = kind == null || kind.createsVms() ? Optional.empty()
                : operations.oldestAwaiting(event.vmId(), kind);
        String correlation = awaiting.map(Operation::correlationId)
                .orElseGet(() -> kind != null && kind.createsVms()
                        ? operations.awaitingCreateCorrelation(event.vmId()) : null);
        // The callback is logged under the correlation id of the operation it completes.
        try (Correlation.Scope scope = Correlation.open(correlation)) {
            apply(event, status, held, awaiting);
        }
        return true;
    }

    private void apply(CallbackEvent event, Integer status, Optional<Held> held, Optional<Operation> awaiting) {
        String tenant = held.isPresent() ? operations.tenantCodeOfVm(event.vmId()) : null;
        String impossible = held.map(h -> TransitionRules.impossible(event.operation(), event.result(),
                status, h.lifecycle(), h.status())).orElse(null);
        if (impossible != null) {
            log.warn("Refused platform event '{}' on VM '{}' ({} {}, status {}): {}", event.eventId(), event.vmId(),
                    event.operation(), event.result(), status, impossible);
            audit.event(CallbackController.REFUSED)
                    .as("platform", tenant, null)
                    .target("VM", event.vmId())
                    .params("reason=impossible transition: " + impossible + ", event=" + event.eventId())
                    .result(AuditService.FAILURE, event.result(), null)
                    .record();
            return;
        }
        events.publishEvent(new VmStateReported(event.vmId(), event.operation(), event.result(), status,
                event.hostId(), event.sequence()));
        events.publishEvent(new PlatformEventDetail(event.vmId(), event.operation(), event.result(),
                ResultCodes.isSuccess(event.result()), awaiting.map(Operation::id).orElse(null), event.detail()));
        awaiting.ifPresent(op -> finisher.finish(op.id(), ResultCodes.isSuccess(event.result()), event.result(),
                event.resultinfo()));
        audit.event(APPLIED)
                .as("platform", tenant, null)
                .target("VM", event.vmId())
                .params(AuditParams.of("event", event.eventId(), "operation", event.operation(), "status", status,
                        "sequence", event.sequence()))
                .result(ResultCodes.isSuccess(event.result()) ? AuditService.SUCCESS : AuditService.FAILURE,
                        event.result(), event.resultinfo())
                .record();
        meters.applied();
    }

    /**
     * Applies a host event ({@code startHost}, {@code shutdownHost}): it finishes the oldest
     * operation of its kind on the host that waits for it, and is audited as applied, under that
     * operation's correlation id. An event no operation waits for (another portal's, or one
     * that came after the time-out) is audited all the same; so is an event that happened before
     * the waiting operation was sent ({@link #before}): a late answer to an earlier operation,
     * which must not finish the later one.
     */
    private void applyToHost(CallbackEvent event) {
        OperationKind kind = OperationKind.ofMethod(event.operation());
        String hostId = event.hostId();
        Optional<Operation> waiting = kind == null || !kind.onHost() || hostId == null || hostId.isBlank()
                ? Optional.empty() : operations.oldestAwaitingOnHost(hostId, kind);
        boolean late = waiting.filter(op -> before(event, op)).isPresent();
        Optional<Operation> awaiting = late ? Optional.empty() : waiting;
        boolean success = ResultCodes.isSuccess(event.result());
        try (Correlation.Scope scope = Correlation.open(awaiting.map(Operation::correlationId).orElse(null))) {
            if (late) {
                log.info("Platform event '{}' of host '{}' ({} {}) happened at {}, before operation {} was sent: "
                        + "an earlier operation's; it finishes nothing", event.eventId(), hostId, event.operation(),
                        event.result(), event.occurredAt(), waiting.get().id());
            } else {
                log.info("Applied platform event '{}' of host '{}' ({} {}){}", event.eventId(), hostId,
                        event.operation(), event.result(),
                        awaiting.isPresent() ? "" : ": no operation waited for it");
            }
            awaiting.ifPresent(op -> finisher.finish(op.id(), success, event.result(), event.resultinfo()));
            audit.event(APPLIED)
                    .as("platform", null, null)
                    .target("HOST", hostId == null ? "" : hostId)
                    .params(late ? AuditParams.of("event", event.eventId(), "operation", event.operation(),
                            "sequence", event.sequence(), "late", "before operation " + waiting.get().id())
                            : AuditParams.of("event", event.eventId(), "operation", event.operation(),
                            "sequence", event.sequence()))
                    .result(success ? AuditService.SUCCESS : AuditService.FAILURE, event.result(),
                            event.resultinfo())
                    .record();
            meters.applied();
        }
    }

    /**
     * Whether host event {@code event} happened before operation {@code op} was handed to the
     * platform (its sent time is taken when it is claimed, before the send; an operation being
     * sent counts from when it was queued). An event without a time is not judged so.
     */
    static boolean before(CallbackEvent event, Operation op) {
        Instant sent = op.sentAt() != null ? op.sentAt() : op.createdAt();
        return event.occurredAt() != null && sent != null && event.occurredAt().isBefore(sent);
    }

    /** What the portal holds of a VM whose row this transaction locked. */
    private record Held(String lifecycle, Integer status, long sequence) {
    }

    /** Locks the VM's row, waiting {@link #LOCK_WAIT_SECONDS} at most; empty when the VM is unknown. */
    private Optional<Held> lockVm(String vmId) {
        return jdbc.sql("SET STATEMENT innodb_lock_wait_timeout = " + LOCK_WAIT_SECONDS
                        + " FOR SELECT lifecycle, status, status_seq FROM vm WHERE vm_id = :vmId FOR UPDATE")
                .param("vmId", vmId)
                .query((rs, n) -> new Held(rs.getString(1), rs.getObject(2, Integer.class), rs.getLong(3)))
                .optional();
    }
}

package io.vsip4x.portal.audit;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands every sealed audit event to the platform's {@code operateLog}, in chain order, once.
 *
 * <p>The chain is the queue: {@code audit_seal} numbers the events 1, 2, 3, ... and
 * {@code audit_forward.forwarded_seq} says how far forwarding got. Each event is sent in a
 * transaction of its own that holds the {@code audit_forward} row's lock (so one node forwards
 * at a time, the others skip their round) and moves {@code forwarded_seq} past the event once the
 * platform has answered. A crash can so re-send at most the one event whose answer was not yet
 * recorded; the record's {@code content} carries the portal's event id for the platform's side
 * to recognise it.
 *
 * <p>Actions never wait for forwarding: they only insert their event. When the platform cannot
 * be reached the round stops and is tried again after a pause (1 s doubling to 30 s); nothing
 * is skipped. When it refuses a record with a result code, the event counts as forwarded and an
 * {@value #REFUSED} event with that code is written (never one about such an event itself),
 * which is forwarded in its turn. Forwarding writes no event for a record the platform accepts.
 */
@Component
public class AuditForwarder implements DisposableBean {

    /** The action of the event that records a record the platform refused. */
    public static final String REFUSED = "AUDIT_FORWARD_REFUSED";

    private static final Logger log = LoggerFactory.getLogger(AuditForwarder.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final int CODE_LENGTH = 16;

    private final JdbcClient jdbc;
    private final PlatformClient platform;
    private final AuditService audit;
    private final AuditForwardProperties properties;
    private final TransactionTemplate tx;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "audit-forwarder");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile Duration pause;
    private volatile Instant retryAt = Instant.MIN;

    AuditForwarder(JdbcClient jdbc, PlatformClient platform, AuditService audit, AuditForwardProperties properties,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.platform = platform;
        this.audit = audit;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /**
     * How far forwarding is behind the chain.
     *
     * @param headSeq             the chain's newest link
     * @param forwardedSeq        the newest link handed to the platform (accepted or refused)
     * @param oldestUnforwardedAt when the next event to forward happened, {@code null} when none waits
     */
    public record Lag(long headSeq, long forwardedSeq, Instant oldestUnforwardedAt) {

        /** How many sealed events wait to be forwarded. */
        public long behind() {
            return Math.max(0, headSeq - forwardedSeq);
        }

        /** How long the oldest waiting event has waited at {@code now}; zero when none waits. */
        public Duration age(Instant now) {
            return oldestUnforwardedAt == null || now.isBefore(oldestUnforwardedAt) ? Duration.ZERO
                    : Duration.between(oldestUnforwardedAt, now);
        }
    }

    /** A sealed event waiting to be forwarded. */
    private record Pending(long seq, AuditEntry event) {
    }

    /** What became of one event. */
    private enum Step { FORWARDED, REFUSED, MOVED, BUSY }

    /** Where forwarding stands now. */
    public Lag lag() {
        long head = jdbc.sql("SELECT last_seq FROM audit_chain WHERE id = 1").query(Long.class).single();
        long forwarded = forwardedSeq();
        Instant oldest = jdbc.sql("""
                SELECT e.occurred_at
                  FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
                 WHERE s.seq > :forwarded
                 ORDER BY s.seq
                 LIMIT 1""")
                .param("forwarded", forwarded)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional().orElse(null);
        return new Lag(head, forwarded, oldest);
    }

    /** Asks for a forwarding round soon, on the forwarder's own thread. */
    public void wake() {
        if (properties.enabled() && wakePending.compareAndSet(false, true)) {
            worker.execute(() -> {
                wakePending.set(false);
                forwardDue();
            });
        }
    }

    @Scheduled(fixedDelayString = "${portal.audit.forward.interval:1s}")
    void tick() {
        wake();
    }

    /**
     * Forwards sealed events until none waits, the platform cannot be reached, or another node
     * is forwarding. Does nothing while forwarding is off or pausing after an outage.
     *
     * @return how many events were handed over (accepted or refused) in this round
     */
    public int forwardDue() {
        if (!properties.enabled() || Instant.now().isBefore(retryAt)) {
            return 0;
        }
        try {
            int handed = round();
            if (pause != null) {
                log.info("Audit forwarding reaches the platform again");
                pause = null;
            }
            return handed;
        } catch (Vsip4xUnreachableException e) {
            pauseAfter("the platform is unreachable", null);
        } catch (Vsip4xProtocolException e) {
            pauseAfter("the platform refused the portal's credentials", null);
        } catch (RuntimeException e) {
            pauseAfter("forwarding failed", e);
        }
        return 0;
    }

    private int round() {
        int handed = 0;
        while (true) {
            long known = forwardedSeq();
            List<Pending> batch = pending(known);
            if (batch.isEmpty()) {
                return handed;
            }
            for (Pending next : batch) {
                long previous = known;
                Step step = tx.execute(status -> forwardOne(next, previous));
                if (step == Step.BUSY) {
                    return handed;
                }
                if (step == Step.MOVED) {
                    break;
                }
                handed++;
                known = next.seq();
            }
        }
    }

    /**
     * Sends {@code next} while holding the forwarding row, and records that it was handed over.
     * The row is skipped, not waited for, when another node holds it.
     */
    private Step forwardOne(Pending next, long previous) {
        Long current = jdbc.sql("SELECT forwarded_seq FROM audit_forward WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .query(Long.class).optional().orElse(null);
        if (current == null) {
            return Step.BUSY;
        }
        if (current != previous) {
            return Step.MOVED;
        }
        SdkResult answer = send(next);
        jdbc.sql("UPDATE audit_forward SET forwarded_seq = :seq, updated_at = CURRENT_TIMESTAMP(3) WHERE id = 1")
                .param("seq", next.seq()).update();
        if (answer.ok()) {
            return Step.FORWARDED;
        }
        refused(next, answer);
        return Step.REFUSED;
    }

    /**
     * The platform's answer to the record of {@code next}; an answer that breaks the binding
     * counts as a refusal coded {@code HTTP-<status>}.
     *
     * @throws Vsip4xUnreachableException when the platform cannot be reached
     * @throws Vsip4xProtocolException    when it refuses the portal's credentials
     */
    private SdkResult send(Pending next) {
        try {
            return platform.call(c -> c.operateLog(OperateLogRecords.of(next.event(), next.seq())));
        } catch (Vsip4xProtocolException e) {
            if (e.httpStatus() == 401 || e.httpStatus() == 403) {
                throw e;
            }
            return new SdkResult("HTTP-" + e.httpStatus(), e.getMessage(), Map.of());
        }
    }

    private void refused(Pending next, SdkResult answer) {
        AuditEntry event = next.event();
        log.info("The platform refused the operation log record of audit event {} with code {}", event.id(),
                answer.code());
        if (REFUSED.equals(event.action())) {
            return;
        }
        String code = answer.code().length() > CODE_LENGTH ? answer.code().substring(0, CODE_LENGTH)
                : answer.code();
        audit.event(REFUSED)
                .as("system", event.tenantCode(), null)
                .target("AUDIT_EVENT", Long.toString(event.id()))
                .params("event=" + event.id() + " seq=" + next.seq() + " action=" + event.action())
                .result(AuditService.FAILURE, code, answer.info())
                .correlation(event.correlationId())
                .record();
    }

    private void pauseAfter(String reason, RuntimeException cause) {
        Duration previous = pause;
        Duration next = previous == null ? FIRST_PAUSE : previous.multipliedBy(2);
        pause = next.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next;
        retryAt = Instant.now().plus(pause);
        if (cause != null) {
            log.error("Audit forwarding stopped: {}; it tries again in {} s", reason, pause.toSeconds(), cause);
        } else if (previous == null) {
            log.warn("Audit forwarding waits: {}; it tries again in {} s, nothing is lost", reason,
                    pause.toSeconds());
        } else {
            log.debug("Audit forwarding still waits: {}; next try in {} s", reason, pause.toSeconds());
        }
    }

    private long forwardedSeq() {
        return jdbc.sql("SELECT forwarded_seq FROM audit_forward WHERE id = 1").query(Long.class).single();
    }

    private List<Pending> pending(long after) {
        return jdbc.sql("SELECT " + AuditEntry.COLUMNS + ", s.seq"
                        + " FROM audit_seal s JOIN audit_event e ON e.id = s.event_id"
                        + " WHERE s.seq > :after ORDER BY s.seq LIMIT :n")
                .param("after", after)
                .param("n", properties.batch())
                .query((rs, n) -> new Pending(rs.getLong(15), AuditRows.MAPPER.mapRow(rs, n)))
                .list();
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}

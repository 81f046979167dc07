package io.vsip4x.portal.audit;

import io.vsip4x.portal.audit.AuditVerification.Broken;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the audit chain on a schedule and on demand ({@link ChainWalk}), keeps each run's
 * result in {@code audit_verification} and logs the run itself as an {@code AUDIT_VERIFY} event.
 * One verification at a time per node; each reads one consistent snapshot of the database, so
 * sealing and archiving go on meanwhile.
 */
@Component
public class AuditVerifier {

    /** What started a verification. */
    public enum Trigger {
        SCHEDULED,
        ON_DEMAND
    }

    /** An event unsealed this long after the sealer stopped waiting for it was inserted behind it. */
    static final Duration MARGIN = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(AuditVerifier.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final AuditKeys keys;
    private final AuditCheckpointFile file;
    private final AuditProperties properties;
    private final AuditService audit;
    private final ReentrantLock running = new ReentrantLock();

    AuditVerifier(JdbcClient jdbc, PlatformTransactionManager transactions, AuditKeys keys,
            AuditCheckpointFile file, AuditProperties properties, AuditService audit) {
        this.file = file;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.keys = keys;
        this.properties = properties;
        this.audit = audit;
    }

    @Scheduled(cron = "${portal.audit.verify-cron:0 30 2 * * *}")
    @SchedulerLock(name = "AuditVerifier", lockAtMostFor = "PT1H", lockAtLeastFor = "PT5M")
    void scheduled() {
        try {
            verify(Trigger.SCHEDULED, null);
        } catch (RuntimeException e) {
            log.error("The scheduled verification of the audit chain failed to run", e);
        }
    }

    /**
     * Walks the whole chain now and answers what it found; waits while another verification runs.
     *
     * @param requestedBy who asked for it, {@code null} for the schedule
     */
    public AuditVerification verify(Trigger trigger, String requestedBy) {
        running.lock();
        try {
            return run(trigger, requestedBy);
        } finally {
            running.unlock();
        }
    }

    private AuditVerification run(Trigger trigger, String requestedBy) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        long id = start(started, trigger, requestedBy);
        Instant unsealedBefore = started.minus(properties.gapWait()).minus(MARGIN);
        ChainWalk.Outcome outcome;
        try {
            outcome = snapshot.execute(status -> new ChainWalk(jdbc, keys, file, unsealedBefore).run());
        } catch (RuntimeException e) {
            finish(id, 0, null, null);
            event(trigger).params("trigger=" + trigger).result(AuditService.FAILURE, "ERROR",
                            "The verification could not read the chain").recordAlone();
            throw e;
        }
        Broken broken = outcome.broken();
        finish(id, outcome.checked(), broken == null, broken);
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        AuditVerification result = new AuditVerification(broken == null, outcome.checked(),
                outcome.chain().lastSeq(), outcome.chain().lastHash(), broken, started, millis);
        report(trigger, result);
        return result;
    }

    private void report(Trigger trigger, AuditVerification result) {
        AuditService.Event event = event(trigger).params("trigger=" + trigger + ", checked=" + result.checked()
                        + ", headSeq=" + result.headSeq());
        Broken broken = result.firstBroken();
        if (broken == null) {
            log.info("The audit chain is intact: {} links up to seq {} checked in {} ms", result.checked(),
                    result.headSeq(), result.durationMs());
            event.result(AuditService.SUCCESS, null, null).recordAlone();
        } else {
            log.error("The audit chain is broken: {} at seq {} (event {}): {}", broken.problem(), broken.seq(),
                    broken.eventId(), broken.detail());
            event.result(AuditService.FAILURE, broken.problem().code(), broken.problem() + " at seq "
                    + broken.seq() + ", event " + broken.eventId() + ": " + broken.detail()).recordAlone();
        }
    }

    /** The event of a run: of the person who asked for it, or of the portal for a scheduled run. */
    private AuditService.Event event(Trigger trigger) {
        AuditService.Event event = audit.event("AUDIT_VERIFY").target("AUDIT", "chain");
        return trigger == Trigger.SCHEDULED ? event.as("system", null, null) : event;
    }

    private long start(Instant started, Trigger trigger, String requestedBy) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_verification (started_at, trigger_kind, requested_by)
                VALUES (:started, :trigger, :by)""")
                .param("started", Timestamp.from(started)).param("trigger", trigger.name())
                .param("by", requestedBy)
                .update(key);
        return key.getKey().longValue();
    }

    private void finish(long id, long checked, Boolean intact, Broken broken) {
        jdbc.sql("""
                UPDATE audit_verification
                   SET finished_at = CURRENT_TIMESTAMP(3), checked = :checked, intact = :intact,
                       broken_seq = :seq, broken_event = :event, problem = :problem, detail = :detail
                 WHERE id = :id""")
                .param("checked", checked).param("intact", intact)
                .param("seq", broken == null ? null : broken.seq())
                .param("event", broken == null ? null : broken.eventId())
                .param("problem", broken == null ? null : broken.problem().name())
                .param("detail", broken == null ? null : broken.detail())
                .param("id", id)
                .update();
    }
}

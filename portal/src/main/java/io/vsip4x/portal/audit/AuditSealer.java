package io.vsip4x.portal.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every committed audit event the next link of the chain. Actions only insert their
 * event; the chain's order is the order in which the sealer, one at a time on any number of
 * nodes (it holds the {@code audit_chain} row's lock), finds events committed. An id it passes
 * while that event's transaction is still open is kept in {@code audit_gap} and sealed when it
 * turns up.
 *
 * <p>Ids and times go up together: an event that occurred more than {@code gap-wait} before the
 * newest one already sealed among lower ids was inserted back-dated. It is sealed all the same (the
 * chain stays whole), and an {@value #BACKDATED} warning is written in the same transaction, to be
 * sealed, shown and forwarded like any event.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    /** A jump of more ids than this (an auto-increment step change, a restore) is not tracked id by id. */
    private static final int MAX_GAP = 10_000;
    /** The events of waited-for ids that have committed since, by id. */
    private static final String ARRIVED_GAPS = "SELECT " + AuditEntry.COLUMNS.replaceAll("(\\w+)", "e.$1")
            + " FROM audit_gap g JOIN audit_event e ON e.id = g.event_id ORDER BY g.event_id LIMIT :n";
    /** The action of the warning about an event inserted back-dated. */
    public static final String BACKDATED = "AUDIT_EVENT_BACKDATED";
    /** How many of the newest seals give the times an event is compared with. */
    private static final int LOOK_BACK = 200;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final AuditProperties properties;
    private final AuditCheckpoints checkpoints;
    private final ObjectProvider<AuditForwarder> forwarder;

    AuditSealer(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions,
            AuditProperties properties, AuditCheckpoints checkpoints, ObjectProvider<AuditForwarder> forwarder) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.properties = properties;
        this.checkpoints = checkpoints;
        this.forwarder = forwarder;
    }

    /** The chain's newest link. */
    public record Head(long seq, String hash, long lastEventId) {
    }

    @Scheduled(fixedDelayString = "${portal.audit.seal-interval:250ms}")
    void tick() {
        try {
            sealAll();
        } catch (RuntimeException e) {
            log.error("Sealing the audit events failed; the sealer tries again on its next run", e);
        }
    }

    /** Seals every event committed so far; answers how many it sealed. */
    public int sealAll() {
        int total = 0;
        int sealed;
        int[] warned = new int[1];
        do {
            warned[0] = 0;
            sealed = tx.execute(status -> sealRound(warned));
            total += sealed;
        } while (sealed >= properties.sealBatch() || warned[0] > 0);
        if (total > 0) {
            checkpoints.afterSealing();
            forwarder.ifAvailable(AuditForwarder::wake);
        }
        return total;
    }

    /** The chain's head as it stands. */
    public Head head() {
        return jdbc.sql("SELECT last_seq, last_hash, last_event_id FROM audit_chain WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3))).single();
    }

    private int sealRound(int[] warned) {
        Head head = jdbc.sql("SELECT last_seq, last_hash, last_event_id FROM audit_chain WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3))).single();
        // The waited-for ids whose events have turned up since, whatever the number still waited for
        // (rolled-back ids wait until gap-wait is over; they must not crowd out the ones that came).
        List<AuditEntry> events = new ArrayList<>(jdbc.sql(ARRIVED_GAPS)
                .param("n", properties.sealBatch()).query(AuditRows.MAPPER).list());
        List<AuditEntry> fresh = jdbc.sql("SELECT " + AuditEntry.COLUMNS
                        + " FROM audit_event WHERE id > :last ORDER BY id LIMIT :n")
                .param("last", head.lastEventId()).param("n", properties.sealBatch())
                .query(AuditRows.MAPPER).list();
        events.addAll(fresh);
        long lastEventId = fresh.isEmpty() ? head.lastEventId() : fresh.get(fresh.size() - 1).id();
        List<Long> newGaps = missing(head.lastEventId(), fresh);
        if (!newGaps.isEmpty()) {
            batch.batchUpdate("INSERT IGNORE INTO audit_gap (event_id) VALUES (?)", newGaps, newGaps.size(),
                    (ps, id) -> ps.setLong(1, id));
        }
        forgetOldGaps();
        if (events.isEmpty()) {
            return 0;
        }
        events.sort(Comparator.comparingLong(AuditEntry::id));
        warned[0] = warnBackdated(head, events);
        List<Object[]> seals = new ArrayList<>(events.size());
        long seq = head.seq();
        String hash = head.hash();
        for (AuditEntry event : events) {
            seq++;
            hash = AuditHash.link(hash, seq, event);
            seals.add(new Object[] {seq, event.id(), hash});
        }
        batch.batchUpdate("INSERT INTO audit_seal (seq, event_id, hash) VALUES (?, ?, ?)", seals);
        Set<Long> sealedGaps = new HashSet<>();
        for (AuditEntry event : events) {
            if (event.id() <= head.lastEventId()) {
                sealedGaps.add(event.id());
            }
        }
        if (!sealedGaps.isEmpty()) {
            jdbc.sql("DELETE FROM audit_gap WHERE event_id IN (:ids)").param("ids", sealedGaps).update();
        }
        countHourly(events);
        jdbc.sql("""
                UPDATE audit_chain SET last_seq = :seq, last_hash = :hash, last_event_id = :event,
                       updated_at = CURRENT_TIMESTAMP(3)
                 WHERE id = 1""")
                .param("seq", seq).param("hash", hash).param("event", lastEventId).update();
        return events.size();
    }

    /**
     * Writes a {@value #BACKDATED} warning for each event (sorted by id) that occurred more than
     * {@code gap-wait} before the newest time among the lower ids of the newest seals and of the
     * events before it; never about a warning. Times after now do not count. Answers how many.
     */
    private int warnBackdated(Head head, List<AuditEntry> events) {
        record Known(long id, Instant at) {
        }
        List<Known> known = new ArrayList<>(jdbc.sql("""
                        SELECT e.id, e.occurred_at
                          FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
                         WHERE s.seq > :from AND s.seq <= :head""")
                .param("from", head.seq() - LOOK_BACK).param("head", head.seq())
                .query((rs, n) -> new Known(rs.getLong(1), rs.getTimestamp(2).toInstant())).list());
        known.sort(Comparator.comparingLong(Known::id));
        Instant now = Instant.now();
        Instant newest = Instant.MIN;
        int k = 0;
        List<Object[]> warnings = new ArrayList<>();
        for (AuditEntry event : events) {
            while (k < known.size() && known.get(k).id() < event.id()) {
                newest = later(newest, known.get(k++).at(), now);
            }
            if (!BACKDATED.equals(event.action()) && newest != Instant.MIN
                    && event.occurredAt().isBefore(newest.minus(properties.gapWait()))) {
                warnings.add(new Object[] {Timestamp.from(now), "system", BACKDATED, "AUDIT_EVENT",
                        String.valueOf(event.id()), AuditService.FAILURE, "BACKDATED",
                        "Event " + event.id() + " occurred at " + event.occurredAt() + " but was sealed after "
                                + "events with lower ids that occurred up to " + newest
                                + ": it was inserted back-dated"});
                log.warn("Audit event {} occurred at {}, before events with lower ids (up to {}): inserted "
                        + "back-dated", event.id(), event.occurredAt(), newest);
            }
            newest = later(newest, event.occurredAt(), now);
        }
        if (!warnings.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO audit_event (occurred_at, actor, action, target_type, target, result, code, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", warnings);
        }
        return warnings.size();
    }

    private static Instant later(Instant newest, Instant at, Instant now) {
        return at.isAfter(newest) && !at.isAfter(now) ? at : newest;
    }

    /** The ids after {@code after} that {@code fresh} (sorted by id) skips. */
    private List<Long> missing(long after, List<AuditEntry> fresh) {
        List<Long> gaps = new ArrayList<>();
        long expected = after + 1;
        for (AuditEntry event : fresh) {
            long jump = event.id() - expected;
            if (jump > MAX_GAP) {
                log.warn("Audit event ids jump from {} to {}; the ids between are not waited for", expected - 1,
                        event.id());
            } else {
                for (long id = expected; id < event.id(); id++) {
                    gaps.add(id);
                }
            }
            expected = event.id() + 1;
        }
        return gaps;
    }

    private void forgetOldGaps() {
        int forgotten = jdbc.sql("""
                DELETE FROM audit_gap
                 WHERE seen_at < TIMESTAMPADD(MICROSECOND, -:micros, CURRENT_TIMESTAMP(3))""")
                .param("micros", properties.gapWait().toNanos() / 1000).update();
        if (forgotten > 0) {
            log.info("{} audit event id(s) never turned up within {}: taken for rolled-back transactions",
                    forgotten, properties.gapWait());
        }
    }

    private void countHourly(List<AuditEntry> events) {
        Map<List<Object>, Long> counts = new LinkedHashMap<>();
        for (AuditEntry event : events) {
            Instant hour = event.occurredAt().truncatedTo(ChronoUnit.HOURS);
            String tenant = event.tenantCode() == null ? "" : event.tenantCode();
            counts.merge(List.of(hour, tenant, event.result()), 1L, Long::sum);
        }
        List<Object[]> rows = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> rows.add(new Object[] {Timestamp.from((Instant) key.get(0)), key.get(1),
                key.get(2), n}));
        batch.batchUpdate("""
                INSERT INTO audit_hourly (hour_start, tenant_code, result, events) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE events = events + VALUES(events)""", rows);
    }
}

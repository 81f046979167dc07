package io.vsip4x.portal.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The operation queue and the platform's events as metrics (issue 11): {@code portal.operations}
 * with a {@code state} tag, the portal's operations waiting to be sent, being sent and sent
 * without an answer yet (the same on every node: the whole portal's queue), read with one grouped
 * query at most once per {@code portal.metrics.cache} however often it is scraped; and
 * {@code portal.callbacks.applied}, the platform events this node applied (counted once their
 * transaction commits; repeated, stale and refused events are not counted).
 */
@Component
class OperationMeters {

    /** The states of an operation not finished yet, one gauge each. */
    static final List<OperationState> OPEN = List.of(OperationState.QUEUED, OperationState.SENDING,
            OperationState.SENT);

    private static final Logger log = LoggerFactory.getLogger(OperationMeters.class);

    private final JdbcClient jdbc;
    private final long cacheNanos;
    private final Counter applied;
    private Map<OperationState, Double> counts;
    private long readAt;

    OperationMeters(JdbcClient jdbc, MeterRegistry registry, @Value("${portal.metrics.cache:5s}") Duration cache) {
        this.jdbc = jdbc;
        this.cacheNanos = cache.toNanos();
        for (OperationState state : OPEN) {
            Gauge.builder("portal.operations", this, meters -> meters.count(state))
                    .tag("state", state.name())
                    .description("Operations of the portal not finished yet, by state")
                    .register(registry);
        }
        this.applied = Counter.builder("portal.callbacks.applied")
                .description("Platform events applied by this node")
                .register(registry);
    }

    /** Counts one applied platform event, once the current transaction commits (at once outside one). */
    void applied() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            applied.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                applied.increment();
            }
        });
    }

    /** The number of operations in {@code state}, from the last read when it is recent; NaN when unreadable. */
    synchronized double count(OperationState state) {
        long now = System.nanoTime();
        if (counts == null || now - readAt >= cacheNanos) {
            counts = read();
            readAt = now;
        }
        return counts.getOrDefault(state, Double.NaN);
    }

    private Map<OperationState, Double> read() {
        Map<OperationState, Double> read = new EnumMap<>(OperationState.class);
        try {
            OPEN.forEach(state -> read.put(state, 0.0));
            jdbc.sql("""
                    SELECT state, COUNT(*)
                      FROM operation
                     WHERE state IN ('QUEUED', 'SENDING', 'SENT')
                     GROUP BY state""")
                    .query((rs, n) -> Map.entry(OperationState.valueOf(rs.getString(1)), rs.getDouble(2)))
                    .list().forEach(e -> read.put(e.getKey(), e.getValue()));
            return read;
        } catch (DataAccessException e) {
            log.warn("Could not count the operations for the metrics: {}", e.getMessage());
            return Map.of();
        }
    }
}

package io.vsip4x.portal.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vsip4x.portal.platform.PlatformHealth;
import io.vsip4x.portal.web.LiveUpdates;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node's meters (issue 11): {@code portal.live.streams}, the live-update streams it pushes to;
 * {@code portal.platform.reachable}, 1 while its last call to the platform got through, else 0; and
 * {@code portal.cluster.nodes}, the nodes whose heartbeat in {@code portal_node} is younger than
 * {@code portal.cluster.lease} (read at most once per {@code portal.metrics.cache}; 0 while the
 * table does not exist).
 */
@Component
class NodeMeters {

    private static final Logger log = LoggerFactory.getLogger(NodeMeters.class);

    private final JdbcClient jdbc;
    private final long leaseSeconds;
    private final long cacheNanos;
    private double nodes;
    private long readAt;
    private boolean read;

    NodeMeters(MeterRegistry registry, LiveUpdates live, PlatformHealth platform, JdbcClient jdbc,
            @Value("${portal.cluster.lease:30s}") Duration lease,
            @Value("${portal.metrics.cache:5s}") Duration cache) {
        this.jdbc = jdbc;
        this.leaseSeconds = Math.max(1, lease.toSeconds());
        this.cacheNanos = cache.toNanos();
        Gauge.builder("portal.live.streams", live, LiveUpdates::subscriberCount)
                .description("Live-update streams this portal node pushes to")
                .register(registry);
        Gauge.builder("portal.platform.reachable", platform, p -> p.reachable() ? 1 : 0)
                .description("1 while this node's last call to the platform got through, else 0")
                .register(registry);
        Gauge.builder("portal.cluster.nodes", this, NodeMeters::liveNodes)
                .description("Portal nodes with a recent heartbeat")
                .register(registry);
    }

    /** The live nodes, from the last read when it is recent; NaN when the database cannot say. */
    synchronized double liveNodes() {
        long now = System.nanoTime();
        if (!read || now - readAt >= cacheNanos) {
            nodes = count();
            readAt = now;
            read = true;
        }
        return nodes;
    }

    private double count() {
        try {
            return jdbc.sql("""
                    SELECT COUNT(*)
                      FROM portal_node
                     WHERE heartbeat_at > NOW(3) - INTERVAL :lease SECOND""")
                    .param("lease", leaseSeconds)
                    .query(Long.class).single();
        } catch (BadSqlGrammarException e) {
            log.debug("No node registry to count the nodes in: {}", e.getMessage());
            return 0;
        } catch (DataAccessException e) {
            log.warn("Could not count the portal nodes for the metrics: {}", e.getMessage());
            return Double.NaN;
        }
    }
}

package io.vsip4x.portal.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vsip4x.portal.cluster.ClusterNode;
import io.vsip4x.portal.platform.PlatformHealth;
import io.vsip4x.portal.web.LiveUpdates;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * This node's meters (issue 11): {@code portal.live.streams}, the live-update streams it pushes to;
 * {@code portal.platform.reachable}, 1 while its last call to the platform got through, else 0; and
 * {@code portal.cluster.nodes}, the live nodes as {@link ClusterNode#liveNodes()} counts them (read at
 * most once per {@code portal.metrics.cache}).
 */
@Component
class NodeMeters {

    private static final Logger log = LoggerFactory.getLogger(NodeMeters.class);

    private final ClusterNode node;
    private final long cacheNanos;
    private double nodes;
    private long readAt;
    private boolean read;

    NodeMeters(MeterRegistry registry, LiveUpdates live, PlatformHealth platform, ClusterNode node,
            @Value("${portal.metrics.cache:5s}") Duration cache) {
        this.node = node;
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
            return node.liveNodes();
        } catch (DataAccessException e) {
            log.warn("Could not count the portal nodes for the metrics: {}", e.getMessage());
            return Double.NaN;
        }
    }
}

package io.vsip4x.portal.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This portal process among the nodes sharing the database: its name for this run
 * ({@code portal.cluster.node-name}, else {@code host-pid-random}) and its row in {@code portal_node},
 * written at start and refreshed every {@code portal.cluster.heartbeat-interval} in the database's
 * time. A node whose heartbeat is older than {@code portal.cluster.lease} is dead. Each heartbeat is
 * announced as a {@link Heartbeat} event, on which the features move their claims' leases on. The
 * heartbeat has a thread of its own ({@link OwnTimer}): the scheduled jobs that wait on the platform
 * cannot hold it back for longer than the lease and make the other nodes take this live node's claims.
 *
 * <p>At the start of shutdown (this lifecycle stops before the web server's) the node turns
 * {@link #draining()}: it claims no more work and the readiness check turns it away; once the beans
 * that depend on it are gone, its row is left STOPPED.
 */
@Component
public class ClusterNode implements SmartLifecycle, DisposableBean {

    /** How long the rows of stopped or dead nodes are kept. */
    static final String KEPT = "INTERVAL 1 DAY";

    /** How long stopping waits for a heartbeat under way before the row is left STOPPED. */
    private static final Duration LAST_BEAT_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final String name;
    private final ClusterProperties properties;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final OwnTimer timer;

    /** A heartbeat of node {@code node} that reached the database: its claims' leases may move on. */
    public record Heartbeat(String node) {
    }

    /** A node of its own; the application has one bean, and a test may make a second node beside it. */
    public ClusterNode(ClusterProperties properties, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.events = events;
        this.name = properties.nodeName();
        this.timer = new OwnTimer("cluster-heartbeat-" + name);
    }

    /** This node's name for this run. */
    public String name() {
        return name;
    }

    /** Whether this node is shutting down: it takes no new work and should get no new traffic. */
    public boolean draining() {
        return draining.get();
    }

    /**
     * How many nodes are alive: not stopped, with a heartbeat younger than the lease (this node
     * included while it runs).
     *
     * @throws DataAccessException when the database cannot be reached
     */
    public long liveNodes() {
        return jdbc.sql("""
                SELECT COUNT(*)
                  FROM portal_node
                 WHERE state <> 'STOPPED'
                   AND heartbeat_at >= NOW(3) - INTERVAL :millis * 1000 MICROSECOND""")
                .param("millis", properties.lease().toMillis())
                .query(Long.class)
                .single();
    }

    /** The lease of this node's heartbeat and claims. */
    public ClusterProperties settings() {
        return properties;
    }

    @Override
    public void start() {
        jdbc.sql("""
                INSERT INTO portal_node (name, started_at, heartbeat_at, state)
                VALUES (:name, NOW(3), NOW(3), 'RUNNING')
                ON DUPLICATE KEY UPDATE started_at = NOW(3), heartbeat_at = NOW(3), state = 'RUNNING'""")
                .param("name", name)
                .update();
        running.set(true);
        timer.start(this::heartbeat, properties.heartbeatInterval());
        log.info("Portal node '{}' joined the cluster", name);
    }

    /** Turns the node draining, first thing at shutdown; the heartbeat goes on while the node drains. */
    @Override
    public void stop() {
        draining.set(true);
        running.set(false);
        write("DRAINING");
        log.info("Portal node '{}' is draining: it takes no new work", name);
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Stopped before the web server stops taking requests (its graceful shutdown phase is lower). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    /**
     * Stops the heartbeat and leaves the row STOPPED, after the beans using this node (the dispatcher's
     * hand-back) are gone.
     */
    @Override
    public void destroy() {
        draining.set(true);
        timer.stop(LAST_BEAT_WAIT);
        write("STOPPED");
        log.info("Portal node '{}' stopped", name);
    }

    /**
     * Refreshes this node's row, announces the heartbeat and removes rows of long-gone nodes; run every
     * {@code portal.cluster.heartbeat-interval} on the node's own heartbeat thread from start to destroy.
     */
    void heartbeat() {
        if (!running.get() && !draining.get()) {
            return;
        }
        try {
            String state = draining.get() ? "DRAINING" : "RUNNING";
            jdbc.sql("""
                    INSERT INTO portal_node (name, started_at, heartbeat_at, state)
                    VALUES (:name, NOW(3), NOW(3), :state)
                    ON DUPLICATE KEY UPDATE heartbeat_at = NOW(3), state = :state""")
                    .param("name", name)
                    .param("state", state)
                    .update();
            events.publishEvent(new Heartbeat(name));
            int removed = jdbc.sql("DELETE FROM portal_node WHERE heartbeat_at < NOW(3) - " + KEPT)
                    .update();
            if (removed > 0) {
                log.info("Removed {} nodes that stopped or died more than a day ago", removed);
            }
        } catch (DataAccessException e) {
            log.warn("Portal node '{}' could not write its heartbeat: {}", name, e.getMessage());
        }
    }

    private void write(String state) {
        try {
            jdbc.sql("UPDATE portal_node SET state = :state, heartbeat_at = NOW(3) WHERE name = :name")
                    .param("state", state)
                    .param("name", name)
                    .update();
        } catch (DataAccessException e) {
            log.warn("Portal node '{}' could not record itself {}: {}", name, state, e.getMessage());
        }
    }
}

package io.vsip4x.portal.console;

import io.vsip4x.portal.cluster.ClusterNode;
import io.vsip4x.portal.cluster.OwnTimer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * This portal process among the nodes that hold consoles: its {@link ClusterNode#name() node name},
 * written on the {@code console_session} rows of its tunnels and refreshed
 * every few seconds; an open row of another node not refreshed for a minute lost its node, and is
 * closed as {@link ConsoleReason#NODE_LOST}. Tokens of long ago are removed on the way. The refresh has
 * a thread of its own ({@link OwnTimer}): scheduled jobs waiting on the platform cannot hold it back
 * until other nodes take this node's consoles for lost.
 */
@Component
class ConsoleNode implements SmartLifecycle {

    /** How often this node's open rows are refreshed. */
    static final Duration REFRESH = Duration.ofSeconds(10);

    /** How long an open row may go unrefreshed before its node counts as lost. */
    static final Duration LOST_AFTER = Duration.ofMinutes(1);
    /** How long spent or expired tokens are kept (a late presentation is refused as used or expired). */
    static final Duration TOKENS_KEPT = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(ConsoleNode.class);

    private final String name;
    private final ConsoleSessionRepository sessions;
    private final ConsoleTokens tokens;
    private final ConsoleAudit audit;
    private final Clock clock;
    private final OwnTimer timer;

    ConsoleNode(ConsoleSessionRepository sessions, ConsoleTokens tokens, ConsoleAudit audit, Clock clock,
            ClusterNode node) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.name = node.name();
        this.timer = new OwnTimer("console-heartbeat");
    }

    /** This node's name for this run. */
    String name() {
        return name;
    }

    /** Starts refreshing every {@link #REFRESH}, on the refresh's own thread. */
    @Override
    public void start() {
        timer.start(this::heartbeat, REFRESH);
    }

    /** Stops refreshing, waiting a moment for a refresh under way. */
    @Override
    public void stop() {
        timer.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return timer.running();
    }

    /** Refreshes this node's open rows, closes the rows of lost nodes and removes old tokens. */
    void heartbeat() {
        try {
            Instant now = Instant.now(clock);
            sessions.touch(name, now);
            closeLost(now);
            tokens.purgeExpired(now.minus(TOKENS_KEPT));
        } catch (DataAccessException e) {
            log.warn("Could not refresh this node's consoles: {}", e.getMessage());
        }
    }

    private void closeLost(Instant now) {
        for (ConsoleSessionRepository.LostSession lost : sessions.lost(name, now.minus(LOST_AFTER))) {
            if (sessions.close(lost.id(), ConsoleReason.NODE_LOST.name(), now, null, null, null)) {
                log.info("Closed console {} of '{}': its node stopped refreshing it", lost.id(), lost.username());
                long seconds = Math.max(0, Duration.between(lost.openedAt(), now).toSeconds());
                audit.closed(new ConsoleAudit.Actor(lost.username(), lost.tenantCode(), null, null), null,
                        lost.vmId(), lost.id(), seconds, ConsoleReason.NODE_LOST);
            }
        }
    }
}

package io.vsip4x.portal.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of this node among the portal nodes ({@code portal.cluster.*}).
 *
 * @param nodeName          this node's name, unique among the nodes; empty for {@code host-pid-random}
 * @param heartbeatInterval how often the node refreshes its row and the leases of its claims
 * @param lease             how long a node's heartbeat counts; a node silent for longer is dead and
 *                          its claimed operations are taken over
 * @param shutdownWait      how long a stopping node waits for the sends already under way
 */
@ConfigurationProperties("portal.cluster")
public record ClusterProperties(
        @DefaultValue("") String nodeName,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("20s") Duration shutdownWait) {

    /** The longest node name the tables take. */
    static final int MAX_NAME = 100;

    public ClusterProperties {
        nodeName = nodeName == null ? "" : nodeName.strip();
        if (nodeName.length() > MAX_NAME || !nodeName.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("portal.cluster.node-name must be at most " + MAX_NAME
                    + " letters, digits, dots, dashes or underscores, not '" + nodeName + "'");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("portal.cluster.heartbeat-interval must be positive");
        }
        if (lease.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("portal.cluster.lease must be at least twice "
                    + "portal.cluster.heartbeat-interval, not " + lease);
        }
        if (shutdownWait.isNegative()) {
            throw new IllegalArgumentException("portal.cluster.shutdown-wait must not be negative");
        }
    }
}

package io.vsip4x.portal.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of this node among the portal nodes ({@code portal.cluster.*}). The node's name is
 * resolved once, when the settings are bound (no database needed): the {@link ClusterNode}, its
 * claims and the node tag of every meter all use {@link #nodeName()}.
 *
 * @param nodeName          this node's name, unique among the nodes; when not set, {@code host-pid-random},
 *                          drawn once per set of settings (so once per run)
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
    private static final int MAX_HOST = 60;

    public ClusterProperties {
        nodeName = nodeName == null ? "" : nodeName.strip();
        if (nodeName.length() > MAX_NAME || !nodeName.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("portal.cluster.node-name must be at most " + MAX_NAME
                    + " letters, digits, dots, dashes or underscores, not '" + nodeName + "'");
        }
        if (nodeName.isEmpty()) {
            nodeName = host() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(randomBytes());
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

    /**
     * The host's name without a name lookup: the kernel's ({@code /proc/sys/kernel/hostname}, as
     * {@code hostname} prints it), else {@code $HOSTNAME} or {@code %COMPUTERNAME%}, else
     * {@code node}; cut to fit the column.
     */
    private static String host() {
        String host = kernelHostName();
        if (host.isEmpty()) {
            host = clean(System.getenv("HOSTNAME"));
        }
        if (host.isEmpty()) {
            host = clean(System.getenv("COMPUTERNAME"));
        }
        if (host.isEmpty()) {
            host = "node";
        }
        return host.length() > MAX_HOST ? host.substring(0, MAX_HOST) : host;
    }

    private static String kernelHostName() {
        Path file = Path.of("/proc/sys/kernel/hostname");
        try {
            return Files.isReadable(file) ? clean(Files.readString(file, StandardCharsets.US_ASCII)) : "";
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static String clean(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}

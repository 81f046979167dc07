package io.vsip4x.portal.ops;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vsip4x.portal.platform.PlatformHealth;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every meter of this node tagged with the node's name, and the platform's reachability as a health
 * component of its own ({@code platform}): platform admins see it in {@code /actuator/health}, but it
 * is not part of readiness, so that a platform outage takes no node out of the proxy.
 */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** The tag naming the node on every meter. */
    static final String NODE_TAG = "node";

    /**
     * Tags every meter with {@code portal.cluster.node-name}, or, when it is not set, the host's name
     * and the process id (the start of the cluster node's own default name).
     */
    @Bean
    MeterFilter nodeTag(@Value("${portal.cluster.node-name:}") String configured) {
        String name = configured.isBlank() ? host() + "-" + ProcessHandle.current().pid() : configured.strip();
        return MeterFilter.commonTags(Tags.of(NODE_TAG, name));
    }

    /** Up while the last call to the platform got through, down since one did not; with since when. */
    @Bean
    HealthIndicator platformHealthIndicator(PlatformHealth platform) {
        return () -> {
            PlatformHealth.Reading reading = platform.current();
            Health.Builder health = reading.reachable() ? Health.up() : Health.down();
            return health.withDetail("since", reading.since().toString()).build();
        };
    }

    /** The host's name from the environment (no name lookup). */
    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        host = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
        return host.isEmpty() ? "node" : host;
    }
}

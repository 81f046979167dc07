package io.vsip4x.portal.ops;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vsip4x.portal.cluster.ClusterProperties;
import io.vsip4x.portal.platform.PlatformHealth;
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
     * Tags every meter with the name of this node as the cluster knows it ({@code portal.cluster.node-name},
     * or the {@code host-pid-random} name drawn when the settings were bound): the settings alone, so the
     * meter registry waits on no database.
     */
    @Bean
    MeterFilter nodeTag(ClusterProperties cluster) {
        return MeterFilter.commonTags(Tags.of(NODE_TAG, cluster.nodeName()));
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
}

package io.vsip4x.portal.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sealed audit events are handed to the platform's {@code operateLog}.
 *
 * @param enabled  whether events are forwarded at all; when off they wait, and are forwarded
 *                 from where forwarding stopped once it is on again
 * @param interval how often the forwarder looks for sealed events not yet forwarded
 * @param batch    at most this many events are read for one round
 */
@ConfigurationProperties("portal.audit.forward")
public record AuditForwardProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("500") int batch) {

    public AuditForwardProperties {
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("portal.audit.forward.batch must be 1 to 10000, not " + batch);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("portal.audit.forward.interval must be positive, not " + interval);
        }
    }
}

package io.vsip4x.portal.leases;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How leases run out.
 *
 * @param warnDays  how many days before expiry owners are told, once
 * @param graceDays how many days after expiry (and the shut-down) a VM is deleted
 * @param interval  how often the portal looks for leases that need a step
 */
@ConfigurationProperties("portal.leases")
public record LeaseProperties(
        @DefaultValue("7") int warnDays,
        @DefaultValue("3") int graceDays,
        @DefaultValue("10m") Duration interval) {

    /** The warning period. */
    public Duration warning() {
        return Duration.ofDays(warnDays);
    }

    /** The grace period. */
    public Duration grace() {
        return Duration.ofDays(graceDays);
    }
}

package io.vsip4x.portal.monitoring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How VMs are monitored.
 *
 * @param enabled         whether the portal samples on its own schedule (tests run the sampler directly)
 * @param interval        how often running VMs are sampled
 * @param chunkSize       how many VM ids one {@code getVmMonitorInfo} call asks for
 * @param rawRetention    how long raw samples are kept (the hour chart reads them)
 * @param rollupRetention how long ten-minute averages are kept (the day chart reads them)
 * @param deleteBatch     how many old rows one {@code DELETE} removes
 */
@ConfigurationProperties("portal.monitoring")
@Validated
public record MonitoringProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("100") @Min(1) @Max(1000) int chunkSize,
        @DefaultValue("2h") Duration rawRetention,
        @DefaultValue("2d") Duration rollupRetention,
        @DefaultValue("1000") @Min(1) int deleteBatch) {
}

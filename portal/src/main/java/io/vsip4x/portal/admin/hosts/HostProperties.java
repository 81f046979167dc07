package io.vsip4x.portal.admin.hosts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How hosts are sampled for their charts. The sampler runs while {@code portal.monitoring.enabled}
 * is on, as the VMs' does (tests run it directly).
 *
 * @param sampleInterval how often every online host is sampled
 * @param chunkSize      how many host ids one {@code getHostMonitorInfo} call asks for
 * @param retention      how long samples are kept (the charts show the last hour)
 * @param deleteBatch    how many old rows one {@code DELETE} removes
 */
@ConfigurationProperties("portal.admin.hosts")
@Validated
public record HostProperties(
        @DefaultValue("60s") Duration sampleInterval,
        @DefaultValue("50") @Min(1) @Max(500) int chunkSize,
        @DefaultValue("1d") Duration retention,
        @DefaultValue("1000") @Min(1) int deleteBatch) {
}

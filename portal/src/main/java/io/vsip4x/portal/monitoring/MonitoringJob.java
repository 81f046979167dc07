package io.vsip4x.portal.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples the running VMs and keeps the tables small every {@code portal.monitoring.interval}
 * (a minute by default); off when {@code portal.monitoring.enabled} is {@code false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "portal.monitoring.enabled", matchIfMissing = true)
class MonitoringJob {

    private static final Logger log = LoggerFactory.getLogger(MonitoringJob.class);

    private final MonitorSampler sampler;
    private final Downsampler downsampler;

    MonitoringJob(MonitorSampler sampler, Downsampler downsampler) {
        this.sampler = sampler;
        this.downsampler = downsampler;
    }

    @Scheduled(fixedDelayString = "${portal.monitoring.interval:60s}",
            initialDelayString = "${portal.monitoring.interval:60s}")
    void run() {
        try {
            sampler.run();
        } catch (RuntimeException e) {
            log.error("Monitoring could not store its samples; it samples again on its next tick", e);
        }
        try {
            downsampler.run();
        } catch (RuntimeException e) {
            log.error("Monitoring could not roll up or prune its samples; it tries again on its next tick", e);
        }
    }
}

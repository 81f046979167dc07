package io.vsip4x.portal.monitoring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs a {@link MonitoringRound} every {@code portal.monitoring.interval} (a minute by default);
 * off when {@code portal.monitoring.enabled} is {@code false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "portal.monitoring.enabled", matchIfMissing = true)
class MonitoringJob {

    private final MonitoringRound round;

    MonitoringJob(MonitoringRound round) {
        this.round = round;
    }

    @Scheduled(fixedDelayString = "${portal.monitoring.interval:60s}",
            initialDelayString = "${portal.monitoring.interval:60s}")
    void run() {
        round.run();
    }
}

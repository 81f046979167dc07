package io.vsip4x.portal.admin.hosts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link HostSampler} every {@code portal.admin.hosts.sample-interval}, while
 * {@code portal.monitoring.enabled} is on. Several portal nodes share it: a run holds a database
 * lock ({@code GET_LOCK}) and skips sampling when another node sampled less than half an interval ago.
 */
@Component
@ConditionalOnBooleanProperty(name = "portal.monitoring.enabled", matchIfMissing = true)
class HostSamplingJob {

    private static final Logger log = LoggerFactory.getLogger(HostSamplingJob.class);
    private static final String LOCK = "vsip4x.host-monitoring";

    private final HostSampler sampler;
    private final HostSampleRepository repository;
    private final HostProperties properties;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    HostSamplingJob(HostSampler sampler, HostSampleRepository repository, HostProperties properties,
            JdbcTemplate jdbc, Clock clock) {
        this.sampler = sampler;
        this.repository = repository;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${portal.admin.hosts.sample-interval:60s}",
            initialDelayString = "${portal.admin.hosts.sample-interval:60s}")
    void run() {
        try {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                try (PreparedStatement get = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                    get.setString(1, LOCK);
                    try (ResultSet rs = get.executeQuery()) {
                        if (!rs.next() || rs.getInt(1) != 1) {
                            return null;
                        }
                    }
                }
                try {
                    sampleUnlessRecent();
                } finally {
                    try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                        release.setString(1, LOCK);
                        release.execute();
                    }
                }
                return null;
            });
        } catch (DataAccessException e) {
            log.warn("Host monitoring skipped a round: the database could not be reached ({})", e.getMessage());
        }
    }

    private void sampleUnlessRecent() {
        long now = clock.instant().getEpochSecond();
        long recent = repository.latestSampleTime();
        if (recent <= now - properties.sampleInterval().toSeconds() / 2 || recent > now) {
            sampler.run();
        }
    }
}

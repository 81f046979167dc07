package io.vsip4x.portal.monitoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One round of monitoring: sample the running VMs, then keep the tables small. Several portal
 * nodes share the work: a round runs under a database lock ({@code GET_LOCK}) that only one node
 * holds at a time, and it skips sampling when another node sampled less than half an interval
 * ago, so the VMs are sampled about once per interval whatever the number of nodes.
 */
@Component
class MonitoringRound {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRound.class);
    private static final String LOCK = "vsip4x.monitoring";

    private final MonitorSampler sampler;
    private final Downsampler downsampler;
    private final MonitoringRepository repository;
    private final MonitoringProperties properties;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    MonitoringRound(MonitorSampler sampler, Downsampler downsampler, MonitoringRepository repository,
            MonitoringProperties properties, JdbcTemplate jdbc, Clock clock) {
        this.sampler = sampler;
        this.downsampler = downsampler;
        this.repository = repository;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Runs a round unless another node is running one; failures are logged, never thrown.
     *
     * @return whether this round sampled the VMs
     */
    public boolean run() {
        try {
            return runLocked();
        } catch (DataAccessException e) {
            log.warn("Monitoring skipped a round: the database could not be reached ({})", e.getMessage());
            return false;
        }
    }

    private boolean runLocked() {
        Boolean sampled = jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            if (!lock(connection)) {
                log.debug("Another portal node runs the monitoring round");
                return false;
            }
            try {
                return sampleAndKeepSmall();
            } finally {
                try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    release.setString(1, LOCK);
                    release.execute();
                }
            }
        });
        return Boolean.TRUE.equals(sampled);
    }

    private boolean sampleAndKeepSmall() {
        boolean sampled = false;
        try {
            long now = clock.instant().getEpochSecond();
            long recent = repository.latestSampleTime();
            if (recent <= now - properties.interval().toSeconds() / 2 || recent > now) {
                sampler.run();
                sampled = true;
            }
        } catch (RuntimeException e) {
            log.error("Monitoring could not store its samples; it samples again in its next round", e);
        }
        try {
            downsampler.run();
        } catch (RuntimeException e) {
            log.error("Monitoring could not roll up or prune its samples; it tries again in its next round", e);
        }
        return sampled;
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement get = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            get.setString(1, LOCK);
            try (ResultSet rs = get.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }
}

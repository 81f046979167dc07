package io.vsip4x.portal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.TestClock;
import io.vsip4x.sdk.model.MonitorSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sampling the running VMs through the simulator, keeping the samples small (roll-up into
 * ten-minute buckets, pruning) on the test clock, and a platform that is down or answers badly.
 */
class MonitoringIntegrationTest extends PortalTestSupport {

    @Autowired
    MonitorSampler sampler;
    @Autowired
    Downsampler downsampler;
    @Autowired
    MonitoringRepository repository;
    @Autowired
    MonitoringRound round;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestClock clock;

    @AfterEach
    void backToNormal() {
        clock.reset();
        simulator.simulator().faults().platformDown(false);
        simulator.simulator().faults().clearMethod("getVmMonitorInfo");
    }

    @Test
    void samplesRunningVmsOnlyWithFiguresWithinBounds() {
        TestTenant t = newTenant();
        List<String> vmIds = runningVms(t, 2);
        String running = vmIds.get(0);
        String stopped = vmIds.get(1);
        assertThat(post(t.requester(), "/vms/" + stopped + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> Integer.valueOf(0).equals(vm(t.requester(), stopped).get("status")));

        long before = clock.instant().getEpochSecond();
        int stored = sampler.run();

        assertThat(stored).isPositive();
        assertThat(rows(running)).isEqualTo(1);
        assertThat(rows(stopped)).isZero();
        Map<String, Object> row = jdbc.sql("""
                SELECT sampled_at, cpu_used, mem_used, mem_total, disk_read, net_out, platform_time
                  FROM vm_monitor_sample WHERE vm_id = :vmId""").param("vmId", running).query().singleRow();
        assertThat(((Number) row.get("sampled_at")).longValue()).isBetween(before, before + 5);
        assertThat(((Number) row.get("cpu_used")).doubleValue()).isBetween(0.0, 100.0);
        assertThat(((Number) row.get("mem_total")).longValue()).isEqualTo(2048L << 20);
        assertThat(((Number) row.get("mem_used")).longValue()).isPositive().isLessThanOrEqualTo(2048L << 20);
        assertThat(((Number) row.get("disk_read")).longValue()).isNotNegative();
        assertThat(((Number) row.get("net_out")).longValue()).isNotNegative();
        // The simulator's monitor_time (GMT+08:00) is read as the same instant.
        assertThat(((Number) row.get("platform_time")).longValue()).isBetween(before - 5, before + 5);
    }

    @Test
    void aVmTheplatformDoesNotKnowCostsOnlyItsOwnSample() {
        TestTenant t = newTenant();
        String running = runningVms(t, 1).get(0);
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, template_id, repo_id, cpu, memory_mb, disk_gb,
                                lifecycle, status)
                SELECT :vmId, :vmId, tenant_id, id, 'tpl-centos7', 'pool-prod', 1, 1024, 20, 'ACTIVE', 1
                  FROM app_user WHERE username = :user""")
                .param("vmId", ghost).param("user", t.requester()).update();
        try {
            sampler.run();

            // The platform refuses the whole chunk (2004) for the unknown VM: split, the others still count.
            assertThat(rows(running)).isEqualTo(1);
            assertThat(rows(ghost)).isZero();
        } finally {
            jdbc.sql("DELETE FROM vm WHERE vm_id = :vmId").param("vmId", ghost).update();
        }
    }

    @Test
    void platformDownOrAnsweringBadlyStoresNothingAndLogsOneLine() {
        TestTenant t = newTenant();
        String running = runningVms(t, 1).get(0);
        Logger logger = (Logger) LoggerFactory.getLogger(MonitorSampler.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            simulator.simulator().faults().platformDown(true);
            assertThat(sampler.run()).isZero();
            simulator.simulator().faults().platformDown(false);
            simulator.simulator().faults().answer("getVmMonitorInfo", "9002", null);
            assertThat(sampler.run()).isZero();
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(rows(running)).isZero();
        assertThat(lines.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).hasSize(2);
        simulator.simulator().faults().clearMethod("getVmMonitorInfo");
        assertThat(sampler.run()).isPositive();
        assertThat(rows(running)).isEqualTo(1);
    }

    @Test
    void rollsUpCompleteBucketsAndPrunesOldRowsOnTheClock() {
        // These tests own the monitoring tables: start from a known state.
        jdbc.sql("DELETE FROM vm_monitor_rollup").update();
        String vmId = "roll-" + UUID.randomUUID().toString().substring(0, 8);
        long now = clock.instant().getEpochSecond();
        long bucket = now - Math.floorMod(now, 600) - 1200;
        MonitoringTestData.sample(jdbc, vmId, bucket + 10, 10, 100);
        MonitoringTestData.sample(jdbc, vmId, bucket + 70, 20, 200);
        MonitoringTestData.sample(jdbc, vmId, bucket + 590, 60, 600);
        MonitoringTestData.sample(jdbc, vmId, bucket + 600, 50, 500);
        // Thousands of old samples: deleted in batches, all in one run.
        long old = now - Duration.ofHours(3).toSeconds();
        for (int i = 0; i < 2500; i++) {
            MonitoringTestData.sample(jdbc, vmId + "-old", old - i, 5, 1);
        }

        Downsampler.Result first = downsampler.run();

        assertThat(first.samplesDeleted()).isGreaterThanOrEqualTo(2500);
        assertThat(rows(vmId + "-old")).isZero();
        Map<String, Object> rolled = jdbc.sql("""
                SELECT samples, cpu_avg, cpu_max, disk_read_avg, disk_read_max, net_out_avg, mem_total
                  FROM vm_monitor_rollup WHERE vm_id = :vmId AND bucket_start = :bucket""")
                .param("vmId", vmId).param("bucket", bucket).query().singleRow();
        assertThat(((Number) rolled.get("samples")).intValue()).isEqualTo(3);
        assertThat(((Number) rolled.get("cpu_avg")).doubleValue()).isEqualTo(30.0);
        assertThat(((Number) rolled.get("cpu_max")).doubleValue()).isEqualTo(60.0);
        assertThat(((Number) rolled.get("disk_read_avg")).longValue()).isEqualTo(300);
        assertThat(((Number) rolled.get("disk_read_max")).longValue()).isEqualTo(600);
        assertThat(((Number) rolled.get("net_out_avg")).longValue()).isEqualTo(1200);
        assertThat(((Number) rolled.get("mem_total")).longValue()).isEqualTo(2L << 30);
        assertThat(buckets(vmId)).isEqualTo(2);
        assertThat(rows(vmId)).isEqualTo(4);

        // Three hours on, the raw samples are gone and the buckets stay.
        clock.advance(Duration.ofHours(3));
        downsampler.run();
        assertThat(rows(vmId)).isZero();
        assertThat(buckets(vmId)).isEqualTo(2);

        // Two days and more on, the buckets are gone too.
        clock.advance(Duration.ofDays(2));
        assertThat(downsampler.run().bucketsDeleted()).isGreaterThanOrEqualTo(2);
        assertThat(buckets(vmId)).isZero();
    }

    @Test
    void oneRoundPerIntervalAcrossNodes() throws Exception {
        TestTenant t = newTenant();
        String running = runningVms(t, 1).get(0);
        clock.advance(Duration.ofMinutes(5));

        assertThat(round.run()).isTrue();
        assertThat(rows(running)).isEqualTo(1);
        // Another node starting its round moments later finds the VMs sampled already.
        assertThat(round.run()).isFalse();
        assertThat(rows(running)).isEqualTo(1);

        // While another node holds the round's lock, this one leaves the round to it.
        clock.advance(Duration.ofMinutes(5));
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock = other.prepareStatement("SELECT GET_LOCK('vsip4x.monitoring', 0)")) {
            lock.execute();
            assertThat(round.run()).isFalse();
        }
        assertThat(rows(running)).isEqualTo(1);
        assertThat(round.run()).isTrue();
        assertThat(rows(running)).isEqualTo(2);
    }

    @Test
    void readsThePlatformsTimeOnlyWhenItCanBeRead() {
        assertThat(Reading.platformTime("2026-12-05 08:00:00", "GMT+08:00")).isEqualTo(1_796_428_800L);
        assertThat(Reading.platformTime("2026-12-05 00:00:00", null)).isEqualTo(1_796_428_800L);
        assertThat(Reading.platformTime("yesterday", "GMT+08:00")).isNull();
        assertThat(Reading.platformTime("2026-12-05 08:00:00", "Mars/Olympus")).isNull();
        MonitorSample impossible = new MonitorSample("vm", "vm", 120, 0, 100, 0, 0, 0, 0, 0, null, null, Map.of());
        assertThat(Reading.of("vm", impossible, 0)).isEmpty();
        MonitorSample moreUsedThanThere = new MonitorSample("vm", "vm", 50, -1, 100, 0, 0, 0, 0, 0, null, null,
                Map.of());
        assertThat(Reading.of("vm", moreUsedThanThere, 0)).isEmpty();
    }

    private List<String> runningVms(TestTenant t, int count) {
        long request = submit(t.requester(), smallRequest(count));
        post(t.approver(), "/requests/" + request + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), request).get("state")));
        List<String> ids = ((List<?>) request(t.requester(), request).get("vmIds")).stream()
                .map(Object::toString).toList();
        for (String id : ids) {
            await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), id).get("status")));
        }
        return ids;
    }

    private long rows(String vmId) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_monitor_sample WHERE vm_id = :vmId").param("vmId", vmId)
                .query(Long.class).single();
    }

    private long buckets(String vmId) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_monitor_rollup WHERE vm_id = :vmId").param("vmId", vmId)
                .query(Long.class).single();
    }
}

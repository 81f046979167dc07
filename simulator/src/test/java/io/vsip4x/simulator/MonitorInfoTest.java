package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.MonitorSample;
import io.vsip4x.sdk.model.Monitoring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code getHostMonitorInfo} and {@code getVmMonitorInfo} over HTTP. */
class MonitorInfoTest {

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = new TestPlatform();
        platform.createStopped("pool-test", "vm-mon-run", "vm-mon-stop");
        platform.client.startVm("vm-mon-run");
        platform.awaitStatus("vm-mon-run", 1);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void samplesRunningVmWithinBounds() {
        Monitoring monitoring = platform.client.getVmMonitorInfo(List.of("vm-mon-run"));

        assertThat(monitoring.result().ok()).isTrue();
        MonitorSample sample = monitoring.samples().get("vm-mon-run");
        assertThat(sample.resourceName()).isEqualTo("vm-mon-run");
        assertThat(sample.cpuUsedPercent()).isBetween(1.0, 100.0);
        assertThat(sample.memTotalBytes()).isEqualTo(4 * TestPlatform.GIB);
        assertThat(sample.memUsedBytes()).isPositive().isLessThanOrEqualTo(sample.memTotalBytes());
        assertThat(sample.diskRead()).isNotNegative();
        assertThat(sample.timezone()).isEqualTo("GMT+08:00");
        assertThat(sample.monitorTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(sample.raw()).containsKeys("disklist", "vniclist");
        assertThat((List<?>) sample.raw().get("vniclist")).hasSize(1);
    }

    @Test
    void stoppedVmReportsNoUse() {
        MonitorSample sample = platform.client.getVmMonitorInfo(List.of("vm-mon-stop")).samples().get("vm-mon-stop");

        assertThat(sample.cpuIdlePercent()).isEqualTo(100.0);
        assertThat(sample.memFreeBytes()).isEqualTo(sample.memTotalBytes());
        assertThat(sample.diskRead() + sample.diskWrite() + sample.networkIn() + sample.networkOut()).isZero();
        assertThat(sample.load()).isZero();
    }

    @Test
    void refusesUnknownVmWith2004() {
        Monitoring monitoring = platform.client.getVmMonitorInfo(List.of("vm-mon-run", "no-such-vm"));

        assertThat(monitoring.result().code()).isEqualTo("2004");
        assertThat(monitoring.samples()).isEmpty();
    }

    @Test
    void refusesBlankVmIdWith2003() {
        assertThat(platform.client.getVmMonitorInfo(List.of(" ")).result().code()).isEqualTo("2003");
    }

    @Test
    void samplesHostsWithTheMemoryTheirVmsHold() {
        Monitoring monitoring = platform.client.getHostMonitorInfo(List.of("host-03", "host-04"));

        assertThat(monitoring.result().ok()).isTrue();
        assertThat(monitoring.samples()).containsOnlyKeys("host-03", "host-04");
        long held = monitoring.samples().values().stream().mapToLong(MonitorSample::memUsedBytes).sum();
        assertThat(held).isEqualTo(8 * TestPlatform.GIB);
        for (MonitorSample sample : monitoring.samples().values()) {
            assertThat(sample.cpuUsedPercent()).isBetween(0.0, 100.0);
            assertThat(sample.memTotalBytes()).isEqualTo(32 * TestPlatform.GIB);
            assertThat(sample.raw()).containsKeys("disklist", "niclist");
        }
        assertThat(monitoring.samples().get("host-03").resourceName()).isEqualTo("test-kvm-01");
    }

    @Test
    void refusesUnknownHostWith3022() {
        Monitoring monitoring = platform.client.getHostMonitorInfo(List.of("host-99"));

        assertThat(monitoring.result().code()).isEqualTo("3022");
        assertThat(monitoring.samples()).isEqualTo(Map.of());
    }
}

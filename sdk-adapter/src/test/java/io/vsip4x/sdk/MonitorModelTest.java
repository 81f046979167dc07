package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.MonitorSample;
import io.vsip4x.sdk.model.Monitoring;
import io.vsip4x.sdk.model.PoolMonitor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the monitoring answers, whose keys the spec prints loosely. */
class MonitorModelTest {

    @Test
    void poolMonitorReadsStatisticsUnderEitherSpellingAndPaddedKeys() {
        Map<String, Object> answer = SdkMaps.trimKeys(Map.of(
                "repository ", Map.of("repository.id ", "p1"),
                "vm", List.of(Map.of("vmId", "v1")),
                " vmstatistics", Map.of(" vm.count", "3", " vm.cpu.load", 42),
                " hoststatiscs", Map.of("host.run.count", 2)));

        PoolMonitor monitor = PoolMonitor.from(answer);

        assertThat(monitor.pool().repositoryId()).isEqualTo("p1");
        assertThat(monitor.vms()).hasSize(1);
        assertThat(monitor.hosts()).isEmpty();
        assertThat(monitor.vmStats().count()).isEqualTo(3);
        assertThat(monitor.vmStats().cpuLoad()).isEqualTo(42);
        assertThat(monitor.hostStats().runCount()).isEqualTo(2);
    }

    @Test
    void monitoringReadsDecimalsAndSkipsEntriesThatAreNotMaps() {
        SdkResult result = SdkResult.of(Map.of("result", "0", "data", Map.of(
                "h1", Map.of("cpu_idle", "87.5", "mem_total", "100", "mem_free", "40", "load", "x"),
                "h2", "broken")));

        Monitoring monitoring = Monitoring.from(result);

        assertThat(monitoring.samples()).containsOnlyKeys("h1");
        MonitorSample sample = monitoring.samples().get("h1");
        assertThat(sample.cpuUsedPercent()).isEqualTo(12.5);
        assertThat(sample.memUsedBytes()).isEqualTo(60);
        assertThat(sample.load()).isEqualTo(-1);
    }
}

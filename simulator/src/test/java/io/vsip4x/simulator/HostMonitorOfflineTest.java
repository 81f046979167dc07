package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.MonitorSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A host that is shut down reports no use and its network link down, not the figures of a running one. */
class HostMonitorOfflineTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void aShutDownHostReportsNoUseAndItsLinkDown() {
        MonitorSample running = platform.client.getHostMonitorInfo(List.of("host-04")).samples().get("host-04");
        assertThat(running.diskRead() + running.diskWrite() + running.networkIn() + running.networkOut()).isPositive();
        assertThat(link(running)).isEqualTo("1");

        assertThat(platform.client.shutdownHost("host-04").ok()).isTrue();
        platform.awaitHostEvents("host-04", 1);

        MonitorSample down = platform.client.getHostMonitorInfo(List.of("host-04")).samples().get("host-04");
        assertThat(down.cpuUsedPercent()).isZero();
        assertThat(down.memUsedBytes()).isZero();
        assertThat(down.diskRead() + down.diskWrite() + down.networkIn() + down.networkOut()).isZero();
        assertThat(link(down)).isEqualTo("0");
    }

    @SuppressWarnings("unchecked")
    private static String link(MonitorSample sample) {
        List<Map<String, Object>> nics = (List<Map<String, Object>>) sample.raw().get("niclist");
        return String.valueOf(nics.get(0).get("linkstatus"));
    }
}

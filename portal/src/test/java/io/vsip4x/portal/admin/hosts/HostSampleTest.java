package io.vsip4x.portal.admin.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.MonitorSample;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host sample keeps no figure the platform garbled: an unreadable load is no load, not a load of 0. */
class HostSampleTest {

    private static MonitorSample answer(String load) {
        return MonitorSample.from("host-x", Map.of("cpu_idle", "75", "mem_free", 1024, "mem_total", 4096,
                "disk_read", 1, "disk_write", 2, "network_in", 3, "network_out", 4, "load", load));
    }

    @Test
    void keepsAReadableLoad() {
        assertThat(HostSample.of("host-x", answer("1.234"), 100L)).hasValueSatisfying(s -> {
            assertThat(s.load()).isEqualTo(1.23);
            assertThat(s.cpuUsed()).isEqualTo(25.0);
        });
    }

    @Test
    void aLoadThatIsNotANumberIsNoLoad() {
        assertThat(HostSample.of("host-x", answer("NaN"), 100L))
                .hasValueSatisfying(s -> assertThat(s.load()).as("load of a garbled answer").isNull());
    }

    @Test
    void anInfiniteOrNegativeLoadIsNoLoad() {
        for (String load : new String[] {"Infinity", "-Infinity", "-0.5"}) {
            assertThat(HostSample.of("host-x", answer(load), 100L))
                    .hasValueSatisfying(s -> assertThat(s.load()).as("load %s", load).isNull());
        }
    }

    @Test
    void aCpuShareThatIsNotANumberLeavesTheSampleOutAsForVms() {
        for (String idle : new String[] {"NaN", "Infinity", "-Infinity", "101"}) {
            MonitorSample entry = MonitorSample.from("host-x", Map.of("cpu_idle", idle, "mem_free", 1024,
                    "mem_total", 4096, "load", "1"));
            assertThat(HostSample.of("host-x", entry, 100L)).as("idle %s", idle).isEmpty();
        }
    }
}

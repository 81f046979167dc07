package io.vsip4x.simulator.methods;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.simulator.inventory.DemoInventory;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.methods.MonitorFigures.Figures;
import io.vsip4x.simulator.state.Vm;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The made-up monitoring figures vary over time and stay within bounds. */
class MonitorFiguresTest {

    private static final long GIB = 1L << 30;

    private static Vm vm(String id, int status, String hostId) {
        return new Vm(id, id, "uuid-" + id, status, DemoInventory.POOL_TEST, hostId, "tpl-centos7", 16,
                32 * GIB, 40 * GIB, "secret", null, List.of(), Instant.EPOCH, null);
    }

    @Test
    void runningFiguresVaryButStayBounded() {
        Host host = DemoInventory.create().host("host-03").orElseThrow();
        Vm running = vm("vm-a", 1, "host-03");
        Set<Double> seen = new HashSet<>();
        for (long second = 0; second < 500; second += MonitorFigures.TICK_SECONDS) {
            Instant now = Instant.ofEpochSecond(1_700_000_000L + second);
            Figures guest = MonitorFigures.vm(running, now);
            Figures onHost = MonitorFigures.host(host, List.of(running), now);
            seen.add(guest.cpuUsedPercent());
            assertThat(guest.cpuUsedPercent()).isBetween(0.0, 100.0);
            assertThat(guest.memUsedBytes()).isBetween(0L, guest.memTotalBytes());
            assertThat(onHost.cpuUsedPercent()).isBetween(0.0, 100.0);
            assertThat(onHost.memUsedBytes()).isEqualTo(32 * GIB).isLessThanOrEqualTo(onHost.memTotalBytes());
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void runningFiguresMoveSmoothlyOverTimeAndDifferBetweenVms() {
        Vm running = vm("vm-smooth", 1, "host-03");
        Instant start = Instant.ofEpochSecond(1_700_000_000L);
        double lowest = 100;
        double highest = 0;
        Figures previous = MonitorFigures.vm(running, start);
        for (long second = 60; second <= 3 * 3600; second += 60) {
            Figures now = MonitorFigures.vm(running, start.plusSeconds(second));
            assertThat(now.cpuUsedPercent()).isBetween(1.0, 98.0);
            assertThat(now.memUsedBytes()).isPositive().isLessThan(now.memTotalBytes());
            assertThat(now.diskRead()).isNotNegative();
            assertThat(now.diskWrite()).isNotNegative();
            assertThat(now.networkIn()).isNotNegative();
            assertThat(now.networkOut()).isNotNegative();
            // A minute apart, CPU moves by a few points, not across the whole scale.
            assertThat(Math.abs(now.cpuUsedPercent() - previous.cpuUsedPercent())).isLessThan(15.0);
            lowest = Math.min(lowest, now.cpuUsedPercent());
            highest = Math.max(highest, now.cpuUsedPercent());
            previous = now;
        }
        // Over three hours it swings visibly.
        assertThat(highest - lowest).isGreaterThan(8.0);
        assertThat(MonitorFigures.vm(running, start.plusSeconds(600)))
                .isNotEqualTo(MonitorFigures.vm(running, start));
        assertThat(MonitorFigures.vm(vm("vm-other", 1, "host-03"), start))
                .isNotEqualTo(MonitorFigures.vm(running, start));
    }

    @Test
    void vmThatIsNotRunningUsesNothing() {
        for (int status : new int[] {0, 4, 6}) {
            Figures figures = MonitorFigures.vm(vm("vm-b", status, "host-03"), Instant.now());
            assertThat(figures).isEqualTo(Figures.idle(32 * GIB));
        }
    }
}

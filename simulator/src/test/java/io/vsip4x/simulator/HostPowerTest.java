package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.simulator.state.Vm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** startHost and shutdownHost over HTTP: host events, the states they need, and placement. */
class HostPowerTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        // A power delay long enough to observe an operation in flight.
        platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private void shutDown(String hostId, int eventCount) {
        assertThat(platform.client.shutdownHost(hostId).ok()).isTrue();
        platform.awaitHostEvents(hostId, eventCount);
    }

    @Test
    void shutsDownAnIdleHostWithAHostEvent3001() {
        assertThat(platform.client.shutdownHost("host-04").ok()).isTrue();

        Map<String, Object> event = platform.awaitHostEvents("host-04", 1).get(0);
        assertThat(event).containsEntry("vmId", "").containsEntry("hostId", "host-04")
                .containsEntry("operation", "shutdownHost").containsEntry("result", "3001")
                .containsEntry("resultinfo", "物理机停止成功").containsEntry("status", null)
                .containsEntry("sequence", 1);
        assertThat(platform.online("host-04")).isFalse();
        assertThat(platform.client.searchHostList(Map.of("host.online", "false")))
                .extracting(HostInfo::hostId).containsExactly("host-04");
    }

    @Test
    void startsAShutDownHostWithAHostEvent3000() {
        shutDown("host-04", 1);

        assertThat(platform.client.startHost("host-04").ok()).isTrue();

        Map<String, Object> event = platform.awaitHostEvents("host-04", 2).get(1);
        assertThat(event).containsEntry("operation", "startHost").containsEntry("result", "3000")
                .containsEntry("vmId", "").containsEntry("sequence", 2);
        assertThat(platform.online("host-04")).isTrue();
    }

    @Test
    void refusesAnUnknownHostWith3022() {
        assertThat(platform.client.startHost("host-99").code()).isEqualTo("3022");
        assertThat(platform.client.shutdownHost("host-99").code()).isEqualTo("3022");
        assertThat(platform.client.shutdownHost("host-99").info()).isEqualTo("物理机不存在");
    }

    @Test
    void refusesToShutDownAHostThatIsDownWith3023() {
        shutDown("host-04", 1);

        assertThat(platform.client.shutdownHost("host-04").code()).isEqualTo("3023");
    }

    @Test
    void refusesToStartARunningHostWith9004() {
        assertThat(platform.client.startHost("host-04").code()).isEqualTo("9004");
        assertThat(platform.online("host-04")).isTrue();
    }

    @Test
    void refusesASecondOperationWhileOneIsInFlightWith9004() {
        // Long enough that a loaded machine cannot finish the shutdown before the second call.
        platform.simulator.setMethodDelay("shutdownHost", Duration.ofSeconds(10));
        assertThat(platform.client.shutdownHost("host-04").ok()).isTrue();

        assertThat(platform.client.startHost("host-04").code()).isEqualTo("9004");
        assertThat(platform.client.shutdownHost("host-04").code()).isEqualTo("9004");
    }

    @Test
    void refusesToShutDownAHostWithARunningVmWith9004ButNotWithAStoppedOne() {
        platform.createStopped("pool-test", "vm-on-host");
        String hostId = platform.simulator.vm("vm-on-host").map(Vm::hostId).orElseThrow();
        platform.client.startVm("vm-on-host");
        platform.awaitStatus("vm-on-host", 1);

        assertThat(platform.client.shutdownHost(hostId).code()).isEqualTo("9004");
        assertThat(platform.online(hostId)).isTrue();

        platform.client.shutdownVm("vm-on-host");
        platform.awaitStatus("vm-on-host", 0);
        assertThat(platform.client.shutdownHost(hostId).ok()).isTrue();
    }

    @Test
    void aShutDownHostTakesNoNewVmsAndStartsNoneOfItsOwn() {
        platform.createStopped("pool-test", "vm-stays");
        String hostId = platform.simulator.vm("vm-stays").map(Vm::hostId).orElseThrow();
        long before = platform.client.getCreateRemainder(TestPlatform.spec("pool-test", "x"), "pool-test")
                .availableNum();

        shutDown(hostId, 1);

        // The other host of pool-test has room for 8 VMs of 2 vCPU / 4 GiB; the shut-down one for none.
        long after = platform.client.getCreateRemainder(TestPlatform.spec("pool-test", "x"), "pool-test")
                .availableNum();
        assertThat(before).isEqualTo(15);
        assertThat(after).isEqualTo(8);
        String[] nine = {"n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"};
        assertThat(platform.client.createVm(TestPlatform.spec("pool-test", nine)).code()).isEqualTo("2002");
        // Starting a VM needs its host running: 3023.
        assertThat(platform.client.startVm("vm-stays").code()).isEqualTo("3023");
    }

    @Test
    void completesWith3021WhenTheShutdownFailsAndKeepsTheHostRunning() {
        platform.simulator.setOperationFailing("shutdownHost", true);

        assertThat(platform.client.shutdownHost("host-04").ok()).isTrue();

        assertThat(platform.awaitHostEvents("host-04", 1).get(0)).containsEntry("result", "3021");
        assertThat(platform.online("host-04")).isTrue();
    }

    @Test
    void aHostBeingShutDownTakesNoNewWork() {
        // The shutdown stays in flight for the whole test, however slow the machine.
        try (TestPlatform slow = new TestPlatform(s -> s.withMethodDelay("shutdownHost", Duration.ofMinutes(1)))) {
            slow.createStopped("pool-test", "vm-idle", "vm-other");
            String hostId = slow.simulator.vm("vm-idle").map(Vm::hostId).orElseThrow();
            String otherHost = "host-03".equals(hostId) ? "host-04" : "host-03";
            assertThat(slow.client.migrateVm("vm-other", otherHost).ok() || slow.simulator.vm("vm-other")
                    .map(Vm::hostId).filter(otherHost::equals).isPresent()).isTrue();
            slow.awaitStatus("vm-other", 0);

            assertThat(slow.client.shutdownHost(hostId).ok()).isTrue();

            assertThat(slow.online(hostId)).as("a host being shut down reads as not running").isFalse();
            assertThat(slow.client.startVm("vm-idle").code()).isEqualTo("3023");
            assertThat(slow.client.migrateVm("vm-other", hostId).code()).isEqualTo("3023");
            assertThat(slow.simulator.vm("vm-idle")).get().extracting(Vm::status).isEqualTo(0);
        }
    }
}

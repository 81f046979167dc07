package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.simulator.state.Vm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** migrateVm over HTTP: a VM changes host inside its pool through status 7, with its callback. */
class MigrateVmTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform(s -> s.withMethodDelay("migrateVm", Duration.ofMillis(400)));
        platform.createStopped("pool-test", "vm-a");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private String hostOf(String vmId) {
        return platform.simulator.vm(vmId).map(Vm::hostId).orElseThrow();
    }

    /** The other host of the test pool. */
    private String otherHost(String vmId) {
        return "host-03".equals(hostOf(vmId)) ? "host-04" : "host-03";
    }

    @Test
    void migratesARunningVmToAnotherHostOfItsPoolThroughStatus7() {
        platform.client.startVm("vm-a");
        platform.awaitStatus("vm-a", 1);
        String target = otherHost("vm-a");

        SdkResult accepted = platform.client.migrateVm("vm-a", target);

        assertThat(accepted.ok()).isTrue();
        assertThat(platform.client.resynVm("vm-a").get("status")).isEqualTo("7");
        assertThat(platform.client.searchVmList(Map.of("vmId", "vm-a")).get(0).status()).isEqualTo(7);
        Map<String, Object> event = platform.awaitEvents("vm-a", 4).get(3);
        assertThat(event).containsEntry("operation", "migrateVm").containsEntry("result", "2018")
                .containsEntry("status", "1").containsEntry("hostId", target);
        VmSummary vm = platform.client.searchVmList(Map.of("vmId", "vm-a")).get(0);
        assertThat(vm.status()).isEqualTo(1);
        assertThat(vm.hostId()).isEqualTo(target);
        assertThat(vm.repoName()).isEqualTo("pool-test");
    }

    @Test
    void migratesAStoppedVmAndLeavesItStopped() {
        String target = otherHost("vm-a");

        assertThat(platform.client.migrateVm("vm-a", target).ok()).isTrue();

        assertThat(platform.awaitEvents("vm-a", 3).get(2)).containsEntry("result", "2018")
                .containsEntry("status", "0").containsEntry("hostId", target);
        assertThat(platform.simulator.vm("vm-a")).get().matches(vm -> vm.status() == 0 && !vm.busy());
    }

    @Test
    void refusesUnknownVmsWith2004AndBlankIdsWith2003() {
        assertThat(platform.client.migrateVm("vm-none", "host-03").code()).isEqualTo("2004");
        assertThat(platform.client.migrateVm(" ", "host-03").code()).isEqualTo("2003");
        assertThat(platform.client.migrateVm("vm-a", "").code()).isEqualTo("2003");
    }

    @Test
    void refusesUnknownHostsWith3022AndHostsOfAnotherPoolOrItsOwnWith2046() {
        String own = hostOf("vm-a");

        assertThat(platform.client.migrateVm("vm-a", "host-99").code()).isEqualTo("3022");
        assertThat(platform.client.migrateVm("vm-a", "host-01").code()).isEqualTo("2046");
        assertThat(platform.client.migrateVm("vm-a", own).code()).isEqualTo("2046");
        assertThat(hostOf("vm-a")).isEqualTo(own);
    }

    @Test
    void refusesAHostThatIsShutDownWith3023() {
        String target = otherHost("vm-a");
        assertThat(platform.client.shutdownHost(target).ok()).isTrue();
        platform.awaitHostEvents(target, 1);

        assertThat(platform.client.migrateVm("vm-a", target).code()).isEqualTo("3023");
        assertThat(platform.simulator.vm("vm-a")).get().matches(vm -> vm.status() == 0 && !vm.busy());
    }

    @Test
    void refusesAHostWithoutRoomWith2002() {
        String target = otherHost("vm-a");
        // A 16 vCPU VM takes every core of the target host.
        Map<String, Object> big = new LinkedHashMap<>(TestPlatform.spec("pool-test", "vm-big").toParams());
        big.put("vmCPUNum", "16");
        big.put("hostId", target);
        assertThat(platform.client.call("createVm", big)).asInstanceOf(MAP).containsEntry("result", "0");
        platform.awaitStatus("vm-big", 0);

        assertThat(platform.client.migrateVm("vm-a", target).code()).isEqualTo("2002");
    }

    @Test
    void refusesAPausedOrBusyVmWith2052() {
        String target = otherHost("vm-a");
        platform.client.startVm("vm-a");
        platform.awaitStatus("vm-a", 1);
        platform.client.pauseVm("vm-a");
        platform.awaitStatus("vm-a", 4);
        assertThat(platform.client.migrateVm("vm-a", target).code()).isEqualTo("2052");

        platform.client.resumeVm("vm-a");
        platform.awaitStatus("vm-a", 1);
        assertThat(platform.client.migrateVm("vm-a", target).ok()).isTrue();
        // The first migration is still in flight.
        assertThat(platform.client.migrateVm("vm-a", hostOf("vm-a")).code()).isEqualTo("2052");
        assertThat(platform.client.shutdownVm("vm-a").code()).isEqualTo("2052");
        assertThat(platform.awaitEvents("vm-a", 6).get(5)).containsEntry("result", "2018");
    }

    @Test
    void returnsTheVmToItsHostWhenTheMigrationIsMadeToFail() {
        String source = hostOf("vm-a");
        platform.simulator.setOperationFailing("migrateVm", true);

        assertThat(platform.client.migrateVm("vm-a", otherHost("vm-a")).ok()).isTrue();

        List<Map<String, Object>> events = platform.awaitEvents("vm-a", 3);
        assertThat(events.get(2)).containsEntry("result", "2069").containsEntry("status", "0")
                .containsEntry("hostId", source);
        assertThat(platform.simulator.vm("vm-a")).get().matches(vm -> vm.hostId().equals(source) && !vm.busy());
        assertThat(platform.client.searchVmList(Map.of("vmId", "vm-a")).get(0).memoryBytes()).isEqualTo(4 * GIB);
    }
}

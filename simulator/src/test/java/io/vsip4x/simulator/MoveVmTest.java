package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.simulator.state.Vm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** moveVm over HTTP: a stopped VM and its disk go to a host of another pool (catalog A57). */
class MoveVmTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform(s -> s.withMethodDelay("moveVm", Duration.ofMillis(400)));
        platform.createStopped("pool-test", "vm-m");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private long free(String pool) {
        return platform.client.getRepositoryInfo(pool).map(PoolInfo::freeBytes).orElseThrow();
    }

    @Test
    void movesAStoppedVmWithItsDiskToAHostOfAnotherPool() {
        long testFree = free("pool-test");
        long prodFree = free("pool-prod");

        assertThat(platform.client.moveVm("vm-m", "host-02", "pool-prod").ok()).isTrue();

        assertThat(platform.client.searchVmList(Map.of("vmId", "vm-m")).get(0).status()).isEqualTo(7);
        assertThat(platform.awaitEvents("vm-m", 3).get(2)).containsEntry("operation", "moveVm")
                .containsEntry("result", "2018").containsEntry("status", "0").containsEntry("hostId", "host-02");
        VmSummary vm = platform.client.searchVmList(Map.of("vmId", "vm-m")).get(0);
        assertThat(vm.hostId()).isEqualTo("host-02");
        assertThat(vm.repoName()).isEqualTo("pool-prod");
        assertThat(vm.status()).isZero();
        assertThat(free("pool-test")).isEqualTo(testFree + 40 * GIB);
        assertThat(free("pool-prod")).isEqualTo(prodFree - 40 * GIB);
        assertThat(platform.client.startVm("vm-m").ok()).isTrue();
        platform.awaitStatus("vm-m", 1);
    }

    @Test
    void acceptsThePoolByNameAndAnotherHostOfTheSamePool() {
        String other = platform.simulator.vm("vm-m").map(Vm::hostId).filter("host-03"::equals).isPresent()
                ? "host-04" : "host-03";

        assertThat(platform.client.moveVm("vm-m", other, "测试资源池").ok()).isTrue();

        assertThat(platform.awaitEvents("vm-m", 3).get(2)).containsEntry("result", "2018")
                .containsEntry("hostId", other);
    }

    @Test
    void refusesARunningVmWith2049AndAnUnknownVmWith2004() {
        platform.client.startVm("vm-m");
        platform.awaitStatus("vm-m", 1);

        assertThat(platform.client.moveVm("vm-m", "host-01", "pool-prod").code()).isEqualTo("2049");
        assertThat(platform.client.moveVm("vm-none", "host-01", "pool-prod").code()).isEqualTo("2004");
        assertThat(platform.client.moveVm("vm-m", "host-01", " ").code()).isEqualTo("2003");
    }

    @Test
    void refusesAnUnknownPoolWith4020AndUnknownOrForeignHostsWith3022And2046() {
        String own = platform.simulator.vm("vm-m").map(Vm::hostId).orElseThrow();

        assertThat(platform.client.moveVm("vm-m", "host-01", "pool-none").code()).isEqualTo("4020");
        assertThat(platform.client.moveVm("vm-m", "host-99", "pool-prod").code()).isEqualTo("3022");
        assertThat(platform.client.moveVm("vm-m", "host-03", "pool-prod").code()).isEqualTo("2046");
        assertThat(platform.client.moveVm("vm-m", own, "pool-test").code()).isEqualTo("2046");
        assertThat(platform.simulator.vm("vm-m")).get().matches(vm -> "pool-test".equals(vm.poolId()));
    }

    @Test
    void refusesAHostThatIsShutDownWith3023AndAPoolWithoutRoomWith2002() {
        assertThat(platform.client.shutdownHost("host-01").ok()).isTrue();
        platform.awaitHostEvents("host-01", 1);
        assertThat(platform.client.moveVm("vm-m", "host-01", "pool-prod").code()).isEqualTo("3023");

        platform.simulator.setCapacityExhausted("pool-prod", true);
        assertThat(platform.client.moveVm("vm-m", "host-02", "pool-prod").code()).isEqualTo("2002");
    }

    @Test
    void refusesToTakeAMountedDataDiskToAnotherPoolWith2052() {
        platform.client.createDataDisk(new CreateDataDiskSpec("disk-m", GIB, "alice", null, "pool-test"));
        assertThat(platform.client.mountDataDisk("vm-m", "disk-m").ok()).isTrue();

        assertThat(platform.client.moveVm("vm-m", "host-01", "pool-prod").code()).isEqualTo("2052");
    }

    @Test
    void refusesAPoolThatDoesNotOfferTheVmsNetworkWith2003() {
        CreateVmSpec onLab = new CreateVmSpec("tpl-centos7", "pool-test", 2, 4 * GIB, 40 * GIB, "vnet-lab",
                List.of("vm-lab"));
        assertThat(platform.client.createVm(onLab).ok()).isTrue();
        platform.awaitStatus("vm-lab", 0);

        assertThat(platform.client.moveVm("vm-lab", "host-01", "pool-prod").code()).isEqualTo("2003");
        assertThat(platform.simulator.vm("vm-lab")).get().matches(vm -> "pool-test".equals(vm.poolId()));
    }

    @Test
    void leavesTheVmInItsPoolWhenTheMoveIsMadeToFail() {
        String own = platform.simulator.vm("vm-m").map(Vm::hostId).orElseThrow();
        platform.simulator.setOperationFailing("moveVm", true);

        assertThat(platform.client.moveVm("vm-m", "host-01", "pool-prod").ok()).isTrue();

        assertThat(platform.awaitEvents("vm-m", 3).get(2)).containsEntry("result", "2069")
                .containsEntry("status", "0").containsEntry("hostId", own);
        VmSummary vm = platform.client.searchVmList(Map.of("vmId", "vm-m")).get(0);
        assertThat(vm.repoName()).isEqualTo("pool-test");
        assertThat(vm.hostId()).isEqualTo(own);
    }
}

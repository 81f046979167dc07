package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.Remainder;
import io.vsip4x.sdk.model.VmSummary;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * getModifyRemainder and modifyVm over HTTP. Two 2 vCPU / 4 GiB VMs share host-03 (16 vCPU,
 * 32 GiB), so either can grow to 14 vCPU or 28 GiB and no further.
 */
class ModifyVmTest {

    private static final long GIB = TestPlatform.GIB;
    private TestPlatform platform;

    @BeforeEach
    void start() {
        // A power delay long enough to observe the in-flight status and refusals.
        platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofMillis(300)));
        Map<String, Object> params = TestPlatform.spec("pool-test", "vm-m", "vm-n").toParams();
        params.put("hostId", "host-03");
        platform.client.call("createVm", params);
        platform.awaitStatus("vm-m", 0);
        platform.awaitStatus("vm-n", 0);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void reportsRoomOnTheVmsHost() {
        Remainder fits = platform.client.getModifyRemainder(ModifyVmSpec.resize("vm-m", 14, 4 * GIB));
        Remainder tooMany = platform.client.getModifyRemainder(ModifyVmSpec.resize("vm-m", 15, 4 * GIB));
        Remainder tooMuch = platform.client.getModifyRemainder(ModifyVmSpec.resize("vm-m", 2, 29 * GIB));

        assertThat(fits.satisfied()).isTrue();
        assertThat(fits.result().code()).isEqualTo("0");
        assertThat(tooMany.satisfied()).isFalse();
        assertThat(tooMany.result().code()).isEqualTo("0");
        assertThat(tooMuch.satisfied()).isFalse();
    }

    @Test
    void answersRemainderOfUnknownVmWith2004AndOfBadSizesWith2003() {
        Remainder unknown = platform.client.getModifyRemainder(ModifyVmSpec.resize("vm-none", 2, 4 * GIB));
        Remainder invalid = platform.client.getModifyRemainder(ModifyVmSpec.resize("vm-m", 17, 4 * GIB));

        assertThat(unknown.satisfied()).isFalse();
        assertThat(unknown.result().code()).isEqualTo("2004");
        assertThat(invalid.result().code()).isEqualTo("2003");
        assertThat(invalid.result().get("rs")).isEqualTo("0");
    }

    @Test
    void resizesARunningVmThroughStatus2WithCallback2017() {
        platform.client.startVm("vm-m");
        platform.awaitStatus("vm-m", 1);

        SdkResult accepted = platform.client.modifyVm(ModifyVmSpec.resize("vm-m", 4, 8 * GIB));

        assertThat(accepted.ok()).isTrue();
        assertThat(platform.client.resynVm("vm-m").get("status")).isEqualTo("2");
        Map<String, Object> event = platform.awaitEvents("vm-m", 4).get(3);
        assertThat(event).containsEntry("operation", "modifyVm").containsEntry("result", "2017")
                .containsEntry("status", "1").containsEntry("resultinfo", "虚拟机变更成功");
        VmSummary vm = platform.client.searchVmList(Map.of("vmId", "vm-m")).get(0);
        assertThat(vm.status()).isEqualTo(1);
        assertThat(vm.cpu()).isEqualTo(4);
        assertThat(vm.memoryBytes()).isEqualTo(8 * GIB);
    }

    @Test
    void returnsAStoppedVmToStoppedAndGrowsItsDisk() {
        SdkResult accepted = platform.client.modifyVm(new ModifyVmSpec("vm-n", null, null, 60 * GIB));

        assertThat(accepted.ok()).isTrue();
        assertThat(platform.awaitEvents("vm-n", 3).get(2)).containsEntry("result", "2017").containsEntry("status", "0");
        platform.awaitStatus("vm-n", 0);
        assertThat(platform.simulator.vm("vm-n")).get().matches(vm -> vm.diskBytes() == 60 * GIB && vm.cpu() == 2);
    }

    @Test
    void refusesAChangeBeyondTheHostsRoomWith2002() {
        SdkResult refused = platform.client.modifyVm(ModifyVmSpec.resize("vm-m", 15, 4 * GIB));

        assertThat(refused.code()).isEqualTo("2002");
        assertThat(platform.simulator.vm("vm-m")).get().matches(vm -> vm.cpu() == 2 && vm.status() == 0);
    }

    @Test
    void refusesSizesOutsideTheSpecsLimitsWith2003() {
        // 17 vCPU, memory not a multiple of 512 MiB, memory above 32 GiB, a shrinking disk.
        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-m", 17, 4 * GIB)).code()).isEqualTo("2003");
        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-m", 2, 4 * GIB + 1)).code()).isEqualTo("2003");
        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-m", 2, 33 * GIB)).code()).isEqualTo("2003");
        assertThat(platform.client.modifyVm(new ModifyVmSpec("vm-m", null, null, 20 * GIB)).code()).isEqualTo("2003");
        assertThat(platform.client.modifyVm(new ModifyVmSpec("vm-m", null, null, null)).code()).isEqualTo("2003");
    }

    @Test
    void refusesUnknownVmsWith2004() {
        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-none", 2, 4 * GIB)).code()).isEqualTo("2004");
    }

    @Test
    void refusesToChangeAPausedOrBusyVmWith2052() {
        platform.client.startVm("vm-m");
        platform.awaitStatus("vm-m", 1);
        platform.client.pauseVm("vm-m");
        platform.awaitStatus("vm-m", 4);
        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-m", 4, 4 * GIB)).code()).isEqualTo("2052");

        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-n", 4, 4 * GIB)).ok()).isTrue();
        // The first change of vm-n is still in flight.
        assertThat(platform.client.modifyVm(ModifyVmSpec.resize("vm-n", 6, 4 * GIB)).code()).isEqualTo("2052");
    }

    @Test
    void restoresTheOldSizeWhenTheChangeIsMadeToFail() {
        platform.simulator.setOperationFailing("modifyVm", true);

        platform.client.modifyVm(ModifyVmSpec.resize("vm-m", 8, 16 * GIB));

        assertThat(platform.awaitEvents("vm-m", 3).get(2)).containsEntry("result", "2063").containsEntry("status", "0");
        assertThat(platform.simulator.vm("vm-m")).get().matches(vm -> vm.cpu() == 2 && vm.memoryBytes() == 4 * GIB);
    }
}

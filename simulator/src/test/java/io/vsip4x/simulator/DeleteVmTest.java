package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** deleteVm and deleteVmBatch over HTTP: stopped VMs only, gone after the delay, callback 2014. */
class DeleteVmTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        // A power delay long enough to observe the in-flight status and refusals.
        platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void deletesAStoppedVmWithCallback2014AndNoStatus() {
        platform.createStopped("pool-test", "vm-d");

        SdkResult accepted = platform.client.deleteVm("vm-d");

        assertThat(accepted.ok()).isTrue();
        Map<String, Object> event = platform.awaitEvents("vm-d", 3).get(2);
        assertThat(event).containsEntry("operation", "deleteVm").containsEntry("result", "2014")
                .containsEntry("resultinfo", "虚拟机成功删除");
        assertThat(event.get("status")).isNull();
        assertThat(platform.simulator.vm("vm-d")).isEmpty();
        assertThat(platform.client.searchVmList(Map.of("vmId", "vm-d"))).isEmpty();
        assertThat(platform.client.resynVm("vm-d").code()).isEqualTo("2004");
    }

    @Test
    void showsStatus11WhileErasingSecurely() {
        platform.createStopped("pool-test", "vm-e");

        assertThat(platform.client.deleteVm("vm-e", true).ok()).isTrue();

        assertThat(platform.client.resynVm("vm-e").get("status")).isEqualTo("11");
        assertThat(platform.awaitEvents("vm-e", 3).get(2)).containsEntry("result", "2014");
        assertThat(platform.simulator.vm("vm-e")).isEmpty();
    }

    @Test
    void refusesToDeleteARunningVmWith2049() {
        platform.createStopped("pool-test", "vm-r");
        platform.client.startVm("vm-r");
        platform.awaitStatus("vm-r", 1);

        SdkResult refused = platform.client.deleteVm("vm-r");

        assertThat(refused.code()).isEqualTo("2049");
        assertThat(platform.simulator.vm("vm-r")).isPresent();
    }

    @Test
    void refusesUnknownVmsWith2004() {
        assertThat(platform.client.deleteVm("vm-none").code()).isEqualTo("2004");
    }

    @Test
    void refusesToDeleteAVmBeingCreatedWith2052() {
        assertThat(platform.client.createVm(TestPlatform.spec("pool-test", "vm-c")).ok()).isTrue();

        assertThat(platform.client.deleteVm("vm-c").code()).isEqualTo("2052");
    }

    @Test
    void keepsTheVmStoppedWhenDeletionIsMadeToFail() {
        platform.createStopped("pool-test", "vm-f");
        platform.simulator.setOperationFailing("deleteVm", true);

        platform.client.deleteVm("vm-f");

        assertThat(platform.awaitEvents("vm-f", 3).get(2)).containsEntry("result", "2044").containsEntry("status", "0");
        assertThat(platform.simulator.vm("vm-f")).isPresent();
    }

    @Test
    void deletesEveryVmOfABatchWithOneCallbackEach() {
        platform.createStopped("pool-test", "vm-b1", "vm-b2");

        SdkResult accepted = platform.client.deleteVmBatch(List.of("vm-b1", "vm-b2"), false);

        assertThat(accepted.ok()).isTrue();
        for (String id : List.of("vm-b1", "vm-b2")) {
            assertThat(platform.awaitEvents(id, 3).get(2)).containsEntry("operation", "deleteVmBatch")
                    .containsEntry("result", "2014");
            assertThat(platform.simulator.vm(id)).isEmpty();
        }
    }

    @Test
    void refusesTheWholeBatchWhenOneVmIsRunning() {
        platform.createStopped("pool-test", "vm-s1", "vm-s2");
        platform.client.startVm("vm-s2");
        platform.awaitStatus("vm-s2", 1);

        SdkResult refused = platform.client.deleteVmBatch(List.of("vm-s1", "vm-s2"), false);

        assertThat(refused.code()).isEqualTo("2049");
        Await.never("vm-s1 is deleted", Duration.ofMillis(300), () -> platform.simulator.vm("vm-s1").isEmpty());
    }

    @Test
    void refusesABatchWithAnUnknownVmWith2004() {
        platform.createStopped("pool-test", "vm-k");

        assertThat(platform.client.deleteVmBatch(List.of("vm-k", "vm-none"), false).code()).isEqualTo("2004");
        assertThat(platform.simulator.vm("vm-k")).get().matches(vm -> !vm.busy());
    }

    @Test
    void refusesAnEmptyOrRepeatingBatchWith2003() {
        platform.createStopped("pool-test", "vm-x");

        assertThat(platform.client.deleteVmBatch(List.of(), false).code()).isEqualTo("2003");
        assertThat(platform.client.deleteVmBatch(List.of("vm-x", "vm-x"), false).code()).isEqualTo("2003");
    }
}

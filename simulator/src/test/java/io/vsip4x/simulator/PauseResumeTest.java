package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pauseVm and resumeVm over HTTP: the states they need, the states they leave and their callbacks. */
class PauseResumeTest {

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

    /** Creates VM {@code id} and starts it; its events so far: created (2), started (1). */
    private void running(String id) {
        platform.createStopped("pool-test", id);
        assertThat(platform.client.startVm(id).ok()).isTrue();
        platform.awaitStatus(id, 1);
    }

    @Test
    void pausesARunningVmWithCallback2012() {
        running("vm-p");

        SdkResult accepted = platform.client.pauseVm("vm-p");

        assertThat(accepted.ok()).isTrue();
        Map<String, Object> event = platform.awaitEvents("vm-p", 4).get(3);
        assertThat(event).containsEntry("operation", "pauseVm").containsEntry("result", "2012")
                .containsEntry("status", "4").containsEntry("resultinfo", "虚拟机成功暂停");
        platform.awaitStatus("vm-p", 4);
        assertThat(platform.client.resynVm("vm-p").get("status")).isEqualTo("4");
    }

    @Test
    void resumesAPausedVmWithCallback2013() {
        running("vm-r");
        platform.client.pauseVm("vm-r");
        platform.awaitStatus("vm-r", 4);

        SdkResult accepted = platform.client.resumeVm("vm-r");

        assertThat(accepted.ok()).isTrue();
        Map<String, Object> event = platform.awaitEvents("vm-r", 5).get(4);
        assertThat(event).containsEntry("operation", "resumeVm").containsEntry("result", "2013")
                .containsEntry("status", "1");
        platform.awaitStatus("vm-r", 1);
    }

    @Test
    void refusesToPauseAVmThatIsNotRunningWith2050() {
        platform.createStopped("pool-test", "vm-s");

        assertThat(platform.client.pauseVm("vm-s").code()).isEqualTo("2050");
        assertThat(platform.simulator.vm("vm-s")).get().extracting(vm -> vm.status()).isEqualTo(0);
    }

    @Test
    void refusesToResumeAVmThatIsNotPausedWith2051() {
        running("vm-t");

        SdkResult refused = platform.client.resumeVm("vm-t");

        assertThat(refused.code()).isEqualTo("2051");
        assertThat(refused.info()).isEqualTo("虚拟机是暂停状态才能恢复运行");
    }

    @Test
    void refusesUnknownVmsWith2004() {
        assertThat(platform.client.pauseVm("vm-none").code()).isEqualTo("2004");
        assertThat(platform.client.resumeVm("vm-none").code()).isEqualTo("2004");
    }

    @Test
    void refusesToPauseWhileAnotherOperationIsInFlightWith2052() {
        running("vm-u");
        assertThat(platform.client.pauseVm("vm-u").ok()).isTrue();

        // The pause itself is still in flight.
        assertThat(platform.client.pauseVm("vm-u").code()).isEqualTo("2052");
    }

    @Test
    void leavesTheVmRunningWhenPauseIsMadeToFail() {
        running("vm-f");
        platform.simulator.setOperationFailing("pauseVm", true);

        platform.client.pauseVm("vm-f");

        assertThat(platform.awaitEvents("vm-f", 4).get(3)).containsEntry("result", "2042").containsEntry("status", "1");
    }
}

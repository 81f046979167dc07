package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.HostInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state file, the hosts' power state outlives the simulator; older files still load. */
class HostPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void keepsAShutDownHostDownForANewSimulatorOnTheSameFile() {
        Path file = dir.resolve("sim.json");
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(first.client.shutdownHost("host-02").ok()).isTrue();
            first.awaitHostEvents("host-02", 1);
            // Until the simulator has seen the event delivered, it would deliver it again after the
            // restart, to this receiver that is gone by then, ahead of the next event of the host.
            Await.until("the event is off the queue", () -> first.simulator.pendingCallbacks().isEmpty());
        }

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(second.online("host-02")).isFalse();
            assertThat(second.online("host-01")).isTrue();
            assertThat(second.client.shutdownHost("host-02").code()).isEqualTo("3023");

            assertThat(second.client.startHost("host-02").ok()).isTrue();
            // The host's event counter went on across the restart.
            assertThat(second.awaitHostEvents("host-02", 1).get(0)).containsEntry("result", "3000")
                    .containsEntry("sequence", 2);
            assertThat(second.online("host-02")).isTrue();
        }
    }

    @Test
    void loadsAStateFileWrittenBeforeHostOperationsExisted() throws IOException {
        Path file = dir.resolve("old.json");
        Files.writeString(file, """
                {"version": 1, "vms": [], "sequences": {}, "callbacks": []}
                """);

        try (TestPlatform platform = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(platform.client.searchHostList(Map.of())).extracting(HostInfo::online)
                    .containsOnly(true).hasSize(4);
        }
    }
}

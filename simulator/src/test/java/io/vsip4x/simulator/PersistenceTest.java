package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.simulator.state.StateFile;
import io.vsip4x.simulator.state.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state file, VMs, event counters and undelivered events outlive the simulator. */
class PersistenceTest {

    @TempDir
    Path dir;

    @Test
    void keepsVmsForANewSimulatorOnTheSameFile() throws IOException {
        Path file = dir.resolve("state/sim.json");
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-prod", "vm-keep");
            first.client.startVm("vm-keep");
            first.awaitStatus("vm-keep", 1);
            first.awaitEvents("vm-keep", 3);
        }
        assertThat(Files.readString(file)).contains("\"vm-keep\"");
        try (Stream<Path> files = Files.list(file.getParent())) {
            // No temporary file is left; the platform's key pair is kept beside the state.
            assertThat(files).containsExactlyInAnyOrder(file, file.resolveSibling("sim.json.sm2-key.pem"));
        }

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            List<VmSummary> vms = second.client.searchVmList(Map.of());
            assertThat(vms).extracting(VmSummary::vmId).containsExactly("vm-keep");
            assertThat(vms.get(0).status()).isEqualTo(1);

            second.client.shutdownVm("vm-keep");
            Map<String, Object> event = second.awaitEvents("vm-keep", 1).get(0);
            assertThat(event).containsEntry("operation", "shutdownVm").containsEntry("sequence", 4);
        }
    }

    @Test
    void finishesVmsFoundCreatingOnLoad() {
        Path file = dir.resolve("sim.json");
        SimulatorSettings settings = SimulatorSettings.defaults().withStateFile(file)
                .withCreateDelay(Duration.ofMillis(800));
        try (CallbackReceiver receiver = new CallbackReceiver(TestPlatform.SECRET)) {
            try (Vsip4xSimulator first = new Vsip4xSimulator(settings).start()) {
                client(first, receiver).createVm(TestPlatform.spec("pool-test", "vm-half"));
                Await.until("the creating event arrived", () -> receiver.eventsOf("vm-half").size() == 1);
            }
            assertThat(first(file)).extracting(Vm::status).isEqualTo(6);

            try (Vsip4xSimulator second = new Vsip4xSimulator(settings).start()) {
                // The event goes to the URL the createVm call named, across the restart.
                Await.until("the created event arrived", () -> receiver.eventsOf("vm-half").size() == 2);
                assertThat(receiver.eventsOf("vm-half").get(1)).containsEntry("status", "0")
                        .containsEntry("sequence", 2);
                assertThat(second.vm("vm-half")).get().extracting(Vm::status).isEqualTo(0);
            }
        }
    }

    @Test
    void deliversEventsHeldWhenTheSimulatorStopped() {
        Path file = dir.resolve("sim.json");
        CallbackReceiver receiver = new CallbackReceiver(TestPlatform.SECRET);
        SimulatorSettings settings = SimulatorSettings.defaults().withStateFile(file)
                .withCreateDelay(Duration.ofMillis(50)).withDefaultCallbackUrl(receiver.url());
        try (receiver) {
            try (Vsip4xSimulator first = new Vsip4xSimulator(settings).start()) {
                first.pauseCallbacks(true);
                client(first, null).createVm(TestPlatform.spec("pool-prod", "vm-held"));
                Await.until("vm-held is stopped", () -> first.vm("vm-held").filter(vm -> !vm.busy()).isPresent());
                assertThat(first.pendingCallbacks()).hasSize(2);
            }
            assertThat(receiver.events()).isEmpty();

            try (Vsip4xSimulator second = new Vsip4xSimulator(settings).start()) {
                Await.until("held events arrived", () -> receiver.eventsOf("vm-held").size() == 2);
                assertThat(receiver.eventsOf("vm-held")).extracting(e -> e.get("status")).containsExactly("6", "0");
                Await.until("queue emptied", () -> second.pendingCallbacks().isEmpty());
            }
        }
    }

    @Test
    void finishesAChangeFoundInFlightOnLoadAndRestoresTheEarlierStatus() {
        Path file = dir.resolve("sim.json");
        SimulatorSettings settings = SimulatorSettings.defaults().withStateFile(file)
                .withCreateDelay(Duration.ofMillis(50)).withPowerDelay(Duration.ofMillis(800));
        try (CallbackReceiver receiver = new CallbackReceiver(TestPlatform.SECRET)) {
            try (Vsip4xSimulator first = new Vsip4xSimulator(settings).start()) {
                HttpVsip4xClient client = client(first, receiver);
                client.createVm(TestPlatform.spec("pool-test", "vm-grow"));
                Await.until("vm-grow is stopped", () -> first.vm("vm-grow").filter(vm -> !vm.busy()).isPresent());
                assertThat(client.modifyVm(ModifyVmSpec.resize("vm-grow", 4, 8 * TestPlatform.GIB)).ok()).isTrue();
            }
            assertThat(first(file)).extracting(Vm::status, Vm::cpu).containsExactly(2, 4);

            try (Vsip4xSimulator second = new Vsip4xSimulator(settings).start()) {
                Await.until("the change finished", () -> receiver.eventsOf("vm-grow").size() == 3);
                assertThat(receiver.eventsOf("vm-grow").get(2)).containsEntry("result", "2017")
                        .containsEntry("status", "0");
                assertThat(second.vm("vm-grow")).get().extracting(Vm::status, Vm::cpu).containsExactly(0, 4);
            }
        }
    }

    /** A client naming {@code receiver}'s URL for callbacks, or none: the simulator's default. */
    private static HttpVsip4xClient client(Vsip4xSimulator simulator, CallbackReceiver receiver) {
        return new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", simulator.baseUrl(), "portal", "portal-secret",
                null, receiver == null ? null : receiver.url(), Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    /** The first VM the state file holds, read by a simulator that is never started. */
    private static Vm first(Path file) {
        return new StateFile(file).load().orElseThrow().vms().get(0);
    }
}

package io.vsip4x.simulator;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.sdk.model.CreateVmSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A running simulator with short delays, a callback receiver and an adapter client on it. */
final class TestPlatform implements AutoCloseable {

    static final long GIB = 1L << 30;
    static final String SECRET = "sim-callback-secret";

    final CallbackReceiver receiver = new CallbackReceiver(SECRET);
    final Vsip4xSimulator simulator;
    final HttpVsip4xClient client;

    TestPlatform() {
        this(s -> s);
    }

    /** @param tweak changes to the test settings (short delays, ephemeral port) */
    TestPlatform(UnaryOperator<SimulatorSettings> tweak) {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withCreateDelay(Duration.ofMillis(150))
                .withPowerDelay(Duration.ofMillis(100))
                .withGuestAgentDelay(Duration.ZERO);
        simulator = new Vsip4xSimulator(tweak.apply(settings)).start();
        client = client(simulator, "portal-secret");
    }

    /** An adapter client for {@code simulator} with password {@code password}. */
    HttpVsip4xClient client(Vsip4xSimulator target, String password) {
        return new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", target.baseUrl(), "portal", password, null,
                receiver.url(), Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    /** A 2 vCPU, 4 GiB, 40 GiB CentOS 7 VM per id in {@code pool}, on the office network. */
    static CreateVmSpec spec(String pool, String... ids) {
        return new CreateVmSpec("tpl-centos7", pool, 2, 4 * GIB, 40 * GIB, "vnet-office", List.of(ids));
    }

    /** Creates VMs and waits until they are stopped. */
    void createStopped(String pool, String... ids) {
        SdkResult result = client.createVm(spec(pool, ids));
        if (!result.ok()) {
            throw new AssertionError("createVm refused: " + result.code());
        }
        for (String id : ids) {
            awaitStatus(id, 0);
        }
    }

    /** Waits until VM {@code vmId} has status {@code status} and no operation in flight. */
    void awaitStatus(String vmId, int status) {
        Await.until("VM " + vmId + " has status " + status, () -> simulator.vm(vmId)
                .filter(vm -> vm.status() == status && !vm.busy()).isPresent());
    }

    /** Waits until the receiver holds {@code count} events of VM {@code vmId}. */
    List<Map<String, Object>> awaitEvents(String vmId, int count) {
        Await.until(count + " events of " + vmId + " arrived", () -> receiver.eventsOf(vmId).size() >= count);
        return receiver.eventsOf(vmId);
    }

    /** Waits until the receiver holds {@code count} host events of host {@code hostId}. */
    List<Map<String, Object>> awaitHostEvents(String hostId, int count) {
        Await.until(count + " events of host " + hostId + " arrived",
                () -> receiver.hostEventsOf(hostId).size() >= count);
        return receiver.hostEventsOf(hostId);
    }

    /** Whether {@code searchHostList} reports host {@code hostId} as running. */
    boolean online(String hostId) {
        return client.searchHostList(Map.of("hostId", hostId)).get(0).online();
    }

    @Override
    public void close() {
        simulator.close();
        receiver.close();
    }
}

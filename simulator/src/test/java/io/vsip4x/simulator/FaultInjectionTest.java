package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xUnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The switches portal tests use: an unreachable platform, held callbacks, failed deliveries. */
class FaultInjectionTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void isUnreachableWhileStoppedAndKeepsStateOnTheSamePort() {
        platform.createStopped("pool-prod", "vm-r");
        int port = platform.simulator.port();

        platform.simulator.stop();
        assertThat(platform.simulator.running()).isFalse();
        assertThatThrownBy(() -> platform.client.searchVmList(Map.of()))
                .isInstanceOf(Vsip4xUnreachableException.class);

        platform.simulator.start();
        assertThat(platform.simulator.port()).isEqualTo(port);
        assertThat(platform.client.searchVmList(Map.of())).extracting(vm -> vm.vmId()).containsExactly("vm-r");
        // A state-changing call is sent once; it must not trip over a connection of the old server.
        assertThat(platform.client.startVm("vm-r").ok()).isTrue();
    }

    @Test
    void finishesOperationsAcceptedBeforeAStopAfterTheRestart() {
        platform.createStopped("pool-prod", "vm-s");
        platform.client.startVm("vm-s");
        platform.simulator.stop();

        platform.simulator.start();

        platform.awaitStatus("vm-s", 1);
        // Delivery is at least once: an event in flight at the stop may come again after the
        // restart (receivers de-duplicate on its id), so look for the start's event by operation.
        Await.until("the start's event arrived", () -> platform.receiver.eventsOf("vm-s").stream()
                .anyMatch(e -> "startVm".equals(e.get("operation")) && "2010".equals(e.get("result"))));
    }

    @Test
    void restartsOnAFixedPort() throws IOException {
        int port = platform.simulator.port();
        platform.simulator.stop();
        held(port).close();
        try (Vsip4xSimulator fixed = new Vsip4xSimulator(platform.simulator.settings().withPort(port))) {
            fixed.start();
            fixed.stop();
            fixed.start();
            assertThat(fixed.port()).isEqualTo(port);
            assertThat(platform.client(fixed, "portal-secret").searchRepository(Map.of())).hasSize(2);
        }
    }

    @Test
    void aRestartWaitsForItsPortsWhileAnotherSocketHoldsThem() throws Exception {
        int port = platform.simulator.port();
        int guacdPort = platform.simulator.guacdPort();
        platform.simulator.stop();
        try (ServerSocket http = held(port); ServerSocket guacd = held(guacdPort)) {
            CompletableFuture<Vsip4xSimulator> restart = CompletableFuture.supplyAsync(platform.simulator::start);

            Await.never("the restart ended while its port was held", Duration.ofMillis(300), restart::isDone);
            http.close();
            Await.never("the restart ended while its guacd port was held", Duration.ofMillis(300), restart::isDone);
            guacd.close();

            assertThat(restart.get(10, TimeUnit.SECONDS).running()).isTrue();
        }
        assertThat(platform.simulator.port()).isEqualTo(port);
        assertThat(platform.simulator.guacdPort()).isEqualTo(guacdPort);
        assertThat(platform.client.searchRepository(Map.of())).hasSize(2);
    }

    @Test
    void aFirstStartOnAPortHeldByAnotherSocketFailsAtOnce() throws Exception {
        try (ServerSocket holder = held(0);
                Vsip4xSimulator taken = new Vsip4xSimulator(platform.simulator.settings()
                        .withPort(holder.getLocalPort()))) {
            assertThatThrownBy(taken::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Cannot listen on").hasMessageContaining(":" + holder.getLocalPort());
            assertThat(taken.running()).isFalse();
        }
    }

    /**
     * A socket listening on {@code port} of the loopback address. A port a simulator has just let go
     * may be given to another socket for a moment (the reason its restarts retry: {@link Binds}), so
     * a port other than 0 is tried again for as long as a restart would wait.
     */
    private static ServerSocket held(int port) throws IOException {
        long deadline = System.nanoTime() + Binds.REBIND_PATIENCE.toNanos();
        while (true) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return socket;
            } catch (BindException e) {
                socket.close();
                if (port == 0 || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    @Test
    void holdsEventsWhilePausedThenDeliversThemInOrder() {
        platform.simulator.pauseCallbacks(true);
        platform.client.createVm(TestPlatform.spec("pool-prod", "vm-p"));
        platform.awaitStatus("vm-p", 0);
        platform.client.startVm("vm-p");
        platform.awaitStatus("vm-p", 1);

        Await.never("an event arrived while paused", Duration.ofMillis(200),
                () -> !platform.receiver.events().isEmpty());
        assertThat(platform.simulator.pendingCallbacks()).hasSize(3);

        platform.simulator.pauseCallbacks(false);
        List<Map<String, Object>> events = platform.awaitEvents("vm-p", 3);
        assertThat(events).extracting(e -> e.get("sequence")).containsExactly(1, 2, 3);
        assertThat(events).extracting(e -> e.get("status")).containsExactly("6", "0", "1");
    }

    @Test
    void retriesAFailedDeliveryAndKeepsTheOrder() {
        platform.receiver.failNext(2);

        platform.client.createVm(TestPlatform.spec("pool-prod", "vm-q"));

        List<Map<String, Object>> events = platform.awaitEvents("vm-q", 2);
        assertThat(events).extracting(e -> e.get("status")).containsExactly("6", "0");
        assertThat(platform.receiver.attempts()).isGreaterThanOrEqualTo(4);
    }
}

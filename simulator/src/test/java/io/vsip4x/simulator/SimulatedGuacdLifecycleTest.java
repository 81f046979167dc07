package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.RemoteControlInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.Test;

/**
 * The simulated guacd over time: shared clipboards, a VM paused, resumed and stopped while
 * connected, keep-alives, a stalled console, the simulator stopped and turned off.
 */
class SimulatedGuacdLifecycleTest extends SimulatedGuacdTestBase {

    private static final String CLIPBOARD = "测试 ✓ 😀";

    @Test
    void clipboardTextReachesEveryConnectionOfTheVmIntact() {
        RemoteControlInfo info = runningVm("vm-clip");
        try (GuacdTestClient first = GuacdTestClient.connected(platform.simulator, info, false);
                GuacdTestClient second = GuacdTestClient.connected(platform.simulator, info, false)) {
            Await.until("both are connected", () -> consoles.openConnections("vm-clip") == 2);

            first.sendClipboard("0", CLIPBOARD);

            assertThat(first.await("ack").getArgs()).containsExactly("0", "OK", "0");
            assertThat(second.awaitClipboard()).isEqualTo(CLIPBOARD);
            assertThat(first.awaitClipboard()).isEqualTo(CLIPBOARD);
            assertThat(consoles.clipboard("vm-clip")).contains(CLIPBOARD);
        }
    }

    @Test
    void connectionsToOneVmShareItsScreen() {
        RemoteControlInfo info = runningVm("vm-shared");
        try (GuacdTestClient typist = GuacdTestClient.connected(platform.simulator, info, false);
                GuacdTestClient viewer = GuacdTestClient.connected(platform.simulator, info, true)) {
            typist.awaitImage();
            viewer.awaitImage();

            typist.type("x");

            viewer.awaitImage();
            assertThat(consoles.screenText("vm-shared")).endsWith("login: x");
        }
    }

    @Test
    void showsAPausedScreenAndTheTerminalAgainOnResume() {
        RemoteControlInfo info = runningVm("vm-pause");
        platform.client.pauseVm("vm-pause");
        platform.awaitStatus("vm-pause", 4);
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            client.awaitImage();
            assertThat(consoles.screenText("vm-pause")).contains("is paused");
            client.type("ignored");

            platform.client.resumeVm("vm-pause");

            Await.until("the terminal is back", () -> consoles.screenText("vm-pause").contains("login:"));
            client.awaitImage();
            assertThat(consoles.typed("vm-pause")).isEmpty();
            assertThat(consoles.openConnections("vm-pause")).isEqualTo(1);
        }
    }

    @Test
    void aVmThatStopsShowsPoweredOffThenClosesWith519() {
        RemoteControlInfo info = runningVm("vm-stop");
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            client.awaitImage();

            platform.client.shutdownVm("vm-stop");

            GuacamoleInstruction error = client.await("error");
            assertThat(error.getArgs()).containsExactly("VM stopped", "519");
            client.awaitClosed();
            assertThat(consoles.screenText("vm-stop")).contains("is powered off");
            Await.until("the connection is closed", () -> consoles.openConnections("vm-stop") == 0);
        }
    }

    @Test
    void aVmStartedAgainBootsAfresh() {
        runningVm("vm-reboot");
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator,
                platform.client.getRemoteControlInfo("vm-reboot"), false)) {
            client.type("before");
            Await.until("typed", () -> consoles.screenText("vm-reboot").endsWith("before"));
            platform.client.shutdownVm("vm-reboot");
            client.awaitClosed();
        }
        platform.awaitStatus("vm-reboot", 0);
        Await.until("the console saw it stop", () -> consoles.screenText("vm-reboot").contains("powered off"));

        platform.client.startVm("vm-reboot");
        platform.awaitStatus("vm-reboot", 1);

        Await.until("it booted again", () -> consoles.screenText("vm-reboot").endsWith("login:"));
        assertThat(consoles.screenText("vm-reboot")).doesNotContain("before");
    }

    @Test
    void sendsNopWhileIdleAndNothingWhileStalled() {
        RemoteControlInfo info = runningVm("vm-stall");
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            client.await("sync");
            assertThat(client.within(Duration.ofSeconds(5))).extracting(GuacamoleInstruction::getOpcode)
                    .isEqualTo("nop");

            consoles.stall("vm-stall", true);
            client.within(Duration.ofSeconds(3));
            client.type("during");

            assertThat(client.within(Duration.ofSeconds(6))).isNull();
            assertThat(consoles.typed("vm-stall")).isEmpty();

            consoles.stall("vm-stall", false);
            assertThat(client.within(Duration.ofSeconds(5))).isNotNull();
            Await.until("the keys are read", () -> consoles.typed("vm-stall").equals("during"));
        }
    }

    @Test
    void noticesAClientClosingAStalledConnection() {
        RemoteControlInfo info = runningVm("vm-stall-drop");
        GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false);
        Await.until("connected", () -> consoles.openConnections("vm-stall-drop") == 1);
        consoles.stall("vm-stall-drop", true);

        client.close();

        Await.until("the connection is closed", () -> consoles.openConnections("vm-stall-drop") == 0);
    }

    @Test
    void disconnectClosesTheConnection() {
        RemoteControlInfo info = runningVm("vm-bye");
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            Await.until("connected", () -> consoles.openConnections("vm-bye") == 1);

            client.send("disconnect");

            client.awaitClosed();
            Await.until("closed", () -> consoles.openConnections("vm-bye") == 0);
        }
    }

    @Test
    void stoppingTheSimulatorClosesEveryConnectionAndStartBindsTheSamePort() {
        RemoteControlInfo info = runningVm("vm-down");
        int port = platform.simulator.guacdPort();
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            Await.until("connected", () -> consoles.openConnections() == 1);

            platform.simulator.stop();

            client.awaitClosed();
            assertThat(consoles.openConnections()).isZero();
            assertThat(consoles.connections("vm-down").get(0).open()).isFalse();
        }
        platform.simulator.start();
        assertThat(platform.simulator.guacdPort()).isEqualTo(port);
        try (GuacdTestClient again = GuacdTestClient.connected(platform.simulator, info, false)) {
            assertThat(again.awaitImage()).isNotEmpty();
        }
    }

    @Test
    void refusesConnectionsBeyondSixtyFourWith797() {
        List<GuacdTestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                open.add(new GuacdTestClient(platform.simulator.guacdPort()));
                open.get(i).send("select", "vnc");
                open.get(i).await("args");
            }
            try (GuacdTestClient extra = new GuacdTestClient(platform.simulator.guacdPort())) {
                assertThat(extra.await("error").getArgs()).containsExactly("Too many connections", "797");
                extra.awaitClosed();
            }
        } finally {
            open.forEach(GuacdTestClient::close);
        }
    }

    @Test
    void runsWithoutAGuacdWhenTurnedOff() {
        try (TestPlatform without = new TestPlatform(s -> s.withGuacdPort(-1))) {
            assertThat(without.simulator.guacdPort()).isEqualTo(-1);
            assertThat(without.simulator.consoles().openConnections()).isZero();
        }
    }
}

package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.simulator.console.ConsoleConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.Test;

/**
 * What passes through an open console: keys and the clipboard (Chinese and emoji intact) both
 * ways, nothing of the connection's parameters from the browser, and no input at all from a
 * view-only console.
 */
class ConsoleInputIntegrationTest extends ConsoleTestSupport {

    private static final String CLIPBOARD = "测试 ✓ 😀";

    @Test
    void theClipboardSurvivesTheRoundTrip() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);

        sendClipboard(client, "7", CLIPBOARD);

        await().atMost(SOON).until(() -> consoles().clipboard(vmId).filter(CLIPBOARD::equals).isPresent());
        assertThat(receivedClipboard(client)).isEqualTo(CLIPBOARD);
    }

    @Test
    void typedKeysReachTheVm() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);

        for (int keysym : new int[] {'r', 'o', 'o', 't', 0xff0d}) {
            client.send("key", Integer.toString(keysym), "1");
            client.send("key", Integer.toString(keysym), "0");
        }

        await().atMost(SOON).until(() -> consoles().typed(vmId).contains("root\n"));
    }

    @Test
    void theBrowserCannotChooseTheConnectionsParameters() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient client = tunnel(owner);

        client.send("auth", owner.token(vmId), "100000", "10", "96", "hostname=10.9.9.9", "port=1",
                "server-layout=de-de-qwertz", "read-only=false");
        client.await("img");
        client.send("connect", "VERSION_1_5_0", "10.9.9.9", "1");

        RemoteControlInfo info = platform.call(c -> c.getRemoteControlInfo(vmId));
        ConsoleConnection connection = consoles().connections(vmId).get(0);
        Map<String, String> parameters = connection.parameters();
        assertThat(parameters).containsEntry("hostname", info.vncIpAddress())
                .containsEntry("port", Integer.toString(info.vncPort()))
                .containsEntry("clipboard-encoding", "UTF-8")
                .doesNotContainValue("10.9.9.9")
                .doesNotContainValue("de-de-qwertz");
        assertThat(parameters.getOrDefault("server-layout", "")).isEmpty();
        assertThat(parameters).doesNotContainKey("password");
        assertThat(connection.passwordMatched()).isTrue();
        assertThat(connection.width()).isEqualTo(GuacdConnector.MAX_WIDTH);
        assertThat(connection.height()).isEqualTo(GuacdConnector.MIN_HEIGHT);
        assertThat(consoles().openConnections(vmId)).isEqualTo(1);
        assertThat(client.received()).noneMatch(i -> i.toString().contains(info.password()));
    }

    @Test
    void aViewOnlyConsoleShowsTheScreenButTakesNoInput() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String mate = teammate(t);
        share(vmId, t.requester(), mate);
        ConsolePerson watcher = signIn(mate);
        assertThat(ConsolePerson.json(watcher.requestToken(vmId))).containsEntry("viewOnly", true);
        TunnelClient client = openConsole(watcher, vmId);

        client.send("key", "97", "1");
        client.send("key", "97", "0");
        client.send("mouse", "10", "10", "1");
        sendClipboard(client, "3", CLIPBOARD);
        client.send("size", "800", "600");
        client.send("", "ping", "1");
        client.await(i -> i.getOpcode().isEmpty() && i.getArgs().equals(List.of("ping", "1")), SOON);

        assertThat(consoles().connections(vmId).get(0).readOnly()).isTrue();
        assertThat(consoles().connections(vmId).get(0).parameters()).containsEntry("read-only", "true");
        assertThat(consoles().keysPressed(vmId)).isEmpty();
        assertThat(consoles().clipboard(vmId)).isEmpty();
        assertThat(audited("CONSOLE_OPENED", vmId)).singleElement().satisfies(e -> assertThat(e.get("params")
                .toString()).contains("viewOnly=true", "basis=SHARE"));
        assertThat(consoles().openConnections(vmId)).as("still open").isEqualTo(1);
    }

    /** Sends {@code text} as the browser's clipboard: a {@code clipboard} stream of one blob. */
    private static void sendClipboard(TunnelClient client, String stream, String text) {
        client.send("clipboard", stream, "text/plain");
        client.send("blob", stream, Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        client.send("end", stream);
    }

    /** The text of the first clipboard stream the tunnel brought back. */
    private static String receivedClipboard(TunnelClient client) {
        GuacamoleInstruction clipboard = client.await("clipboard");
        String stream = clipboard.getArgs().get(0);
        client.await(i -> i.getOpcode().equals("end") && i.getArgs().get(0).equals(stream), SOON);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (GuacamoleInstruction i : client.received()) {
            if (i.getOpcode().equals("blob") && i.getArgs().get(0).equals(stream)) {
                data.writeBytes(Base64.getDecoder().decode(i.getArgs().get(1)));
            }
        }
        return data.toString(StandardCharsets.UTF_8);
    }
}

package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.simulator.console.ConsoleConnection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import javax.imageio.ImageIO;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.net.InetGuacamoleSocket;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleProtocolVersion;
import org.junit.jupiter.api.Test;

/** The simulated guacd: handshake, refusals, typing, the screen it sends, view-only connections. */
class SimulatedGuacdTest extends SimulatedGuacdTestBase {

    private GuacamoleConfiguration vnc(RemoteControlInfo info, String password) {
        GuacamoleConfiguration config = new GuacamoleConfiguration();
        config.setProtocol("vnc");
        config.setParameter("hostname", info.vncIpAddress());
        config.setParameter("port", Integer.toString(info.vncPort()));
        config.setParameter("password", password);
        return config;
    }

    private ConfiguredGuacamoleSocket configured(RemoteControlInfo info, String password) throws GuacamoleException {
        return new ConfiguredGuacamoleSocket(new InetGuacamoleSocket("127.0.0.1", platform.simulator.guacdPort()),
                vnc(info, password));
    }

    /** Opcodes read until {@code last} arrives (included). */
    private static List<String> opcodesUpTo(GuacamoleReader reader, String last) throws GuacamoleException {
        List<String> opcodes = new ArrayList<>();
        GuacamoleInstruction next;
        do {
            next = reader.readInstruction();
            opcodes.add(next.getOpcode());
        } while (!next.getOpcode().equals(last));
        return opcodes;
    }

    @Test
    void guacamoleCommonConnectsToARunningVmsConsoleAndGetsItsLoginScreen() throws Exception {
        RemoteControlInfo info = runningVm("vm-console");
        String name = platform.simulator.vm("vm-console").orElseThrow().vmName();

        ConfiguredGuacamoleSocket socket = configured(info, info.password());
        try {
            assertThat(socket.getConnectionID()).startsWith("$");
            assertThat(socket.getProtocolVersion()).isEqualTo(GuacamoleProtocolVersion.VERSION_1_5_0);
            assertThat(opcodesUpTo(socket.getReader(), "sync")).containsSubsequence("size", "img", "blob", "end");
            assertThat(consoles.screenText("vm-console")).contains("Linux version").endsWith(name + " login:");
            assertThat(consoles.openConnections("vm-console")).isEqualTo(1);
            ConsoleConnection connection = consoles.connections("vm-console").get(0);
            assertThat(connection.id()).isEqualTo(socket.getConnectionID());
            assertThat(connection.passwordMatched()).isTrue();
            assertThat(connection.readOnly()).isFalse();
            assertThat(connection.open()).isTrue();
            assertThat(connection.parameters()).containsEntry("hostname", info.vncIpAddress())
                    .containsEntry("port", Integer.toString(info.vncPort())).doesNotContainKey("password");
            assertThat(connection.parameters().values()).doesNotContain(info.password());
            // ConfiguredGuacamoleSocket's default client information asks for 1024x768.
            assertThat(connection.width()).isEqualTo(1024);
            assertThat(connection.height()).isEqualTo(768);
        } finally {
            socket.close();
        }
        Await.until("the connection is closed", () -> consoles.openConnections() == 0);
        assertThat(consoles.connections("vm-console").get(0).open()).isFalse();
    }

    @Test
    void answersWithGuacd15sVncParameterNamesAfterTheVersion() {
        runningVm("vm-args");
        try (GuacdTestClient client = new GuacdTestClient(platform.simulator.guacdPort())) {
            client.send("select", "vnc");
            List<String> args = client.next().getArgs();

            assertThat(args.get(0)).isEqualTo("VERSION_1_5_0");
            assertThat(args.subList(1, args.size())).contains("hostname", "port", "read-only", "password",
                    "clipboard-encoding", "color-depth", "disable-copy", "disable-paste");
        }
    }

    @Test
    void refusesAWrongPasswordWith769AfterReadyAndCloses() throws Exception {
        RemoteControlInfo info = runningVm("vm-wrong");

        ConfiguredGuacamoleSocket socket = configured(info, info.password() + "x");
        try {
            GuacamoleInstruction error = socket.getReader().readInstruction();
            assertThat(error.getOpcode()).isEqualTo("error");
            assertThat(error.getArgs().get(1)).isEqualTo("769");
            assertThat(socket.getReader().readInstruction()).isNull();
        } finally {
            socket.close();
        }
        ConsoleConnection refused = consoles.connections("vm-wrong").get(0);
        assertThat(refused.passwordMatched()).isFalse();
        assertThat(refused.open()).isFalse();
        assertThat(consoles.openConnections("vm-wrong")).isZero();
    }

    @Test
    void refusesAnAddressThatIsNoVmsConsoleWith519() {
        RemoteControlInfo info = runningVm("vm-elsewhere");
        platform.createStopped("pool-test", "vm-stopped");

        for (String port : List.of("5999", "not-a-port", Integer.toString(info.vncPort() + 1000))) {
            try (GuacdTestClient client = new GuacdTestClient(platform.simulator.guacdPort())) {
                client.handshake(info.vncIpAddress(), port, info.password(), false);
                assertThat(client.await("error").getArgs().get(1)).isEqualTo("519");
                client.awaitClosed();
            }
        }
        try (GuacdTestClient client = new GuacdTestClient(platform.simulator.guacdPort())) {
            client.handshake("10.9.9.9", Integer.toString(info.vncPort()), info.password(), false);
            assertThat(client.await("error").getArgs().get(1)).isEqualTo("519");
        }
        assertThat(consoles.connections("vm-elsewhere")).isEmpty();
    }

    @Test
    void echoesTheUserNameAsksForThePasswordAndRecordsTheKeys() {
        RemoteControlInfo info = runningVm("vm-type");
        String name = platform.simulator.vm("vm-type").orElseThrow().vmName();
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            client.awaitImage();
            client.type("rooo");
            client.key(0xff08);
            client.type("t\nsecret\n");

            Await.until("both lines were typed", () -> consoles.typed("vm-type").equals("root\nsecret\n"));
            assertThat(consoles.keysPressed("vm-type")).startsWith((int) 'r', (int) 'o', (int) 'o', (int) 'o',
                    0xff08, (int) 't', 0xff0d).hasSize(14);
            Await.until("the screen shows the dialogue", () -> consoles.screenText("vm-type")
                    .endsWith(name + " login: root\nPassword:\nLogin incorrect\n\n" + name + " login:"));
            assertThat(consoles.screenText("vm-type")).doesNotContain("secret");
            client.awaitImage();
        }
    }

    @Test
    void sendsExactlyThePixelsOfItsScreenAsPng() throws IOException {
        RemoteControlInfo info = runningVm("vm-pixels");
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            GuacamoleInstruction size = client.await("size");
            BufferedImage sent = ImageIO.read(new ByteArrayInputStream(client.awaitImage()));
            BufferedImage screen = consoles.screen("vm-pixels");

            assertThat(size.getArgs()).containsExactly("0", Integer.toString(screen.getWidth()),
                    Integer.toString(screen.getHeight()));
            assertThat(sent.getWidth()).isEqualTo(screen.getWidth());
            assertThat(sent.getHeight()).isEqualTo(screen.getHeight());
            assertThat(pixels(sent)).isEqualTo(pixels(screen));
            assertThat(new HashSet<>(pixels(screen))).as("colours on the screen").hasSizeGreaterThan(1);
        }
    }

    private static List<Integer> pixels(BufferedImage image) {
        List<Integer> pixels = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                pixels.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return pixels;
    }

    @Test
    void viewOnlyConnectionSeesTheScreenButItsKeysAreIgnored() {
        RemoteControlInfo info = runningVm("vm-view");
        try (GuacdTestClient viewer = GuacdTestClient.connected(platform.simulator, info, true)) {
            viewer.awaitImage();
            String before = consoles.screenText("vm-view");

            viewer.type("root\n");
            viewer.sendClipboard("0", "from a viewer");

            assertThat(viewer.await("ack").getArgs()).containsExactly("0", "Unsupported stream", "256");
            assertThat(consoles.connections("vm-view").get(0).readOnly()).isTrue();
            assertThat(consoles.keysPressed("vm-view")).isEmpty();
            assertThat(consoles.typed("vm-view")).isEmpty();
            assertThat(consoles.screenText("vm-view")).isEqualTo(before);
            assertThat(consoles.clipboard("vm-view")).isEmpty();
        }
    }

    @Test
    void countsElementLengthsInCodePoints() {
        RemoteControlInfo info = runningVm("vm-emoji");
        try (GuacdTestClient client = GuacdTestClient.connected(platform.simulator, info, false)) {
            client.awaitImage();
            // An instruction the server does not know, with characters outside the BMP: 3 code points, 5 chars.
            client.sendRaw("5.hello,3.😀测😀,2.✓x;");
            client.type("a😀测");

            Await.until("the keys were read", () -> consoles.typed("vm-emoji").equals("a😀测"));
            assertThat(consoles.keysPressed("vm-emoji")).containsExactly((int) 'a', 0x1000000 + 0x1F600,
                    0x1000000 + 0x6D4B);
            assertThat(consoles.screenText("vm-emoji")).endsWith("login: a😀测");
        }
    }

    @Test
    void answersNoQuestionAboutAVmItDoesNotHave() {
        assertThatThrownBy(() -> consoles.screenText("vm-none")).isInstanceOf(NoSuchElementException.class);
        assertThat(consoles.connections("vm-none")).isEmpty();
        assertThat(consoles.typed("vm-none")).isEmpty();
        assertThat(consoles.clipboard("vm-none")).isEmpty();
    }
}

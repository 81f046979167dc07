package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.platform.EmbeddedSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A guacd that stops reading: the browser's instructions pile up behind a write that cannot finish,
 * and the console ends as GUACD_STALLED within guacd's silence, not as a silent browser. The
 * guacd here is a stand-in that completes the handshake, keeps sending no-ops and reads nothing.
 */
class ConsoleEdgeDeafGuacdIntegrationTest extends ConsoleEdgeSupport {

    private static final String BIG = "7".repeat(7000);

    @Autowired
    private ObjectProvider<EmbeddedSimulator> embedded;
    @Autowired
    private ConsoleTokens tokens;
    @Autowired
    private ConsoleSettingsRepository settings;
    @Autowired
    private ConsoleRecordings recordings;
    @Autowired
    private ConsoleNode node;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aGuacdThatStopsReadingEndsTheConsoleAsStalled() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        String token = owner.token(vmId);
        TunnelClient client = tunnel(owner);
        ConsoleTunnel server = serverSide(client);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ServerSocket deafGuacd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GuacdConnector deaf = new GuacdConnector(withGuacdPort(deafGuacd.getLocalPort()), platform, embedded);
            ConsoleOpener opener = new ConsoleOpener(tokens, tunnels, consoleVms, access, sessionRows, deaf,
                    settings, recordings, consoleAudit, node, properties, clock, transactions);
            threads.submit(() -> handshakeThenNeverRead(deafGuacd));
            try {
                assertThat(server.beginOpening()).isTrue();
                opener.open(server, List.of(token, "1024", "768", "96"));
                threads.submit(() -> {
                    // Until a send cannot finish: guacd's side is full and the portal stopped reading.
                    while (!client.isClosed()) {
                        client.send("key", BIG, "1");
                    }
                    return null;
                });

                assertClosed(client, ConsoleReason.GUACD_STALLED,
                        properties.guacdSilence().plus(Duration.ofSeconds(10)));
                assertThat(closeReason(vmId)).isEqualTo("GUACD_STALLED");
            } finally {
                opener.stop();
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Answers the handshake, then sends a no-op every second and reads nothing more. */
    private static Void handshakeThenNeverRead(ServerSocket server) throws IOException, InterruptedException {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            readThrough(in, "select");
            out.write("4.args,13.VERSION_1_5_0,8.hostname,4.port,8.password;".getBytes(StandardCharsets.UTF_8));
            readThrough(in, "connect");
            out.write("5.ready,5.$deaf;".getBytes(StandardCharsets.UTF_8));
            while (!socket.isClosed()) {
                out.write("3.nop;".getBytes(StandardCharsets.UTF_8));
                out.flush();
                TimeUnit.SECONDS.sleep(1);
            }
        } catch (IOException closed) {
            // The portal hung up: what the test waits for.
        }
        return null;
    }

    /** Reads up to and including the end of the first instruction whose opcode is {@code opcode}. */
    private static void readThrough(InputStream in, String opcode) throws IOException {
        StringBuilder seen = new StringBuilder();
        String start = opcode.length() + "." + opcode + ",";
        int c;
        while ((c = in.read()) >= 0) {
            seen.append((char) c);
            int at = seen.indexOf(start);
            if (at >= 0 && c == ';' && seen.indexOf(";", at) == seen.length() - 1) {
                return;
            }
        }
        throw new IOException("The portal hung up before '" + opcode + "'");
    }
}

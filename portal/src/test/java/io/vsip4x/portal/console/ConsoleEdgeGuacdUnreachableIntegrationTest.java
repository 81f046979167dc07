package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.platform.EmbeddedSimulator;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A guacd that cannot be reached: connecting fails at once with GUACD_UNREACHABLE (the reason the
 * page reconnects after), and a console opened meanwhile is refused for it, logged as refused,
 * and leaves no console row behind. The shared context's guacd cannot be moved, so the opener is
 * built by hand from the context's real parts with a connector pointed at a closed port.
 */
class ConsoleEdgeGuacdUnreachableIntegrationTest extends ConsoleEdgeSupport {

    /** Connection refused on loopback is answered at once; this leaves room for a busy machine. */
    private static final Duration QUICKLY = Duration.ofSeconds(3);

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
    void connectingToAClosedPortFailsQuicklyAsUnreachable() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        GuacdConnector connector = new GuacdConnector(withGuacdPort(closedPort()), platform, embedded);

        long start = System.nanoTime();
        GuacdConnector.ConnectFailure failure = catchThrowableOfType(GuacdConnector.ConnectFailure.class,
                () -> connector.connect(vmId, false, GuacdConnector.Screen.of("1024", "768", "96"), t.requester(),
                        "en-us-qwerty", socket -> true));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(ConsoleReason.GUACD_UNREACHABLE);
        assertThat(failure.getMessage()).doesNotContain("password");
        assertThat(took).isLessThan(QUICKLY);
        assertThat(consoles().openConnections(vmId)).isZero();
    }

    @Test
    void aConsoleOpenedWhileGuacdIsUnreachableIsRefusedAndAudited() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        String token = owner.token(vmId);
        TunnelClient client = tunnel(owner);
        ConsoleTunnel server = serverSide(client);
        GuacdConnector unreachable = new GuacdConnector(withGuacdPort(closedPort()), platform, embedded);
        ConsoleOpener opener = new ConsoleOpener(tokens, tunnels, consoleVms, access, sessionRows, unreachable,
                settings, recordings, consoleAudit, node, properties, clock, transactions);
        try {
            // What the tunnel's handler does with the page's auth instruction.
            assertThat(server.beginOpening()).isTrue();
            opener.open(server, List.of(token, "1024", "768", "96"));

            assertRefused(client, ConsoleReason.GUACD_UNREACHABLE);
        } finally {
            opener.stop();
        }
        List<Map<String, Object>> refused = audited("CONSOLE_REFUSED", vmId);
        assertThat(refused).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo(t.requester());
            assertThat(e.get("params").toString()).contains("reason=GUACD_UNREACHABLE");
            assertThat(e.get("code")).isEqualTo(Integer.toString(ConsoleReason.GUACD_UNREACHABLE.statusCode()));
            assertThat(e.get("params").toString()).doesNotContain(token);
        });
        assertThat(audited("CONSOLE_OPENED", vmId)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM console_session WHERE vm_id = :vmId").param("vmId", vmId)
                .query(Integer.class).single()).isZero();
        assertThat(consoles().openConnections(vmId)).isZero();
    }

    @Test
    void signingOutWhileGuacdHandshakesClosesTheGuacdConnectionAtOnce() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        String token = owner.token(vmId);
        TunnelClient client = tunnel(owner);
        ConsoleTunnel server = serverSide(client);
        try (ServerSocket silentGuacd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GuacdConnector silent = new GuacdConnector(withGuacdPort(silentGuacd.getLocalPort()), platform,
                    embedded);
            ConsoleOpener opener = new ConsoleOpener(tokens, tunnels, consoleVms, access, sessionRows, silent,
                    settings, recordings, consoleAudit, node, properties, clock, transactions);
            ExecutorService auth = Executors.newSingleThreadExecutor();
            try {
                assertThat(server.beginOpening()).isTrue();
                auth.submit(() -> opener.open(server, List.of(token, "1024", "768", "96")));
                try (Socket guacdSide = silentGuacd.accept()) {
                    guacdSide.setSoTimeout((int) QUICKLY.toMillis());
                    owner.signOut();
                    // The handshake's "select" arrives, then the end of the stream: the portal hung up.
                    InputStream in = guacdSide.getInputStream();
                    long start = System.nanoTime();
                    while (in.read() >= 0) {
                        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
                    }
                }
            } finally {
                auth.shutdownNow();
                opener.stop();
            }
        }
        // The opening thread removes the console's row once its guacd connection failed under it.
        await().atMost(SOON).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT COUNT(*) FROM console_session WHERE vm_id = :vmId AND closed_at IS NULL")
                .param("vmId", vmId).query(Integer.class).single()).isZero());
        await().atMost(SOON).untilAsserted(() -> assertThat(audited("CONSOLE_REFUSED", vmId)).singleElement()
                .satisfies(e -> assertThat(e.get("params").toString()).contains("reason=SIGNED_OUT")));
        assertThat(audited("CONSOLE_OPENED", vmId)).isEmpty();
    }
}

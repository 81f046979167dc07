package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.simulator.console.SimulatedConsoles;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.AfterEach;

/**
 * Helpers of the console tests: people signed in through the form, tunnels opened as the console
 * page opens them, and what the database and the simulator's guacd then hold. Tunnels a test
 * opened are closed after it.
 */
abstract class ConsoleTestSupport extends VmOperationsTestSupport {

    /** How long the portal may take to notice and close a tunnel. */
    static final Duration SOON = Duration.ofSeconds(5);

    private final List<TunnelClient> opened = new ArrayList<>();

    @AfterEach
    void closeTheTestsTunnels() {
        opened.forEach(TunnelClient::close);
        opened.clear();
        await().atMost(SOON).until(() -> jdbc.sql("SELECT COUNT(*) FROM console_session WHERE closed_at IS NULL")
                .query(Integer.class).single() == 0);
    }

    /** The simulator's guacd. */
    SimulatedConsoles consoles() {
        return simulator.simulator().consoles();
    }

    /** {@code username} signed in through the form. */
    ConsolePerson signIn(String username) {
        return ConsolePerson.signIn(port, username, PASSWORD);
    }

    /** A WebSocket to the tunnel with {@code person}'s session cookie (none for {@code null}). */
    TunnelClient tunnel(ConsolePerson person) {
        TunnelClient client = TunnelClient.open(port, person == null ? null : person.sessionId());
        opened.add(client);
        return client;
    }

    /** A console of {@code vmId} opened as the page opens it, with its first frame drawn. */
    TunnelClient openConsole(ConsolePerson person, String vmId) {
        TunnelClient client = tunnel(person);
        client.auth(person.token(vmId));
        client.await("img");
        return client;
    }

    /** Asserts that the tunnel was refused for {@code reason} before it showed anything. */
    static void assertRefused(TunnelClient client, ConsoleReason reason) {
        assertClosed(client, reason, Duration.ofSeconds(10));
        assertThat(client.received()).noneMatch(i -> i.getOpcode().equals("img"));
    }

    /** Asserts that the open tunnel was closed for {@code reason}. */
    static void assertClosed(TunnelClient client, ConsoleReason reason) {
        assertClosed(client, reason, Duration.ofSeconds(10));
    }

    /**
     * Asserts that the tunnel was closed for {@code reason} within {@code patience}: an {@code error}
     * instruction with the reason word and status, then the WebSocket's close with the status.
     */
    static void assertClosed(TunnelClient client, ConsoleReason reason, Duration patience) {
        GuacamoleInstruction error = client.await(i -> i.getOpcode().equals("error"), patience);
        assertThat(error.getArgs()).containsExactly(reason.name(), Integer.toString(reason.statusCode()));
        TunnelClient.Closed closed = client.awaitClosed(SOON);
        assertThat(closed.reason()).isEqualTo(Integer.toString(reason.statusCode()));
    }

    /** The audit events of {@code action} on {@code vmId}, oldest first, as maps of their columns. */
    List<Map<String, Object>> audited(String action, String vmId) {
        return jdbc.sql("""
                SELECT actor, target, params, result, code, correlation_id, client_addr FROM audit_event
                 WHERE action = :action AND target_type = 'VM' AND target = :vmId ORDER BY id""")
                .param("action", action)
                .param("vmId", vmId)
                .query((rs, n) -> Map.<String, Object>of("actor", rs.getString(1), "target", rs.getString(2),
                        "params", rs.getString(3), "result", rs.getString(4), "code", String.valueOf(rs.getString(5)),
                        "correlation", String.valueOf(rs.getString(6)), "address", String.valueOf(rs.getString(7))))
                .list();
    }

    /** Waits until {@code vmId}'s newest console row is closed for {@code reason}; asserts its one audit event. */
    void awaitClosedAndAudited(String vmId, ConsoleReason reason) {
        await().atMost(SOON).until(() -> reason.name().equals(closeReason(vmId)));
        assertThat(audited("CONSOLE_CLOSED", vmId)).singleElement()
                .satisfies(e -> assertThat(e.get("params").toString()).contains("reason=" + reason.name()));
    }

    /** The close reason of {@code vmId}'s newest console row, or {@code null} while it is open. */
    String closeReason(String vmId) {
        return jdbc.sql("SELECT close_reason FROM console_session WHERE vm_id = :vmId ORDER BY id DESC LIMIT 1")
                .param("vmId", vmId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Another user of {@code t}, who sees only their own VMs. */
    String teammate(TestTenant t) {
        String name = t.code() + "-mate";
        users.create(name, PASSWORD, "同事 " + t.code(), t.id(), Set.of(Role.USER));
        return name;
    }

    /** A view-only share of {@code vmId} from {@code owner} to {@code mate} for an hour; returns its id. */
    long share(String vmId, String owner, String mate) {
        jdbc.sql("""
                INSERT INTO console_share (vm_id, owner_id, user_id, expires_at)
                SELECT :vmId, o.id, m.id, :expires FROM app_user o, app_user m
                 WHERE o.username = :owner AND m.username = :mate""")
                .param("vmId", vmId).param("owner", owner).param("mate", mate)
                .param("expires", Timestamp.from(Instant.now().plus(Duration.ofHours(1))))
                .update();
        return jdbc.sql("SELECT MAX(id) FROM console_share").query(Long.class).single();
    }

    /** Waits until the simulator's guacd holds no connection of {@code vmId}. */
    void awaitGuacdClosed(String vmId) {
        await().atMost(SOON).until(() -> consoles().openConnections(vmId) == 0);
    }
}

package io.vsip4x.portal.admin.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.model.HostInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Helpers of the host tests. The simulator's hosts are shared by every test of the JVM: the power
 * tests use {@link #HOST}, a host of the small test pool no other test places VMs on by name, and
 * always leave it running with no power operation open.
 */
abstract class HostTestSupport extends PortalTestSupport {

    /** The host the power tests start and shut down. */
    static final String HOST = "host-04";
    /** The platform admin of the host tests, made once per JVM. */
    static final String ADMIN = "hostadm-" + UUID.randomUUID().toString().substring(0, 6);

    @Autowired
    PlatformClient platform;

    /** Makes {@link #ADMIN} the first time a test needs it. */
    @BeforeEach
    void platformAdmin() {
        if (jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", ADMIN).query(Integer.class)
                .single() == 0) {
            users.create(ADMIN, PASSWORD, "物理机管理员", null, Set.of(Role.PLATFORM_ADMIN));
        }
    }

    /** A new account of {@code role} outside any department; returns its username. */
    String account(Role role) {
        String name = role.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, PASSWORD, name, null, Set.of(role));
        return name;
    }

    /** Puts {@link #HOST} back: callbacks flowing, no failing power, no open operation, running. */
    @AfterEach
    void hostBackToRunning() {
        simulator.simulator().setOperationFailing("startHost", false);
        simulator.simulator().setOperationFailing("shutdownHost", false);
        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM operation WHERE host_id = :h AND state IN ('QUEUED', 'SENDING')""")
                .param("h", HOST).query(Integer.class).single() == 0);
        if (!online()) {
            await().atMost(PATIENCE).until(() -> platform.call(c -> c.startHost(HOST)).ok() || online());
            await().atMost(PATIENCE).until(this::online);
        }
        jdbc.sql("""
                UPDATE operation SET state = 'FAILED', result_info = 'ended after the test', completed_at = NOW(3)
                 WHERE host_id = :h AND state IN ('QUEUED', 'SENDING', 'SENT')""").param("h", HOST).update();
    }

    /** Whether the platform shows {@link #HOST} running. */
    boolean online() {
        List<HostInfo> found = platform.call(c -> c.searchHostList(Map.of("hostId", HOST)));
        return found.get(0).online();
    }

    /** Waits until the platform lists no VM on {@link #HOST} (other tests' VMs are discarded after them). */
    void awaitHostEmpty() {
        await().atMost(PATIENCE).until(() -> simulator.simulator().vms().stream()
                .noneMatch(vm -> HOST.equals(vm.hostId())));
    }

    /** Asks {@code action} of {@code hostId} as {@code user} through the API. */
    ResponseEntity<Map<String, Object>> power(String user, String hostId, String action) {
        return post(user, "/admin/hosts/" + hostId + "/" + action, null);
    }

    /** Asks {@code action} of {@link #HOST} as the platform admin; returns the queued operation's id. */
    long accepted(String action) {
        ResponseEntity<Map<String, Object>> answer = power(ADMIN, HOST, action);
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(202);
        assertThat(answer.getBody()).containsEntry("hostId", HOST).containsEntry("action", action);
        return ((Number) answer.getBody().get("operationId")).longValue();
    }

    /** The operation's state, code and reason. */
    Map<String, Object> operation(long id) {
        return jdbc.sql("SELECT state, result_code, result_info, host_id, vm_id FROM operation WHERE id = :id")
                .param("id", id).query().singleRow();
    }

    /** Waits until operation {@code id} is finished in {@code state}; returns it. */
    Map<String, Object> awaitFinished(long id, String state) {
        await().atMost(PATIENCE).until(() -> state.equals(operation(id).get("state")));
        return operation(id);
    }

    /** How many audit events of {@code action} on {@code target} there are with {@code result} and {@code code}. */
    int audited(String action, String target, String result, String code) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = :action AND target = :target AND result = :result AND code <=> :code""")
                .param("action", action).param("target", target).param("result", result).param("code", code)
                .query(Integer.class).single();
    }

    /** Asserts a 409 refusal with {@code code}; returns its text. */
    String refused(ResponseEntity<Map<String, Object>> answer, String code) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(409);
        assertThat(answer.getBody().get("code")).isEqualTo(code);
        return answer.getBody().get("detail").toString();
    }
}

package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.sdk.callback.CallbackEvent;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A host start or shutdown whose callback never came is settled by the time-outs' check of the
 * host's power state in {@code searchHostList}: done when the host shows it, failed otherwise.
 * A host event finishes only the waiting operation of its own kind on its own host, and only when
 * it happened after that operation was sent. It uses host-04, which the other tests place no VM on
 * by name, and leaves it running.
 */
class HostOperationTimeoutIntegrationTest extends PipelineTestSupport {

    private static final String HOST = "host-04";

    @Autowired
    OperationService operations;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CallbackService callbacks;

    @BeforeEach
    void hostIsFreeAndRunning() {
        await().atMost(PATIENCE).until(() -> simulator.simulator().vms().stream()
                .noneMatch(vm -> HOST.equals(vm.hostId())));
        await().atMost(PATIENCE).until(this::online);
    }

    @AfterEach
    void hostRunsAgain() {
        simulator.simulator().setOperationFailing("startHost", false);
        simulator.simulator().pauseCallbacks(false);
        if (!online()) {
            await().atMost(PATIENCE).until(() -> platform.call(c -> c.startHost(HOST)).ok() || online());
            await().atMost(PATIENCE).until(this::online);
        }
    }

    @Test
    void aLostCallbackIsSettledByTheHostsPowerState() {
        simulator.simulator().pauseCallbacks(true);
        long shutdown = queue(OperationKind.SHUTDOWN_HOST);
        await().atMost(PATIENCE).until(() -> "SENT".equals(state(shutdown).get("state")) && heldEvent("shutdownHost"));

        timeouts.timeOutOlderThan(Duration.ZERO);

        assertThat(state(shutdown)).containsEntry("state", "DONE").containsEntry("result_code", "3001")
                .containsEntry("result_info", OperationTimeouts.HOST_CONFIRMED);

        simulator.simulator().setOperationFailing("startHost", true);
        long start = queue(OperationKind.START_HOST);
        await().atMost(PATIENCE).until(() -> "SENT".equals(state(start).get("state")) && heldEvent("startHost"));

        timeouts.timeOutOlderThan(Duration.ZERO);

        assertThat(state(start)).as("a host's time-out, not a VM's").containsEntry("state", "FAILED")
                .containsEntry("result_info", OperationTimeouts.HOST_TIMED_OUT);
        assertThat(online()).isFalse();
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'OPERATION_TIMED_OUT' AND target = :host""").param("host", HOST)
                .query(Integer.class).single()).isPositive();

        // The late events change nothing the time-outs settled.
        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> simulator.simulator().pendingCallbacks().isEmpty());
        assertThat(state(shutdown)).containsEntry("state", "DONE");
        assertThat(state(start)).containsEntry("state", "FAILED");
    }

    @Test
    void aHostEventFinishesOnlyTheOperationOfItsKindOnItsHost() {
        simulator.simulator().pauseCallbacks(true);
        long shutdown = queue(OperationKind.SHUTDOWN_HOST);
        await().atMost(PATIENCE).until(() -> "SENT".equals(state(shutdown).get("state")));

        // Events of another kind, of another host, or of no host leave the shutdown waiting.
        assertThat(callbacks.apply(hostEvent("startHost", "3000", HOST))).isTrue();
        assertThat(callbacks.apply(hostEvent("shutdownHost", "3001", "host-03"))).isTrue();
        assertThat(callbacks.apply(hostEvent("shutdownHost", "3001", null))).isTrue();
        assertThat(state(shutdown)).containsEntry("state", "SENT");

        // An event of its kind and host that happened before it was sent is an earlier operation's.
        Instant sent = ((Timestamp) jdbc.sql("SELECT sent_at FROM operation WHERE id = :id")
                .param("id", shutdown).query().singleRow().get("sent_at")).toInstant();
        CallbackEvent earlier = hostEvent("shutdownHost", "3021", HOST, sent.minusMillis(1));
        assertThat(callbacks.apply(earlier)).isTrue();
        assertThat(state(shutdown)).as("a late event finishes nothing").containsEntry("state", "SENT");
        assertThat(jdbc.sql("""
                SELECT params FROM audit_event WHERE action = 'CALLBACK_APPLIED' AND target = :host
                   AND params LIKE :event""").param("host", HOST).param("event", "%" + earlier.eventId() + "%")
                .query(String.class).single()).as("recorded all the same").contains("late=");

        CallbackEvent own = hostEvent("shutdownHost", "3021", HOST);
        assertThat(callbacks.apply(own)).isTrue();
        assertThat(state(shutdown)).containsEntry("state", "FAILED").containsEntry("result_code", "3021");
        assertThat(callbacks.apply(own)).as("a repeated event is recognised").isFalse();

        // The platform's own event, delivered now, comes after the operation finished and changes nothing.
        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> simulator.simulator().pendingCallbacks().isEmpty());
        assertThat(state(shutdown)).containsEntry("state", "FAILED").containsEntry("result_code", "3021");
    }

    private static CallbackEvent hostEvent(String operation, String code, String hostId) {
        return hostEvent(operation, code, hostId, Instant.now());
    }

    private static CallbackEvent hostEvent(String operation, String code, String hostId, Instant at) {
        return new CallbackEvent("test-" + UUID.randomUUID(), "", operation, code, null, null, hostId, 0, at);
    }

    /** Whether the simulator finished {@code operation} on the host and holds its event. */
    private boolean heldEvent(String operation) {
        return simulator.simulator().pendingCallbacks().stream()
                .anyMatch(e -> operation.equals(e.operation()) && HOST.equals(e.hostId()));
    }

    private long queue(OperationKind kind) {
        return tx.execute(s -> operations.queueOnHost(kind, HOST, null));
    }

    private Map<String, Object> state(long id) {
        return jdbc.sql("SELECT state, result_code, result_info FROM operation WHERE id = :id").param("id", id)
                .query().singleRow();
    }

    private boolean online() {
        return platform.call(c -> c.searchHostList(Map.of("hostId", HOST))).get(0).online();
    }
}

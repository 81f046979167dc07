package io.vsip4x.portal.admin.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host event that comes after its operation was given up must not finish the next operation of
 * the same kind on that host: a late failure of an earlier shutdown is not the answer to a later,
 * successful one.
 */
class HostLateCallbackIntegrationTest extends HostTestSupport {

    @BeforeEach
    void hostIsFree() {
        awaitHostEmpty();
        await().atMost(PATIENCE).until(this::online);
    }

    @Test
    void aLateFailureOfAnEarlierShutdownDoesNotFailTheNextOne() {
        simulator.simulator().pauseCallbacks(true);
        simulator.simulator().setOperationFailing("shutdownHost", true);
        long first = accepted("shutdown");
        await().atMost(PATIENCE).until(() -> simulator.simulator().pendingCallbacks().stream()
                .anyMatch(e -> HOST.equals(e.hostId()) && "3021".equals(e.result())));
        // What the time-out does to an operation whose callback never came and whose host is still running.
        jdbc.sql("""
                UPDATE operation SET state = 'FAILED', result_info = 'pipeline.operation.timedOut',
                       completed_at = NOW(3)
                 WHERE id = :id AND state = 'SENT'""").param("id", first).update();

        simulator.simulator().setOperationFailing("shutdownHost", false);
        long second = accepted("shutdown");
        await().atMost(PATIENCE).until(() -> !online());
        await().atMost(PATIENCE).until(() -> simulator.simulator().pendingCallbacks().stream()
                .anyMatch(e -> HOST.equals(e.hostId()) && "3001".equals(e.result())));
        simulator.simulator().pauseCallbacks(false);

        await().atMost(PATIENCE).until(() -> !"SENT".equals(operation(second).get("state")));
        await().atMost(PATIENCE).until(() -> simulator.simulator().pendingCallbacks().isEmpty());
        assertThat(online()).as("the platform shut the host down").isFalse();
        Map<String, Object> row = operation(second);
        assertThat(row).as("the second shutdown, which the platform carried out")
                .containsEntry("state", "DONE").containsEntry("result_code", "3001");
    }
}

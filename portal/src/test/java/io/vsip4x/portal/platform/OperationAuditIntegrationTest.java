package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.audit.Correlation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Every operation has its start (the request that queued it) and exactly one final event, whatever
 * finishes it, all under the correlation id the request answered with, and so do its callbacks.
 */
class OperationAuditIntegrationTest extends PipelineTestSupport {

    @Test
    void aStopThatSucceedsHasItsStartOneSuccessAndItsCallbackUnderOneCorrelationId() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        ResponseEntity<Map<String, Object>> accepted = post(t.requester(), "/vms/" + vmId + "/shutdown", null);
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        String correlation = accepted.getHeaders().getFirst(Correlation.HEADER);
        assertThat(correlation).isNotBlank();
        Map<String, Object> op = awaitFinished(vmId);

        assertThat(op).containsEntry("state", "DONE").containsEntry("correlation_id", correlation);
        assertThat(finalEvents(op)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("action", "OPERATION_SUCCEEDED").containsEntry("result", "SUCCESS")
                .containsEntry("correlation_id", correlation).containsEntry("target_type", "VM")
                .containsEntry("tenant_code", t.code()));
        await().atMost(PATIENCE).until(() -> actions(correlation).contains("CALLBACK_APPLIED"));
        assertThat(actions(correlation)).contains("PLATFORM_shutdownVm", "VM_STATE", "CALLBACK_APPLIED")
                .containsOnlyOnce("VM_SHUTDOWN", "OPERATION_SUCCEEDED");
        assertThat(event(correlation, "VM_SHUTDOWN")).containsEntry("actor", t.requester())
                .containsEntry("result", "SUCCESS").containsEntry("target", vmId)
                .containsEntry("params", "operation=" + op.get("id"));
        cleanUp(List.of(vmId));
    }

    @Test
    void aStartThePlatformReportsFailedHasItsStartAndOneFailure() throws Exception {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        faults("{\"failingOperations\": [\"startVm\"]}");

        String correlation = started(t, vmId);
        Map<String, Object> op = awaitFinished(vmId);

        assertThat(op).containsEntry("state", "FAILED");
        assertThat(finalEvents(op)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("action", "OPERATION_FAILED").containsEntry("result", "FAILURE")
                .containsEntry("code", op.get("result_code")).containsEntry("correlation_id", correlation));
        assertThat(op.get("result_code")).isNotNull().isNotEqualTo("0");
        assertThat(actions(correlation)).contains("VM_START").containsOnlyOnce("OPERATION_FAILED");
        cleanUp(List.of(vmId));
    }

    @Test
    void aStartThePlatformRefusesWhenSentHasItsStartAndOneDenial() throws Exception {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        faults("{\"methods\": {\"startVm\": {\"fault\": \"answer\", \"code\": \"2050\"}}}");

        String correlation = started(t, vmId);
        Map<String, Object> op = awaitFinished(vmId);

        assertThat(op).containsEntry("state", "FAILED").containsEntry("result_code", "2050");
        assertThat(finalEvents(op)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("action", "OPERATION_DENIED").containsEntry("result", "DENIED")
                .containsEntry("code", "2050").containsEntry("correlation_id", correlation));
        assertThat(actions(correlation)).contains("VM_START").doesNotContain("PLATFORM_startVm");
        cleanUp(List.of(vmId));
    }

    @Test
    void aStartWhoseCallbackNeverComesHasItsStartAndOneTimeOut() throws Exception {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        faults("{\"callbacks\": {\"drop\": 1.0, \"seed\": 1}, \"failingOperations\": [\"startVm\"]}");

        String correlation = started(t, vmId);
        await().atMost(PATIENCE).until(() -> "SENT".equals(lastOperation(vmId).get("state")));
        awaitPlatformStatus(vmId, 0);
        timeouts.timeOutOlderThan(Duration.ZERO);
        timeouts.timeOutOlderThan(Duration.ZERO);
        Map<String, Object> op = lastOperation(vmId);

        assertThat(op).containsEntry("state", "FAILED").containsEntry("result_info", OperationTimeouts.TIMED_OUT);
        assertThat(finalEvents(op)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("action", "OPERATION_TIMED_OUT").containsEntry("result", "FAILURE")
                .containsEntry("correlation_id", correlation));
        assertThat(actions(correlation)).contains("VM_START", "PLATFORM_startVm");
        cleanUp(List.of(vmId));
    }

    private String stoppedVm(TestTenant t) {
        String vmId = runningVm(t);
        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitFinished(vmId);
        await().atMost(PATIENCE).until(() -> Integer.valueOf(0).equals(vm(t.requester(), vmId).get("status"))
                && !(Boolean) vm(t.requester(), vmId).get("busy"));
        return vmId;
    }

    /** Starts the VM; returns the correlation id the portal answered with. */
    private String started(TestTenant t, String vmId) {
        ResponseEntity<Map<String, Object>> accepted = post(t.requester(), "/vms/" + vmId + "/start", null);
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        return accepted.getHeaders().getFirst(Correlation.HEADER);
    }

    private Map<String, Object> awaitFinished(String vmId) {
        await().atMost(PATIENCE).until(() -> List.of("DONE", "FAILED").contains(lastOperation(vmId).get("state")));
        return lastOperation(vmId);
    }

    private Map<String, Object> lastOperation(String vmId) {
        return jdbc.sql("""
                SELECT id, state, result_code, result_info, correlation_id
                  FROM operation WHERE vm_id = :vm ORDER BY id DESC LIMIT 1""")
                .param("vm", vmId).query().singleRow();
    }

    /** The final events of an operation: every OPERATION_* event naming it. */
    private List<Map<String, Object>> finalEvents(Map<String, Object> op) {
        return jdbc.sql("""
                SELECT action, result, code, correlation_id, target_type, tenant_code FROM audit_event
                 WHERE action LIKE 'OPERATION\\_%' AND params LIKE :params""")
                .param("params", "operation=" + op.get("id") + ", %").query().listOfRows();
    }

    private List<String> actions(String correlation) {
        return jdbc.sql("SELECT action FROM audit_event WHERE correlation_id = :c ORDER BY id")
                .param("c", correlation).query(String.class).list();
    }

    private Map<String, Object> event(String correlation, String action) {
        return jdbc.sql("""
                SELECT actor, result, target, params FROM audit_event
                 WHERE correlation_id = :c AND action = :a""")
                .param("c", correlation).param("a", action).query().singleRow();
    }
}

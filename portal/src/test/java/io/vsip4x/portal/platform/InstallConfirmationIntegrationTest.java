package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An installation from an ISO image ({@code installVm}) when callbacks go missing or an answer
 * never came: the reconciliation and the time-outs confirm it by the VM's status as they do a
 * creation, and a retry of a send whose answer was lost finds the VM made and makes no second one.
 */
class InstallConfirmationIntegrationTest extends PortalTestSupport {

    @Autowired
    private Reconciler reconciler;
    @Autowired
    private OperationTimeouts timeouts;

    @AfterEach
    void deliverHeldCallbacks() {
        simulator.simulator().pauseCallbacks(false);
    }

    static Map<String, Object> installRequest() {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "INSTALL");
        body.put("imageId", "iso-centos7");
        body.put("repoName", "pool-prod");
        body.put("cpu", 1);
        body.put("memoryMb", 1024);
        body.put("diskGb", 20);
        body.put("network", "vnet-office");
        body.put("reason", "光盘安装");
        return body;
    }

    @Test
    void reconciliationConfirmsAnInstallationWhoseCallbacksNeverCame() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), installRequest());
        String vmId = approvedWithCallbacksHeld(t, id);

        reconciler.confirmByStatus();

        assertThat(vm(t.requester(), vmId)).containsEntry("status", 0);
        assertThat(operationState(id)).isEqualTo("DONE");
        assertThat(request(t.requester(), id)).containsEntry("state", "COMPLETED");
    }

    @Test
    void timeOutConfirmsAnInstallationTheVmShowsDone() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), installRequest());
        String vmId = approvedWithCallbacksHeld(t, id);

        timeouts.timeOutOlderThan(Duration.ZERO);

        assertThat(operationState(id)).isEqualTo("DONE");
        assertThat(request(t.requester(), id)).containsEntry("state", "COMPLETED");
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 0);
    }

    @Test
    void retryOfASendWhoseAnswerWasLostMakesNoSecondVm() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), installRequest());
        String vmId = approvedWithCallbacksHeld(t, id);
        int platformVms = simulator.simulator().vms().size();

        // As after a transport time-out: the platform has the VM, the portal sends the operation again.
        jdbc.sql("""
                UPDATE operation SET state = 'QUEUED', next_attempt_at = NOW(3), last_error = 'platform unreachable'
                 WHERE request_id = :id AND kind = 'INSTALL_VM'""").param("id", id).update();
        await().atMost(PATIENCE).until(() -> OperationDispatcher.ACCEPTED_EARLIER.equals(jdbc.sql(
                "SELECT result_info FROM operation WHERE request_id = :id AND kind = 'INSTALL_VM'")
                .param("id", id).query(String.class).single()));

        assertThat(simulator.simulator().vms()).hasSize(platformVms);
        assertThat(jdbc.sql("SELECT attempts FROM operation WHERE request_id = :id AND kind = 'INSTALL_VM'")
                .param("id", id).query(Integer.class).single()).isEqualTo(2);
        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status")));
        assertThat(request(t.requester(), id).get("vmIds")).isEqualTo(List.of(vmId));
    }

    /** Approves request {@code id} with the callbacks held back; its VM, once the platform has installed it. */
    private String approvedWithCallbacksHeld(TestTenant t, long id) {
        simulator.simulator().pauseCallbacks(true);
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> !((List<?>) request(t.requester(), id).get("vmIds")).isEmpty());
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId)
                .filter(vm -> vm.status() == 0 && !vm.busy()).isPresent());
        await().atMost(PATIENCE).until(() -> "SENT".equals(operationState(id)));
        return vmId;
    }

    private String operationState(long requestId) {
        return jdbc.sql("SELECT state FROM operation WHERE request_id = :id AND kind = 'INSTALL_VM'")
                .param("id", requestId).query(String.class).single();
    }
}

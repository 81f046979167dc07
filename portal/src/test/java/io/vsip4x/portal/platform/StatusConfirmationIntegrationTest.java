package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.simulator.Vsip4xSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Without callbacks (the vendor's SDK class sends none), the reconciliation confirms creations
 * and power operations by the status the platform reports. Here the simulator holds its
 * callbacks back, and the confirmation runs at the test's pace instead of on its schedule.
 */
class StatusConfirmationIntegrationTest extends PortalTestSupport {

    @Autowired
    private Reconciler reconciler;

    @AfterEach
    void deliverHeldCallbacks() {
        simulator.simulator().pauseCallbacks(false);
    }

    @Test
    void confirmsACreationThenTheStartItQueuesThenAShutdownByTheVmsStatus() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));
        String vmId = approvedWithCallbacksHeld(t, id);

        reconciler.confirmByStatus();

        assertThat(vm(t.requester(), vmId)).containsEntry("status", 0);
        awaitPlatformStatus(vmId, 1);
        reconciler.confirmByStatus();
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1);
        assertThat(request(t.requester(), id)).containsEntry("state", "COMPLETED");
        assertThat(operation(vmId, "START_VM")).isEqualTo("DONE " + Reconciler.CONFIRMED);

        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitPlatformStatus(vmId, 0);
        reconciler.confirmByStatus();
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 0);
        assertThat(operation(vmId, "SHUTDOWN_VM")).isEqualTo("DONE " + Reconciler.CONFIRMED);
    }

    @Test
    void leavesAnOperationOpenWhileTheVmHasNotReachedItsStatus() {
        Vsip4xSimulator platform = simulator.simulator();
        TestTenant t = newTenant();
        String vmId = approvedWithCallbacksHeld(t, submit(t.requester(), smallRequest(1)));
        platform.faults().failOperation("startVm", true);
        try {
            reconciler.confirmByStatus();
            await().atMost(PATIENCE).until(() -> platform.vm(vmId).filter(vm -> !vm.busy()).isPresent()
                    && "SENT".equals(state(vmId, "START_VM")));

            reconciler.confirmByStatus();

            assertThat(state(vmId, "START_VM")).as("a start that left the VM stopped").isEqualTo("SENT");
            assertThat(vm(t.requester(), vmId)).containsEntry("status", 0);
        } finally {
            platform.faults().failOperation("startVm", false);
        }
    }

    /** Approves request {@code id} with the callbacks held back; its VM, once the platform has created it. */
    private String approvedWithCallbacksHeld(TestTenant t, long id) {
        simulator.simulator().pauseCallbacks(true);
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> !((List<?>) request(t.requester(), id).get("vmIds")).isEmpty());
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        awaitPlatformStatus(vmId, 0);
        return vmId;
    }

    private void awaitPlatformStatus(String vmId, int status) {
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId)
                .filter(vm -> vm.status() == status && !vm.busy()).isPresent());
    }

    private String operation(String vmId, String kind) {
        return jdbc.sql("SELECT CONCAT(state, ' ', result_info) FROM operation WHERE vm_id = :vm AND kind = :kind")
                .param("vm", vmId).param("kind", kind).query(String.class).single();
    }

    private String state(String vmId, String kind) {
        return jdbc.sql("SELECT state FROM operation WHERE vm_id = :vm AND kind = :kind")
                .param("vm", vmId).param("kind", kind).query(String.class).optional().orElse("none");
    }
}

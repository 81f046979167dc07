package io.vsip4x.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.platform.PlatformClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deleted VM keeps counting against the quota until the platform's callback says it is gone;
 * a VM whose creation failed counts for nothing.
 */
class VmDeletionUsageIntegrationTest extends PortalTestSupport {

    @Autowired
    private PlatformClient platform;

    @AfterEach
    void deliverHeldCallbacks() {
        simulator.simulator().pauseCallbacks(false);
    }

    @Test
    void usageIsReleasedWhenTheDeletionCallbackArrivesNotBefore() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        awaitStatus(t, vmId, 1);
        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitStatus(t, vmId, 0);

        simulator.simulator().pauseCallbacks(true);
        assertThat(platform.call(c -> c.deleteVm(vmId)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());

        assertThat(used(t)).containsEntry("vms", 1).containsEntry("cpu", 2);
        assertThat(status(t.requester(), "/vms/" + vmId)).isEqualTo(200);

        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> ((Number) used(t).get("vms")).intValue() == 0);
        assertThat(used(t)).containsEntry("cpu", 0).containsEntry("memoryMb", 0);
        assertThat(status(t.requester(), "/vms/" + vmId)).isEqualTo(404);
        assertThat(jdbc.sql("SELECT lifecycle FROM vm WHERE vm_id = :id").param("id", vmId).query(String.class)
                .single()).isEqualTo("DELETED");
    }

    @Test
    void aVmWhoseCreationFailedCountsForNothing() {
        TestTenant t = newTenant();
        simulator.simulator().faults().failOperation("createVm", true);
        try {
            long id = submit(t.requester(), smallRequest(1));
            post(t.approver(), "/requests/" + id + "/approve", null);
            await().atMost(PATIENCE).until(() -> "FAILED".equals(request(t.requester(), id).get("state")));
        } finally {
            simulator.simulator().faults().failOperation("createVm", false);
        }

        Map<String, Object> quota = get(t.requester(), "/quota");
        assertThat(QuotaConcurrencyIntegrationTest.total(quota)).containsEntry("vms", 0L).containsEntry("cpu", 0L);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> used(TestTenant t) {
        return (Map<String, Object>) get(t.requester(), "/quota").get("used");
    }

    private void awaitStatus(TestTenant t, String vmId, int status) {
        await().atMost(PATIENCE).until(() -> Integer.valueOf(status).equals(vm(t.requester(), vmId).get("status")));
    }
}

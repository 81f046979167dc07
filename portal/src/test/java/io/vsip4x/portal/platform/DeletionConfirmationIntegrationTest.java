package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.vms.VmService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A deletion whose callback never comes (the vendor's SDK class sends none): the VM stays
 * counted while being deleted, and the reconciliation confirms the deletion once the platform
 * no longer knows the VM, freeing its quota then.
 */
class DeletionConfirmationIntegrationTest extends PortalTestSupport {

    @Autowired
    private Reconciler reconciler;
    @Autowired
    private VmService vms;
    @Autowired
    private QuotaService quotas;
    @Autowired
    private TransactionTemplate tx;

    @AfterEach
    void releaseCallbacks() {
        simulator.simulator().pauseCallbacks(false);
    }

    @Test
    void deletionWithoutCallbackIsConfirmedByTheVmBeingGone() {
        TestTenant t = newTenant();
        Map<String, Object> body = new HashMap<>(smallRequest(1));
        body.put("powerOn", false);
        long id = submit(t.requester(), body);
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(0).equals(vm(t.requester(), vmId).get("status")));

        simulator.simulator().pauseCallbacks(true);
        tx.executeWithoutResult(s -> vms.beginDelete(vmId, null));
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());
        assertThat(vm(t.requester(), vmId)).containsEntry("lifecycle", "DELETING");
        assertThat(quotas.report(t.id()).used().vms()).isEqualTo(1);

        reconciler.confirmByStatus();

        assertThat(status(t.requester(), "/vms/" + vmId)).isEqualTo(404);
        assertThat(quotas.report(t.id()).used().vms()).isZero();
        assertThat(jdbc.sql("SELECT state FROM operation WHERE vm_id = :vm AND kind = 'DELETE_VM'")
                .param("vm", vmId).query(String.class).single()).isEqualTo("DONE");
    }
}

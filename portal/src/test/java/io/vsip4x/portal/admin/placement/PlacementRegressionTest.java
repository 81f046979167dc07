package io.vsip4x.portal.admin.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Regression tests found by breaking issue 10. Adoption refuses a pool the tenant is not granted
 * and an owner not cleared for the VM's level; placement and batch attributes should hold the
 * same rules: a platform admin must not move a tenant's VM into a pool its tenant may not use, nor
 * raise a VM's classification above what its owner is cleared for (the VM silently vanishes from
 * its owner's list while still counting in the quota).
 */
class PlacementRegressionTest extends VmOperationsTestSupport {

    @Test
    void aPoolNotGrantedToTheVmsTenantIsNotAMoveTarget() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = stoppedVm(t);
        tenants.revoke(t.id(), ResourceKind.POOL, "pool-test");

        ResponseEntity<Map<String, Object>> moved = act(admin, vmId, "move",
                Map.of("hostId", "host-03", "repoId", "pool-test"));

        assertThat(moved.getStatusCode().value()).as("answer %s", moved.getBody()).isNotEqualTo(202);
    }

    @Test
    void aClassificationAboveTheOwnersClearanceIsRefused() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);

        ResponseEntity<Map<String, Object>> set = post(admin, "/admin/vms/attributes",
                Map.of("vmIds", List.of(vmId), "attribute", "classification", "value", 4));

        assertThat(set.getStatusCode().value()).as("answer %s", set.getBody()).isEqualTo(400);
        assertThat(vmItems(t.requester(), "/vms")).as("the owner still sees the VM")
                .extracting(v -> v.get("vmId")).contains(vmId);
    }
}

package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new VM can be found by its address as soon as it is created, not only after a reconciliation. */
class VmAddressIntegrationTest extends VmOperationsTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void aNewVmIsFoundByItsAddressAtOnce() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        List<Map<String, Object>> nics = (List<Map<String, Object>>) vm(t.requester(), vmId).get("nics");
        String ip = (String) nics.get(0).get("ipAddress");
        assertThat(ip).as("the platform gave the NIC an address").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

        await().atMost(PATIENCE).until(() -> vmItems(t.requester(), "/vms?q=" + ip).stream()
                .anyMatch(v -> vmId.equals(v.get("vmId"))));
        Map<String, Object> found = vmItems(t.requester(), "/vms?q=" + ip).get(0);
        assertThat((List<String>) found.get("ipAddresses")).contains(ip);
    }
}

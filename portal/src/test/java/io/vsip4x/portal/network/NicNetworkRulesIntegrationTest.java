package io.vsip4x.portal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The rules that keep one tenant's NICs from hurting another's on a shared network, through the
 * simulator over HTTP: at most {@link NicService#MAX_NICS_PER_VM} NICs per VM, no address that is
 * the network's gateway, DNS server, network or broadcast address, outside its subnet, special
 * (loopback, multicast, 0.x) or in use by another VM; a malformed MAC is a field error. Each is
 * refused before the platform is asked.
 */
class NicNetworkRulesIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Test
    void refusesTheNinthNicBeforeAskingWithTheLimitInItsText() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        for (int i = 2; i <= NicService.MAX_NICS_PER_VM; i++) {
            ResponseEntity<Map<String, Object>> added = post(t.requester(), "/vms/" + vmId + "/nics",
                    Map.of("network", "vnet-dmz"));
            assertThat(added.getStatusCode().value()).as("NIC %s: %s", i, added.getBody()).isEqualTo(201);
        }
        ResponseEntity<Map<String, Object>> ninth = post(t.requester(), "/vms/" + vmId + "/nics",
                Map.of("network", "vnet-dmz"));

        assertThat(ninth.getStatusCode().value()).isEqualTo(409);
        assertThat(ninth.getBody().get("detail").toString()).contains("8 NICs");
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics()).hasSize(NicService.MAX_NICS_PER_VM);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :vm AND action = 'VM_NIC_ADD'"
                + " AND result = 'DENIED'").param("vm", vmId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void refusesTheNetworksReservedAndSpecialAddressesAndOthersInUsePerField() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TestTenant neighbour = newTenant();
        String theirs = runningVm(neighbour);
        String theirAddress = simulator.simulator().vm(theirs).orElseThrow().nics().get(0).ipAddress();
        String mine = simulator.simulator().vm(vmId).orElseThrow().nics().get(0).macAddress();

        assertThat(field(t, vmId, "10.10.0.1", null)).containsKey("ipAddress")
                .extractingByKey("ipAddress").asString().contains("reserved", "10.10.0.0/24");
        assertThat(field(t, vmId, "10.10.0.2", null)).containsOnlyKeys("ipAddress");
        assertThat(field(t, vmId, "10.10.1.5", null)).extractingByKey("ipAddress").asString()
                .contains("not in this network's subnet 10.10.0.0/24");
        assertThat(field(t, vmId, theirAddress, null)).extractingByKey("ipAddress").asString()
                .contains("in use by another VM");
        assertThat(field(t, vmId, "127.0.0.5", null)).containsOnlyKeys("ipAddress");
        assertThat(field(t, vmId, "224.0.0.9", null)).containsOnlyKeys("ipAddress");
        assertThat(field(t, vmId, "0.0.0.7", null)).containsOnlyKeys("ipAddress");
        assertThat(field(t, vmId, freeAddress("10.10.0."), "10.10.0.0")).containsOnlyKeys("gateway");
        assertThat(field(t, vmId, freeAddress("10.10.0."), "10.10.0.255")).containsOnlyKeys("gateway");

        ResponseEntity<Map<String, Object>> change = put(t.requester(), "/vms/" + vmId + "/nics/" + mine,
                nic("10.10.0.1", null));
        assertThat(change.getStatusCode().value()).isEqualTo(400);
        assertThat(change.getBody().get("errors").toString()).contains("ipAddress");
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics()).hasSize(1);
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics().get(0).ipAddress()).isNotEqualTo("10.10.0.1");
    }

    @Test
    void aMalformedMacIsAFieldErrorNotAnUnknownNic() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ResponseEntity<Map<String, Object>> answer = put(t.requester(), "/vms/" + vmId + "/nics/not-a-mac",
                Map.of("network", "vnet-office"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("errors").toString()).contains("macAddress", "not-a-mac")
                .doesNotContain("not:a:mac");
    }


    private Map<String, Object> field(TestTenant t, String vmId, String ip, String gateway) {
        ResponseEntity<Map<String, Object>> answer = post(t.requester(), "/vms/" + vmId + "/nics", nic(ip, gateway));
        assertThat(answer.getStatusCode().value()).as("%s: %s", ip, answer.getBody()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) answer.getBody().get("errors");
        return errors;
    }

    private ResponseEntity<Map<String, Object>> put(String user, String path, Object body) {
        return api(user).put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JSON);
    }

    private static Map<String, Object> nic(String ip, String gateway) {
        Map<String, Object> body = new HashMap<>();
        body.put("network", "vnet-office");
        body.put("ipAddress", ip);
        body.put("subnetMask", "255.255.255.0");
        body.put("gateway", gateway);
        body.put("dnsServers", List.of());
        return body;
    }
}

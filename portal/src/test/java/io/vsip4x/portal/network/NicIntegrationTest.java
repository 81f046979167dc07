package io.vsip4x.portal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A VM's NICs through the simulator over HTTP: listed, added (DHCP or fixed) and changed on the
 * tenant's networks; bad addresses refused per field before the platform is asked; the platform's
 * codes kept; other tenants, approvers and people without the clearance refused.
 */
class NicIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ClearanceSettings clearances;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void clearFaults() {
        simulator.simulator().faults().reset();
    }

    @Test
    void addsNicsByDhcpAndFixedAddressAndChangesOne() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        List<Map<String, Object>> before = getList(t.requester(), "/vms/" + vmId + "/nics");
        assertThat(before).hasSize(1);
        assertThat(before.get(0)).containsEntry("network", "vnet-office").containsEntry("networkName", "办公网");

        ResponseEntity<Map<String, Object>> dhcp = post(t.requester(), "/vms/" + vmId + "/nics",
                Map.of("network", "vnet-dmz"));
        assertThat(dhcp.getStatusCode().value()).as("answer %s", dhcp.getBody()).isEqualTo(201);
        assertThat(dhcp.getBody()).containsEntry("network", "vnet-dmz");
        assertThat(dhcp.getBody().get("ipAddress").toString()).startsWith("172.16.10.");

        String office = freeAddress("10.10.0.");
        ResponseEntity<Map<String, Object>> fixed = post(t.requester(), "/vms/" + vmId + "/nics",
                nic("vnet-office", office, "255.255.255.0", "10.10.0.1", List.of("10.10.0.53", "10.10.0.54")));
        assertThat(fixed.getStatusCode().value()).as("answer %s", fixed.getBody()).isEqualTo(201);
        assertThat(fixed.getBody()).containsEntry("ipAddress", office).containsEntry("gateway", "10.10.0.1")
                .containsEntry("dnsServers", List.of("10.10.0.53", "10.10.0.54"));
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics()).hasSize(3);

        String mac = before.get(0).get("macAddress").toString();
        String dmz = freeAddress("172.16.10.");
        ResponseEntity<Map<String, Object>> changed = put(t.requester(), "/vms/" + vmId + "/nics/" + mac,
                nic("vnet-dmz", dmz, "255.255.255.0", "172.16.10.1", List.of()));
        assertThat(changed.getStatusCode().value()).as("answer %s", changed.getBody()).isEqualTo(200);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/nics")).filteredOn(n -> mac.equals(n.get("macAddress")))
                .singleElement().satisfies(n -> assertThat(n).containsEntry("network", "vnet-dmz")
                        .containsEntry("ipAddress", dmz));
        assertThat(auditRows(vmId)).anySatisfy(r -> assertThat(r).contains("VM_NIC_ADD", "SUCCESS", "vnet-dmz"))
                .anySatisfy(r -> assertThat(r).contains("VM_NIC_CHANGE", "SUCCESS", dmz));
    }

    @Test
    void refusesBadAddressesPerFieldBeforeAskingThePlatform() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        Map<String, Object> errors = refusedFields(t.requester(), vmId,
                nic("vnet-office", "10.10.0.300", "255.0.255.0", "10.10.0.1", List.of("dns.example")));
        assertThat(errors).containsKeys("ipAddress", "subnetMask", "dnsServers");
        assertThat(errors.get("ipAddress").toString()).contains("10.10.0.300 is not an IPv4 address");
        assertThat(errors.get("subnetMask").toString()).contains("not a subnet mask");

        assertThat(refusedFields(t.requester(), vmId,
                nic("vnet-office", freeAddress("10.10.0."), "255.255.255.0", "10.10.1.1", List.of())))
                .containsOnlyKeys("gateway");
        assertThat(refusedFields(t.requester(), vmId,
                nic("vnet-office", "10.10.0.255", "255.255.255.0", null, List.of())))
                .containsOnlyKeys("ipAddress");
        assertThat(refusedFields(t.requester(), vmId, nic("vnet-lab", null, null, null, List.of())))
                .containsOnlyKeys("network");
        assertThat(refusedFields(t.requester(), vmId, nic("vnet-office", null, "255.255.255.0", null, List.of())))
                .containsOnlyKeys("subnetMask");
        assertThat(refusedFields(t.requester(), vmId, nic(null, null, null, null, List.of())))
                .containsOnlyKeys("network");
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics()).hasSize(1);
    }

    @Test
    void keepsThePlatformsCodes() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        ResponseEntity<Map<String, Object>> unknown = put(t.requester(), "/vms/" + vmId + "/nics/52:54:00:de:ad:01",
                nic("vnet-office", null, null, null, List.of()));
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "2060");
        assertThat(unknown.getBody().get("detail").toString()).contains("52:54:00:de:ad:01");

        String taken = getList(t.requester(), "/vms/" + vmId + "/nics").get(0).get("ipAddress").toString();
        ResponseEntity<Map<String, Object>> inUse = post(t.requester(), "/vms/" + vmId + "/nics",
                nic("vnet-office", taken, "255.255.255.0", null, List.of()));
        assertThat(inUse.getStatusCode().value()).as("answer %s", inUse.getBody()).isEqualTo(400);
        assertThat(inUse.getBody()).containsEntry("code", "2003");

        simulator.simulator().faults().answer("addVmNetwork", "2004", 1);
        ResponseEntity<Map<String, Object>> gone = post(t.requester(), "/vms/" + vmId + "/nics",
                Map.of("network", "vnet-dmz"));
        assertThat(gone.getStatusCode().value()).isEqualTo(404);
        assertThat(gone.getBody()).containsEntry("code", "2004");

        simulator.simulator().faults().answer("addVmNetwork", "2066", 1);
        ResponseEntity<Map<String, Object>> full = post(t.requester(), "/vms/" + vmId + "/nics",
                Map.of("network", "vnet-dmz"));
        assertThat(full.getStatusCode().value()).isEqualTo(409);
        assertThat(full.getBody()).containsEntry("code", "2066");

        assertThat(act(t.requester(), vmId, "pause", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 4);
        assertRefused(post(t.requester(), "/vms/" + vmId + "/nics", Map.of("network", "vnet-dmz")), "2052");
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics()).hasSize(1);
        assertThat(auditRows(vmId)).anySatisfy(r -> assertThat(r).contains("VM_NIC_ADD", "FAILURE", "2066"))
                .anySatisfy(r -> assertThat(r).contains("VM_NIC_ADD", "DENIED", "2052"));
    }

    @Test
    void aChangeHoldsNoLockOnTheVmWhileThePlatformWorks() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String mac = simulator.simulator().vm(vmId).orElseThrow().nics().get(0).macAddress();
        simulator.simulator().faults().slow("setVmNetwork", Duration.ofSeconds(6), 1);
        CompletableFuture<ResponseEntity<Map<String, Object>>> change = CompletableFuture.supplyAsync(
                () -> put(t.requester(), "/vms/" + vmId + "/nics/" + mac, nic("vnet-dmz", null, null, null,
                        List.of())));
        await().atMost(PATIENCE).until(() -> !simulator.simulator().faults().view().plan().methods()
                .containsKey("setVmNetwork"));
        String row = transactions.execute(s -> jdbc.sql("SET STATEMENT innodb_lock_wait_timeout = 2 FOR "
                + "SELECT vm_id FROM vm WHERE vm_id = :id FOR UPDATE").param("id", vmId).query(String.class)
                .single());
        assertThat(row).as("the VM's row is free while the platform changes the NIC").isEqualTo(vmId);
        assertThat(change).as("the platform was still changing the NIC").isNotDone();
        ResponseEntity<Map<String, Object>> changed = change.get(30, TimeUnit.SECONDS);
        assertThat(changed.getStatusCode().value()).as("answer %s", changed.getBody()).isEqualTo(200);
        assertThat(changed.getBody()).containsEntry("network", "vnet-dmz");
    }

    @Test
    void otherTenantsApproversAndPeopleWithoutClearanceAreRefused() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String vmId = runningVm(t);
        Map<String, Object> body = Map.of("network", "vnet-dmz");

        assertThat(status(other.requester(), "/vms/" + vmId + "/nics")).isEqualTo(404);
        assertThat(post(other.requester(), "/vms/" + vmId + "/nics", body).getStatusCode().value()).isEqualTo(404);
        assertThat(status(t.approver(), "/vms/" + vmId + "/nics")).isEqualTo(200);
        assertThat(post(t.approver(), "/vms/" + vmId + "/nics", body).getStatusCode().value()).isEqualTo(403);

        clearances.setCeiling(t.id(), 2);
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        post(t.requester(), "/vms/" + vmId + "/resync", null);
        org.awaitility.Awaitility.await().atMost(PATIENCE)
                .until(() -> status(t.requester(), "/vms/" + vmId + "/nics") == 404);
        assertThat(post(t.requester(), "/vms/" + vmId + "/nics", body).getStatusCode().value()).isEqualTo(404);
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics()).hasSize(1);
    }

    @Test
    void thePageListsNicsAndShowsFieldMessagesBesideTheirFields() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        HttpResponse<String> shown = page.get("/vms/" + vmId + "/nics");
        assertThat(shown.statusCode()).isEqualTo(200);
        String mac = simulator.simulator().vm(vmId).orElseThrow().nics().get(0).macAddress();
        assertThat(shown.body()).contains("id=\"nic-list\"", mac, "id=\"tab-nics\"", "Add NIC");

        String token = PageClient.csrfOf(shown.body());
        HttpResponse<String> bad = page.postForm("/vms/" + vmId + "/nics", "_csrf=" + token
                + "&network=vnet-office&ipAddress=10.10.0.30&subnetMask=255.255.255.0&gateway=192.168.1.1"
                + "&dnsServers=");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"add-gateway-error\"", "must be another address in the subnet");

        HttpResponse<String> added = page.postForm("/vms/" + vmId + "/nics", "_csrf=" + token
                + "&network=vnet-dmz&ipAddress=&subnetMask=&gateway=&dnsServers=", "HX-Request", "true");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("id=\"nic-notice\"").contains("172.16.10.");
        assertThat(simulator.simulator().vm(vmId).orElseThrow().nics()).hasSize(2);
    }

    private Map<String, Object> refusedFields(String user, String vmId, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> answer = post(user, "/vms/" + vmId + "/nics", body);
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) answer.getBody().get("errors");
        return errors;
    }

    private ResponseEntity<Map<String, Object>> put(String user, String path, Object body) {
        return api(user).put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JSON);
    }

    private List<String> auditRows(String vmId) {
        return jdbc.sql("SELECT * FROM audit_event WHERE target = :vm ORDER BY id").param("vm", vmId).query()
                .listOfRows().stream().map(Object::toString).toList();
    }

    private static Map<String, Object> nic(String network, String ip, String mask, String gateway, List<String> dns) {
        Map<String, Object> body = new HashMap<>();
        body.put("network", network);
        body.put("ipAddress", ip);
        body.put("subnetMask", mask);
        body.put("gateway", gateway);
        body.put("dnsServers", dns);
        return body;
    }

}

package io.vsip4x.portal.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The guest tasks as testers found them wanting, through the simulator over HTTP: the network's
 * reserved addresses refused for the guest's own address, which then shows in the NIC view and the
 * VM's addresses; URLs with user info refused and logged without query; control and format
 * characters refused in paths and user names; the page's reads asked by POST; process memory in
 * KiB/MiB and pids as numbers; the task buttons disabled on a stopped VM with the reason.
 */
class GuestReviewIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    @Test
    void refusesTheNetworksReservedAddressesAndShowsASetAddressInTheNicsAndTheVm() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String mac = simulator.simulator().vm(vmId).orElseThrow().nics().get(0).macAddress();
        String path = "/vms/" + vmId + "/guest/nics/" + mac + "/address";

        assertThat(errors(put(t.requester(), path, address("10.10.0.1", null)))).containsOnlyKeys("ipAddress");
        assertThat(errors(put(t.requester(), path, address("10.10.0.2", null)))).containsOnlyKeys("ipAddress");
        assertThat(errors(put(t.requester(), path, address("10.10.1.9", null)))).extractingByKey("ipAddress")
                .asString().contains("10.10.0.0/24");
        assertThat(errors(put(t.requester(), path, address(freeAddress("10.10.0."), "10.10.0.255"))))
                .containsOnlyKeys("gateway");
        assertThat(errors(put(t.requester(), path, address("127.0.0.9", null)))).containsOnlyKeys("ipAddress");
        assertThat(simulator.simulator().guest(vmId).addresses()).isEmpty();

        String chosen = freeAddress("10.10.0.");
        ResponseEntity<Map<String, Object>> set = put(t.requester(), path, address(chosen, "10.10.0.1"));
        assertThat(set.getStatusCode().value()).as("answer %s", set.getBody()).isEqualTo(200);
        List<Map<String, Object>> nics = api(t.requester()).get().uri("/vms/" + vmId + "/nics").retrieve()
                .body(LIST);
        assertThat(nics).singleElement().satisfies(n -> assertThat(n).containsEntry("ipAddress", chosen));
        await().atMost(PATIENCE).until(() -> String.valueOf(jdbc.sql("SELECT ip_addresses FROM vm WHERE vm_id = :id")
                .param("id", vmId).query(String.class).optional().orElse(null)).contains(chosen));
    }

    @Test
    void refusesUrlsWithUserInfoAndLogsOnlySchemeHostPortAndPath() {
        TestTenant t = newTenant();
        String windows = runningWindowsVm(t);
        ResponseEntity<Map<String, Object>> userInfo = post(t.requester(), "/vms/" + windows + "/guest/open-url",
                Map.of("url", "https://alice:Pa55word@intranet.example/start"));
        assertThat(userInfo.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(userInfo)).containsOnlyKeys("url");

        assertThat(post(t.requester(), "/vms/" + windows + "/guest/open-url",
                Map.of("url", "https://intranet.example:8443/start?token=T0KEN-42#top")).getStatusCode().value())
                .isEqualTo(200);
        List<String> rows = jdbc.sql("SELECT CONCAT_WS(' ', action, result, params) FROM audit_event"
                + " WHERE target = :vm").param("vm", windows).query(String.class).list();
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("VM_GUEST_OPEN_URL", "SUCCESS",
                        "url=https://intranet.example:8443/start"))
                .noneSatisfy(r -> assertThat(r).containsAnyOf("T0KEN-42", "Pa55word", "#top"));
    }

    @Test
    void refusesControlAndFormatCharactersInPathsAndUserNames() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        for (String bad : List.of("\u0000", "\u001b", "\u007f", "\u202e", "\u2028")) {
            assertThat(errors(post(t.requester(), "/vms/" + vmId + "/guest/files",
                    Map.of("path", "/tmp/a" + bad + "b.txt", "content", "x")))).containsOnlyKeys("path");
            assertThat(errors(post(t.requester(), "/vms/" + vmId + "/guest/login",
                    Map.of("username", "ro" + bad + "ot", "credential", "pw")))).containsOnlyKeys("username");
        }
        assertThat(simulator.simulator().guest(vmId).files()).isEmpty();
        assertThat(simulator.simulator().guest(vmId).session()).isNull();
    }

    @Test
    void thePageAsksReadsByPostAndShowsMemoryInBinaryUnitsWhileTheApiGivesNumericPids() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient page = signedIn(t.requester());
        String shown = page.get("/vms/" + vmId + "/guest").body();
        assertThat(shown).contains("id=\"guest-processes\"", "hx-post=\"/vms/" + vmId + "/guest/processes\"",
                "hx-post=\"/vms/" + vmId + "/guest/address/read\"").doesNotContain("hx-get=\"/vms/" + vmId
                + "/guest/processes");
        assertThat(page.get("/vms/" + vmId + "/guest/processes").statusCode()).isNotEqualTo(200);
        long before = audits(vmId, "VM_GUEST_PROCESSES");

        String token = PageClient.csrfOf(shown);
        HttpResponse<String> table = page.postForm("/vms/" + vmId + "/guest/processes?sort=memory&dir=asc",
                "_csrf=" + token, "HX-Request", "true");
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(table.body()).contains("id=\"guest-process-table\"", "aria-sort=\"ascending\"")
                .containsPattern("class=\"memory\">[0-9.,]+ (KiB|MiB) \\(").doesNotContain(" KB ");
        assertThat(audits(vmId, "VM_GUEST_PROCESSES")).isEqualTo(before + 1);
        String mac = simulator.simulator().vm(vmId).orElseThrow().nics().get(0).macAddress();
        HttpResponse<String> read = page.postForm("/vms/" + vmId + "/guest/address/read",
                "_csrf=" + token + "&macAddress=" + mac, "HX-Request", "true");
        assertThat(read.body()).contains("id=\"guest-address-ip\"");

        List<Map<String, Object>> processes = api(t.requester()).get().uri("/vms/" + vmId + "/guest/processes")
                .retrieve().body(LIST);
        assertThat(processes).isNotEmpty().allSatisfy(p -> assertThat(p.get("pid")).isInstanceOf(Number.class));
    }

    @Test
    void aStoppedVmsTaskButtonsAreDisabledWithTheReason() {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        String body = signedIn(t.requester()).get("/vms/" + vmId + "/guest").body();
        for (String id : List.of("guest-read-ip", "guest-dhcp", "guest-set-ip", "guest-processes", "guest-software",
                "guest-open-url", "guest-login", "guest-lock", "guest-logout", "guest-push-file")) {
            assertThat(body).as(id).containsPattern("<button(?=[^>]*id=\"" + id + "\")(?=[^>]*disabled)");
        }
        assertThat(body).containsPattern("<fieldset[^>]*id=\"guest-tasks\"[^>]*title=\"[^\"]+\"");
        assertThat(body).doesNotContain("<a class=\"button small\" id=\"guest-processes\"");
    }

    @Test
    void theNicTabAndTheOverviewNameTheNetworkWithItsId() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient page = signedIn(t.requester());
        for (String path : List.of("/vms/" + vmId + "/nics", "/vms/" + vmId)) {
            assertThat(page.get(path).body()).as(path).containsPattern(
                    "<span>办公网</span>\\s*<small class=\"muted network-id\">vnet-office</small>");
        }
    }

    private long audits(String vmId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :vm AND action = :action")
                .param("vm", vmId).param("action", action).query(Long.class).single();
    }

    /** A running Windows VM of {@code t}'s requester. */
    private String runningWindowsVm(TestTenant t) {
        Map<String, Object> body = new HashMap<>(smallRequest(1));
        body.put("templateId", "tpl-win2019");
        body.put("cpu", 4);
        body.put("memoryMb", 8192);
        body.put("diskGb", 80);
        long id = submit(t.requester(), body);
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> ((List<?>) request(t.requester(), id).get("vmIds")).size() == 1);
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        awaitSettled(t.requester(), vmId, 1);
        return vmId;
    }


    private PageClient signedIn(String user) {
        PageClient page = new PageClient(port, "en");
        page.signIn(user, PASSWORD);
        return page;
    }

    private ResponseEntity<Map<String, Object>> put(String user, String path, Object body) {
        return api(user).put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JSON);
    }

    private static Map<String, Object> errors(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) answer.getBody().get("errors");
        return errors;
    }

    private static Map<String, Object> address(String ip, String gateway) {
        Map<String, Object> body = new HashMap<>();
        body.put("ipAddress", ip);
        body.put("subnetMask", "255.255.255.0");
        body.put("gateway", gateway);
        body.put("dnsServers", List.of());
        return body;
    }
}

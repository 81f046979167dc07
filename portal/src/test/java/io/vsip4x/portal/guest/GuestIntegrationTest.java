package io.vsip4x.portal.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The guest tasks through the simulator over HTTP: each task on a running VM, the platform's codes
 * kept (2050 stopped, 2060 unknown MAC, 2003 bad input, 2052 nobody signed in, 2004 unknown VM),
 * input checked before asking, URLs on Windows guests only, no credential or file content in the
 * operation log, and other tenants, approvers and people without the clearance refused.
 */
class GuestIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String CREDENTIAL = "Gu3st-Secret!9";
    private static final String CONTENT = "token=TOP-SECRET-CONTENT-42\n";

    @Autowired
    ClearanceSettings clearances;

    @AfterEach
    void clearFaults() {
        simulator.simulator().faults().reset();
    }

    @Test
    void readsAndSetsTheAddressOfAGuestNic() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        Map<String, Object> state = get(t.requester(), "/vms/" + vmId + "/guest");
        assertThat(state).containsEntry("agentOn", true).containsEntry("windows", false)
                .containsEntry("tasksEnabled", true);
        String mac = simulator.simulator().vm(vmId).orElseThrow().nics().get(0).macAddress();
        String page = signedIn(t.requester()).get("/vms/" + vmId + "/guest").body();
        assertThat(page).contains("data-agent-on=\"true\"", "value=\"" + mac + "\"", "id=\"tab-guest\"")
                .doesNotContain("id=\"guest-refusal\"");
        String given = get(t.requester(), "/vms/" + vmId + "/guest/nics/" + mac + "/address").get("ipAddress")
                .toString();
        assertThat(given).startsWith("10.10.0.");

        String address = freeAddress("10.10.0.");
        Map<String, Object> fixed = new HashMap<>(Map.of("ipAddress", address, "subnetMask", "255.255.255.0",
                "gateway", "10.10.0.1", "dnsServers", List.of("10.10.0.53", "10.10.0.54")));
        assertThat(put(t.requester(), "/vms/" + vmId + "/guest/nics/" + mac + "/address", fixed)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(get(t.requester(), "/vms/" + vmId + "/guest/nics/" + mac.toUpperCase() + "/address"))
                .containsEntry("ipAddress", address).containsEntry("gateway", "10.10.0.1")
                .containsEntry("dnsServers", List.of("10.10.0.53", "10.10.0.54"));

        assertThat(post(t.requester(), "/vms/" + vmId + "/guest/nics/" + mac + "/dhcp", null)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(get(t.requester(), "/vms/" + vmId + "/guest/nics/" + mac + "/address"))
                .containsEntry("ipAddress", given);

        fixed.put("gateway", "10.10.9.1");
        ResponseEntity<Map<String, Object>> outside = put(t.requester(),
                "/vms/" + vmId + "/guest/nics/" + mac + "/address", fixed);
        assertThat(outside.getStatusCode().value()).isEqualTo(400);
        assertThat(outside.getBody().get("errors").toString()).contains("gateway");

        ResponseEntity<Map<String, Object>> unknown = post(t.requester(),
                "/vms/" + vmId + "/guest/nics/52:54:00:de:ad:02/dhcp", null);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "2060");
        assertThat(auditRows(vmId)).anySatisfy(r -> assertThat(r).contains("VM_GUEST_SET_IP", "SUCCESS", address))
                .anySatisfy(r -> assertThat(r).contains("VM_GUEST_DHCP", "FAILURE", "2060"));
    }

    @Test
    void listsProcessesAndSoftwareSortedAsAsked() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        List<Map<String, Object>> byCpu = getList(t.requester(), "/vms/" + vmId + "/guest/processes?sort=cpu&dir=desc");
        assertThat(byCpu).isNotEmpty();
        List<Double> cpu = byCpu.stream().map(p -> ((Number) p.get("cpuPercent")).doubleValue()).toList();
        assertThat(cpu).isSortedAccordingTo(Comparator.reverseOrder());
        List<Map<String, Object>> byName = getList(t.requester(), "/vms/" + vmId + "/guest/processes?sort=name");
        List<String> names = byName.stream().map(p -> p.get("name").toString().toLowerCase()).toList();
        assertThat(names).isSorted();

        List<Map<String, Object>> software = getList(t.requester(), "/vms/" + vmId + "/guest/software?dir=desc");
        assertThat(software).isNotEmpty().allSatisfy(s -> assertThat(s).containsKeys("name", "version"));
        List<String> soft = software.stream().map(s -> s.get("name").toString().toLowerCase()).toList();
        assertThat(soft).isSortedAccordingTo(Comparator.reverseOrder());

        PageClient page = signedIn(t.requester());
        String token = PageClient.csrfOf(page.get("/vms/" + vmId + "/guest").body());
        HttpResponse<String> table = page.postForm("/vms/" + vmId + "/guest/processes?sort=memory&dir=asc",
                "_csrf=" + token);
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(table.body()).contains("id=\"guest-process-table\"", "aria-sort=\"ascending\"",
                "sort=memory&amp;dir=desc");
    }

    @Test
    void signsInLocksAndSignsOutWithoutLoggingTheCredential() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ResponseEntity<Map<String, Object>> nobody = post(t.requester(), "/vms/" + vmId + "/guest/lock", null);
        assertRefused(nobody, "2052");

        assertThat(post(t.requester(), "/vms/" + vmId + "/guest/login",
                Map.of("username", "administrator", "credential", CREDENTIAL)).getStatusCode().value()).isEqualTo(200);
        assertThat(simulator.simulator().guest(vmId).session().user()).isEqualTo("administrator");
        assertThat(post(t.requester(), "/vms/" + vmId + "/guest/lock", null).getStatusCode().value()).isEqualTo(200);
        assertThat(simulator.simulator().guest(vmId).session().locked()).isTrue();
        assertThat(post(t.requester(), "/vms/" + vmId + "/guest/logout", null).getStatusCode().value())
                .isEqualTo(200);
        assertThat(simulator.simulator().guest(vmId).session()).isNull();

        ResponseEntity<Map<String, Object>> blank = post(t.requester(), "/vms/" + vmId + "/guest/login",
                Map.of("username", "root", "credential", ""));
        assertThat(blank.getStatusCode().value()).isEqualTo(400);
        assertThat(blank.getBody().get("errors").toString()).contains("credential");

        simulator.simulator().faults().answer("loginVmOS", "2003", 1);
        ResponseEntity<Map<String, Object>> refused = post(t.requester(), "/vms/" + vmId + "/guest/login",
                Map.of("username", "root", "credential", CREDENTIAL));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).containsEntry("code", "2003");
        assertThat(refused.getBody().toString()).doesNotContain(CREDENTIAL);

        PageClient page = signedIn(t.requester());
        String token = PageClient.csrfOf(page.get("/vms/" + vmId + "/guest").body());
        HttpResponse<String> signedIn = page.postForm("/vms/" + vmId + "/guest/login", "_csrf=" + token
                + "&username=root&credential=" + PageClient.enc(CREDENTIAL));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("id=\"guest-notice\"").doesNotContain(CREDENTIAL);

        List<String> rows = auditRows(vmId);
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("VM_GUEST_LOGIN", "SUCCESS", "administrator"))
                .anySatisfy(r -> assertThat(r).contains("VM_GUEST_LOGIN", "FAILURE", "2003"))
                .anySatisfy(r -> assertThat(r).contains("VM_GUEST_LOCK", "FAILURE", "2052"))
                .noneSatisfy(r -> assertThat(r).contains(CREDENTIAL));
    }

    @Test
    void pushesTextFilesCheckedBeforeAskingAndLogsOnlyPathAndSize() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        assertThat(post(t.requester(), "/vms/" + vmId + "/guest/files",
                Map.of("path", "/etc/app/config.ini", "content", CONTENT)).getStatusCode().value()).isEqualTo(200);
        assertThat(simulator.simulator().guest(vmId).files().get("/etc/app/config.ini").content()).isEqualTo(CONTENT);

        for (String path : List.of("etc/app.ini", "/etc/../shadow", "/etc/./x", "C:relative", "")) {
            ResponseEntity<Map<String, Object>> bad = post(t.requester(), "/vms/" + vmId + "/guest/files",
                    Map.of("path", path, "content", "x"));
            assertThat(bad.getStatusCode().value()).as("path %s", path).isEqualTo(400);
            assertThat(bad.getBody().get("errors").toString()).as("path %s", path).contains("path");
        }
        String large = "a".repeat(GuestInput.MAX_FILE_BYTES - 1) + "é";
        ResponseEntity<Map<String, Object>> tooLarge = post(t.requester(), "/vms/" + vmId + "/guest/files",
                Map.of("path", "/tmp/large.txt", "content", large));
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLarge.getBody().get("errors").toString()).contains("1048577 bytes");
        String fits = "a".repeat(GuestInput.MAX_FILE_BYTES);
        assertThat(post(t.requester(), "/vms/" + vmId + "/guest/files", Map.of("path", "/tmp/fits.txt",
                "content", fits)).getStatusCode().value()).isEqualTo(200);
        assertThat(simulator.simulator().guest(vmId).files()).containsOnlyKeys("/etc/app/config.ini", "/tmp/fits.txt");

        PageClient page = signedIn(t.requester());
        String token = PageClient.csrfOf(page.get("/vms/" + vmId + "/guest").body());
        HttpResponse<String> relative = page.postForm("/vms/" + vmId + "/guest/files", "_csrf=" + token
                + "&path=notes.txt&content=x", "HX-Request", "true");
        assertThat(relative.statusCode()).isEqualTo(400);
        assertThat(relative.headers().firstValue("HX-Retarget")).contains("#guest");
        assertThat(relative.body()).contains("id=\"guest-path-error\"", "Enter an absolute path");
        String chinese = "你好，世界\n".repeat(50_000);
        HttpResponse<String> windowsPath = page.postForm("/vms/" + vmId + "/guest/files", "_csrf=" + token
                + "&path=" + PageClient.enc("C:\\Users\\Public\\hello.txt") + "&content=x");
        assertThat(windowsPath.statusCode()).isEqualTo(400);
        assertThat(windowsPath.body()).contains("does not run Windows");
        HttpResponse<String> pushed = page.postForm("/vms/" + vmId + "/guest/files", "_csrf=" + token
                + "&path=" + PageClient.enc("/home/demo/你好.txt") + "&content=" + PageClient.enc(chinese));
        assertThat(pushed.statusCode()).isEqualTo(200);
        assertThat(pushed.body()).contains("id=\"guest-notice\"").doesNotContain("你好，世界");
        assertThat(simulator.simulator().guest(vmId).files().get("/home/demo/你好.txt").content()).isEqualTo(chinese);
        assertThat(simulator.simulator().guest(vmId).files()).doesNotContainKey("notes.txt");

        List<String> rows = auditRows(vmId);
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("VM_GUEST_PUSH_FILE", "/etc/app/config.ini",
                "bytes=" + CONTENT.length())).noneSatisfy(r -> assertThat(r).contains("TOP-SECRET-CONTENT"));
    }

    @Test
    void opensUrlsInWindowsGuestsOnly() {
        TestTenant t = newTenant();
        String linux = runningVm(t);
        ResponseEntity<Map<String, Object>> notWindows = post(t.requester(), "/vms/" + linux + "/guest/open-url",
                Map.of("url", "https://intranet.example/"));
        // The same status as the platform's own 2003 for a guest that is not Windows.
        assertThat(notWindows.getStatusCode().value()).isEqualTo(400);
        assertThat(notWindows.getBody()).containsEntry("code", "2003");
        assertThat(notWindows.getBody().get("detail").toString()).contains("Windows");
        PageClient page = signedIn(t.requester());
        assertThat(page.get("/vms/" + linux + "/guest").body()).contains("id=\"guest-url-windows-only\"");

        String windows = runningWindowsVm(t);
        assertThat(get(t.requester(), "/vms/" + windows + "/guest")).containsEntry("windows", true);
        ResponseEntity<Map<String, Object>> relative = post(t.requester(), "/vms/" + windows + "/guest/open-url",
                Map.of("url", "intranet/start"));
        assertThat(relative.getStatusCode().value()).isEqualTo(400);
        assertThat(post(t.requester(), "/vms/" + windows + "/guest/open-url",
                Map.of("url", "https://intranet.example/")).getStatusCode().value()).isEqualTo(200);
        assertThat(auditRows(windows)).anySatisfy(r -> assertThat(r).contains("VM_GUEST_OPEN_URL", "SUCCESS"));

        assertThat(post(t.requester(), "/vms/" + windows + "/guest/files", Map.of("path", "/etc/motd",
                "content", "x")).getStatusCode().value()).isEqualTo(400);
        assertThat(post(t.requester(), "/vms/" + windows + "/guest/files", Map.of("path", "C:\\Temp\\hello.txt",
                "content", "hello")).getStatusCode().value()).isEqualTo(200);
        assertThat(simulator.simulator().guest(windows).files()).containsOnlyKeys("C:\\Temp\\hello.txt");
    }

    @Test
    void aStoppedVmShowsItsAgentOffAndRefusesTasksWith2050() {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        assertThat(get(t.requester(), "/vms/" + vmId + "/guest")).containsEntry("agentOn", false)
                .containsEntry("tasksEnabled", false).containsEntry("refusalCode", "2050");
        assertRefused(post(t.requester(), "/vms/" + vmId + "/guest/logout", null), "2050");
        assertThat(api(t.requester()).get().uri("/vms/" + vmId + "/guest/processes").retrieve().toEntity(JSON)
                .getBody()).containsEntry("code", "2050");

        PageClient page = signedIn(t.requester());
        String body = page.get("/vms/" + vmId + "/guest").body();
        assertThat(body).contains("data-agent-on=\"false\"", "Not running", "id=\"guest-refusal\"",
                "data-code=\"2050\"");
        assertThat(body).containsPattern("<fieldset[^>]*id=\"guest-tasks\"[^>]*disabled");
    }

    @Test
    void keepsThePlatformsCodesForUnknownVmsAndBadInput() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        simulator.simulator().faults().answer("executeGATask", "2004", 1);
        ResponseEntity<Map<String, Object>> gone = api(t.requester()).get().uri("/vms/" + vmId + "/guest/software")
                .retrieve().toEntity(JSON);
        assertThat(gone.getStatusCode().value()).isEqualTo(404);
        assertThat(gone.getBody()).containsEntry("code", "2004");

        simulator.simulator().faults().answer("executeGATask", "2003", 1);
        ResponseEntity<Map<String, Object>> bad = api(t.requester()).get().uri("/vms/" + vmId + "/guest/processes")
                .retrieve().toEntity(JSON);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).containsEntry("code", "2003");

        assertThat(act(t.requester(), vmId, "reboot", null).getStatusCode().value()).isEqualTo(202);
        ResponseEntity<Map<String, Object>> busy = post(t.requester(), "/vms/" + vmId + "/guest/logout", null);
        assertThat(busy.getStatusCode().value()).isEqualTo(409);
        assertThat(busy.getBody()).containsEntry("code", "2052");
        awaitSettled(t.requester(), vmId, 1);
    }

    @Test
    void otherTenantsApproversAndPeopleWithoutClearanceAreRefused() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String vmId = runningVm(t);
        assertThat(status(other.requester(), "/vms/" + vmId + "/guest")).isEqualTo(404);
        assertThat(post(other.requester(), "/vms/" + vmId + "/guest/logout", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(status(other.requester(), "/vms/" + vmId + "/guest/processes")).isEqualTo(404);
        assertThat(status(t.approver(), "/vms/" + vmId + "/guest")).isEqualTo(200);
        assertThat(status(t.approver(), "/vms/" + vmId + "/guest/processes")).isEqualTo(403);
        assertThat(post(t.approver(), "/vms/" + vmId + "/guest/login",
                Map.of("username", "root", "credential", CREDENTIAL)).getStatusCode().value()).isEqualTo(403);

        clearances.setCeiling(t.id(), 2);
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        post(t.requester(), "/vms/" + vmId + "/resync", null);
        await().atMost(PATIENCE).until(() -> status(t.requester(), "/vms/" + vmId + "/guest") == 404);
        assertThat(post(t.requester(), "/vms/" + vmId + "/guest/logout", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(simulator.simulator().guest(vmId).session()).isNull();
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

    private List<String> auditRows(String vmId) {
        return new ArrayList<>(jdbc.sql("SELECT * FROM audit_event WHERE target = :vm ORDER BY id")
                .param("vm", vmId).query().listOfRows().stream().map(Object::toString).toList());
    }
}

package io.vsip4x.portal.admin.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Starting and shutting down a host through the operation queue and the simulator's host events:
 * success and failure codes, the refusals the portal knows before queueing, one power operation
 * per host, and the confirmation page.
 */
class HostPowerIntegrationTest extends HostTestSupport {

    @BeforeEach
    void hostIsFree() {
        awaitHostEmpty();
        await().atMost(PATIENCE).until(this::online);
    }

    @Test
    void shutsDownAndStartsAHostFinishedByItsCallbacks() {
        // Counted before, so that events of the other tests on the same host cannot stand in for these.
        Map<String, Integer> before = hostAudit();
        long shutdown = accepted("shutdown");
        Map<String, Object> row = awaitFinished(shutdown, "DONE");
        assertThat(row).containsEntry("result_code", "3001").containsEntry("host_id", HOST)
                .containsEntry("vm_id", null);
        assertThat(online()).isFalse();
        assertThat(getList(ADMIN, "/admin/hosts?online=false")).extracting(h -> h.get("hostId")).contains(HOST);
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) get(ADMIN, "/admin/hosts/" + HOST).get("lastOperation");
        assertThat(last).containsEntry("action", "shutdown").containsEntry("state", "DONE")
                .containsEntry("code", "3001").containsEntry("codeText", "The host was shut down.");

        long start = accepted("start");
        assertThat(awaitFinished(start, "DONE")).containsEntry("result_code", "3000");
        assertThat(online()).isTrue();

        // The dispatcher logs a send after marking it sent, so that event may come just after the callback's;
        // a late event of an earlier test's host start may add to the platform's, never to the requests'.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(hostAudit()).allSatisfy((kind, count) ->
                assertThat(count).as("events of %s", kind).isGreaterThan(before.get(kind))));
        assertThat(audited("HOST_SHUTDOWN", HOST, "SUCCESS", null)).isEqualTo(before.get("HOST_SHUTDOWN") + 1);
        assertThat(audited("HOST_START", HOST, "SUCCESS", null)).isEqualTo(before.get("HOST_START") + 1);
    }

    @Test
    void refusesWhatThePlatformWouldRefuseBeforeQueueing() {
        int before = hostOperations();
        ResponseEntity<Map<String, Object>> unknown = power(ADMIN, "host-nope", "start");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "3022");
        assertThat(refused(power(ADMIN, HOST, "start"), "9004")).contains("running already");
        assertThat(hostOperations()).as("refusals queue nothing").isEqualTo(before);
        assertThat(audited("HOST_START", "host-nope", "DENIED", "3022")).isEqualTo(1);

        awaitFinished(accepted("shutdown"), "DONE");
        int denied = audited("HOST_SHUTDOWN", HOST, "DENIED", "3023");
        assertThat(refused(power(ADMIN, HOST, "shutdown"), "3023")).contains("is not running");
        assertThat(audited("HOST_SHUTDOWN", HOST, "DENIED", "3023")).isEqualTo(denied + 1);
    }

    @Test
    void oneStartOrShutdownOfAHostAtATime() {
        simulator.simulator().pauseCallbacks(true);
        long first = accepted("shutdown");
        await().atMost(PATIENCE).until(() -> "SENT".equals(operation(first).get("state")));

        ResponseEntity<Map<String, Object>> again = power(ADMIN, HOST, "shutdown");
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().get("detail").toString()).contains("under way already");
        assertThat(power(ADMIN, HOST, "start").getStatusCode().value()).isEqualTo(409);
        assertThat(getList(ADMIN, "/admin/hosts?pool=pool-test")).filteredOn(h -> HOST.equals(h.get("hostId")))
                .singleElement().satisfies(h -> assertThat(h).containsEntry("pendingOperation", "shutdown"));

        simulator.simulator().pauseCallbacks(false);
        assertThat(awaitFinished(first, "DONE")).containsEntry("result_code", "3001");
    }

    @Test
    void refusesToShutDownAHostWithRunningVmsNamingThem() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> !((List<?>) request(t.requester(), id).get("vmIds")).isEmpty());
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status")));
        String hostId = simulator.simulator().vm(vmId).orElseThrow().hostId();
        int before = hostOperations(hostId);

        ResponseEntity<Map<String, Object>> answer = power(ADMIN, hostId, "shutdown");

        assertThat(refused(answer, "9004")).contains("VMs on it are not stopped").contains(vmId);
        List<Object> named = ((List<?>) answer.getBody().get("vms")).stream()
                .map(v -> (Object) ((Map<?, ?>) v).get("vmId")).toList();
        assertThat(named).contains(vmId);
        assertThat(hostOperations(hostId)).isEqualTo(before);
        assertThat(online(hostId)).isTrue();
        assertThat(audited("HOST_SHUTDOWN", hostId, "DENIED", "9004")).isPositive();

        PageClient browser = new PageClient(port, "en");
        browser.signIn(ADMIN, PASSWORD);
        String page = browser.get("/admin/hosts/" + hostId + "/shutdown").body();
        assertThat(page).contains("id=\"host-power-blocked\"")
                .contains("id=\"host-vm-" + vmId + "\"").containsPattern("id=\"host-power-confirm\"[^>]*disabled")
                .as("a warning, not a success").contains("class=\"notice warning\" id=\"host-power-blocked\"")
                .contains("(see the table above)");
        assertThat(page.indexOf("id=\"host-vm-" + vmId + "\"")).as("the table stands above the warning")
                .isLessThan(page.indexOf("id=\"host-power-blocked\""));
        PageClient chinese = new PageClient(port, "zh-CN");
        chinese.signIn(ADMIN, PASSWORD);
        assertThat(chinese.get("/admin/hosts/" + hostId + "/shutdown").body()).as("full-width punctuation")
                .containsPattern("<h1>停止物理机 [^<]+？</h1>").contains("（见上表）");
    }

    @Test
    void failureCallbacksFinishTheOperationAsFailed() {
        simulator.simulator().setOperationFailing("shutdownHost", true);
        Map<String, Object> failed = awaitFinished(accepted("shutdown"), "FAILED");
        assertThat(failed).containsEntry("result_code", "3021");
        assertThat(online()).isTrue();
        assertThat(audited("OPERATION_FAILED", HOST, "FAILURE", "3021")).isPositive();
        simulator.simulator().setOperationFailing("shutdownHost", false);

        awaitFinished(accepted("shutdown"), "DONE");
        simulator.simulator().setOperationFailing("startHost", true);
        assertThat(awaitFinished(accepted("start"), "FAILED")).containsEntry("result_code", "3020");
        assertThat(online()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) get(ADMIN, "/admin/hosts/" + HOST).get("lastOperation");
        assertThat(last).containsEntry("code", "3020").containsEntry("codeText",
                "The platform could not start the host.");
    }

    @Test
    void theConfirmationListsTheVmsAndThePageFollowsTheState() {
        PageClient browser = new PageClient(port, "en");
        browser.signIn(ADMIN, PASSWORD);
        HttpResponse<String> confirm = browser.get("/admin/hosts/" + HOST + "/shutdown");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Shut down host test-kvm-02?").contains("id=\"host-vms-none\"")
                .contains("id=\"admin-tab-hosts\"").doesNotContain("id=\"host-power-blocked\"");

        HttpResponse<String> posted = browser.postForm("/admin/hosts/" + HOST + "/shutdown",
                "_csrf=" + PageClient.csrfOf(confirm.body()));
        assertThat(posted.statusCode()).isIn(200, 302, 303);
        await().atMost(PATIENCE).until(() -> !online());
        await().atMost(PATIENCE).until(() -> browser.get("/admin/hosts/" + HOST + "/state").body()
                .contains("data-online=\"false\""));
        assertThat(browser.get("/admin/hosts/" + HOST + "/state").body()).contains("id=\"host-start\"");
    }

    /** How many events of each kind a start and a shutdown of {@link #HOST} write, so far. */
    private Map<String, Integer> hostAudit() {
        return Map.of("HOST_SHUTDOWN", audited("HOST_SHUTDOWN", HOST, "SUCCESS", null),
                "HOST_START", audited("HOST_START", HOST, "SUCCESS", null),
                "CALLBACK_APPLIED 3001", audited("CALLBACK_APPLIED", HOST, "SUCCESS", "3001"),
                "CALLBACK_APPLIED 3000", audited("CALLBACK_APPLIED", HOST, "SUCCESS", "3000"),
                "OPERATION_SUCCEEDED 3001", audited("OPERATION_SUCCEEDED", HOST, "SUCCESS", "3001"),
                "OPERATION_SUCCEEDED 3000", audited("OPERATION_SUCCEEDED", HOST, "SUCCESS", "3000"),
                "PLATFORM_shutdownHost", audited("PLATFORM_shutdownHost", HOST, "SUCCESS", "0"),
                "PLATFORM_startHost", audited("PLATFORM_startHost", HOST, "SUCCESS", "0"));
    }

    private int hostOperations() {
        return hostOperations(HOST);
    }

    private int hostOperations(String hostId) {
        return jdbc.sql("SELECT COUNT(*) FROM operation WHERE host_id = :h").param("h", hostId)
                .query(Integer.class).single();
    }

    private boolean online(String hostId) {
        return platform.call(c -> c.searchHostList(Map.of("hostId", hostId))).get(0).online();
    }
}

package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Bulk actions: each VM is decided on its own, one refused VM never holds the others back, and
 * only the allowed ones are queued; through the API and through the list page's form.
 */
class VmBulkIntegrationTest extends VmOperationsTestSupport {

    @Test
    void mixedVmsGetPerVmResultsAndOnlyTheAllowedOnesAreQueued() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        List<String> vms = runningVms(t, 3);
        String running = vms.get(0);
        String stopped = vms.get(1);
        String alsoStopped = vms.get(2);
        String foreign = runningVm(other);
        for (String vmId : List.of(stopped, alsoStopped)) {
            assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        }
        awaitSettled(t.requester(), stopped, 0);
        awaitSettled(t.requester(), alsoStopped, 0);
        int runningOps = operationCount(running);

        ResponseEntity<Map<String, Object>> answer = post(t.requester(), "/vms/bulk",
                Map.of("action", "start", "vmIds", List.of(running, stopped, foreign, "vm-nonexistent", stopped)));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> results = results(answer);
        assertThat(results).extracting(r -> r.get("vmId")).containsExactly(running, stopped, foreign,
                "vm-nonexistent");
        assertThat(results.get(0)).containsEntry("accepted", false).containsEntry("code", "2049");
        assertThat(results.get(0).get("message").toString()).contains("only when it is stopped");
        assertThat(results.get(1)).containsEntry("accepted", true);
        assertThat(results.get(1).get("operationId")).isNotNull();
        assertThat(results.get(2)).containsEntry("accepted", false).containsEntry("code", null)
                .containsEntry("status", 404);
        assertThat(results.get(3)).containsEntry("accepted", false).containsEntry("code", null)
                .containsEntry("status", 404);
        assertThat(operationCount(running)).isEqualTo(runningOps);
        awaitSettled(t.requester(), stopped, 1);
        assertThat(vm(t.requester(), alsoStopped)).containsEntry("status", 0);

        ResponseEntity<Map<String, Object>> deletion = post(t.requester(), "/vms/bulk",
                Map.of("action", "delete", "vmIds", List.of(running, alsoStopped), "secureErase", false));
        assertThat(results(deletion)).extracting(r -> r.get("accepted")).containsExactly(false, true);
        await().atMost(PATIENCE).until(() -> status(t.requester(), "/vms/" + alsoStopped) == 404);
        assertThat(simulator.simulator().vm(alsoStopped)).isEmpty();
        assertThat(simulator.simulator().vm(running)).isPresent();
    }

    @Test
    void badBulkRequestsAreRefusedWholeAndChangeNothing() {
        TestTenant t = newTenant();
        ResponseEntity<Map<String, Object>> pause = post(t.requester(), "/vms/bulk",
                Map.of("action", "pause", "vmIds", List.of("vm-1")));
        assertThat(pause.getStatusCode().value()).isEqualTo(400);
        assertThat(pause.getBody().get("errors").toString()).contains("start, shut down, reboot or delete");
        ResponseEntity<Map<String, Object>> none = post(t.requester(), "/vms/bulk",
                Map.of("action", "start", "vmIds", List.of()));
        assertThat(none.getStatusCode().value()).isEqualTo(400);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add("vm-" + i);
        }
        ResponseEntity<Map<String, Object>> tooMany = post(t.requester(), "/vms/bulk",
                Map.of("action", "start", "vmIds", many));
        assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
        assertThat(tooMany.getBody().get("errors").toString()).contains("At most 500");
    }

    @Test
    void theListPagesBulkFormAnswersATableOfResults() {
        TestTenant t = newTenant();
        List<String> vms = runningVms(t, 2);
        String running = vms.get(0);
        String stopped = vms.get(1);
        assertThat(act(t.requester(), stopped, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), stopped, 0);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String token = PageClient.csrfOf(page.get("/vms").body());

        HttpResponse<String> answer = page.postForm("/vms/bulk", "_csrf=" + token + "&action=shutdown&vmIds="
                + running + "&vmIds=" + stopped, "HX-Request", "true", "HX-Target", "bulk-results");

        assertThat(answer.statusCode()).isEqualTo(200);
        String html = answer.body();
        assertThat(html).contains("id=\"bulk-summary\"").contains("“Shut down” for the selected VMs: 1 of 2 accepted.");
        assertThat(html).containsPattern("<tr id=\"bulk-" + running + "\"[^>]* class=\"accepted\"")
                .containsPattern("<tr id=\"bulk-" + stopped + "\" data-code=\"2050\" class=\"refused\"")
                .contains("can be shut down only when it is running. (code 2050)");
        awaitSettled(t.requester(), running, 0);

        HttpResponse<String> bad = page.postForm("/vms/bulk", "_csrf=" + token + "&action=migrate&vmIds=" + running,
                "HX-Request", "true");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Choose the bulk action");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(ResponseEntity<Map<String, Object>> answer) {
        return (List<Map<String, Object>>) answer.getBody().get("results");
    }
}

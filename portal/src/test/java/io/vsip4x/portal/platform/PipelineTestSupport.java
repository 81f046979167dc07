package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.simulator.state.Vm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Helpers of the pipeline tests: the simulator's faults through its admin endpoint (over HTTP,
 * as an operator would set them), VMs made through the portal, and their removal behind the
 * portal's back (the portal learns it by reconciliation).
 */
abstract class PipelineTestSupport extends PortalTestSupport {

    protected static final Duration LONG_PATIENCE = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    protected PlatformClient platform;
    @Autowired
    protected InventoryReconciler inventory;
    @Autowired
    protected OperationTimeouts timeouts;

    @AfterEach
    void clearFaults() throws Exception {
        assertThat(adminFaults("DELETE", null)).isEqualTo(200);
    }

    /** Replaces every fault of the simulator with {@code json} ({@code PUT {base}/admin/faults}). */
    protected void faults(String json) throws Exception {
        assertThat(adminFaults("PUT", json)).as("faults %s", json).isEqualTo(200);
    }

    private int adminFaults(String method, String json) throws Exception {
        String basic = Base64.getEncoder().encodeToString("portal:portal-secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/faults"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Submits and approves a request for {@code count} small VMs; returns the request's id. */
    protected long approved(TestTenant t, int count, boolean powerOn) {
        Map<String, Object> body = new HashMap<>(smallRequest(count));
        body.put("powerOn", powerOn);
        long id = submit(t.requester(), body);
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        return id;
    }

    /** The VM ids of request {@code id}, once it has them. */
    protected List<String> vmIds(TestTenant t, long id) {
        await().atMost(PATIENCE).until(() -> !((List<?>) request(t.requester(), id).get("vmIds")).isEmpty());
        return ((List<?>) request(t.requester(), id).get("vmIds")).stream().map(Object::toString).toList();
    }

    /** A running VM of a new request of {@code t}, with nothing under way. */
    protected String runningVm(TestTenant t) {
        long id = approved(t, 1, true);
        String vmId = vmIds(t, id).get(0);
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status"))
                && !(Boolean) vm(t.requester(), vmId).get("busy"));
        return vmId;
    }

    /** The VM as the simulator holds it. */
    protected Optional<Vm> onPlatform(String vmId) {
        return simulator.simulator().vm(vmId);
    }

    /** Waits until the platform has {@code vmId} settled (not busy) in {@code status}. */
    protected void awaitPlatformStatus(String vmId, int status) {
        await().atMost(PATIENCE).until(() -> onPlatform(vmId).filter(vm -> !vm.busy() && vm.status() == status)
                .isPresent());
    }

    /** The VM's lifecycle and status in the portal's database. */
    protected Map<String, Object> row(String vmId) {
        return jdbc.sql("SELECT lifecycle, status, host_id, ip_addresses FROM vm WHERE vm_id = :id")
                .param("id", vmId).query().singleRow();
    }

    /** Removes VMs from the platform behind the portal's back (stopping running ones first). */
    protected void deleteOnPlatform(List<String> vmIds) {
        List<String> stopping = new ArrayList<>();
        for (String vmId : vmIds) {
            await().atMost(PATIENCE).until(() -> onPlatform(vmId).map(vm -> !vm.busy()).orElse(true));
            if (onPlatform(vmId).filter(vm -> vm.status() == 1).isPresent()) {
                assertThat(platform.call(c -> c.shutdownVm(vmId)).ok()).isTrue();
                stopping.add(vmId);
            }
        }
        stopping.forEach(vmId -> awaitPlatformStatus(vmId, 0));
        for (String vmId : vmIds) {
            if (onPlatform(vmId).isPresent()) {
                assertThat(platform.call(c -> c.deleteVm(vmId, false)).ok()).as("delete %s", vmId).isTrue();
            }
        }
        await().atMost(PATIENCE).until(() -> vmIds.stream().allMatch(id -> onPlatform(id).isEmpty()));
    }

    /** Removes VMs from the platform and lets the portal learn it, so that tests leave no VM behind. */
    protected void cleanUp(List<String> vmIds) {
        deleteOnPlatform(vmIds);
        inventory.reconcile();
        assertThat(vmIds).allSatisfy(id -> assertThat(row(id).get("lifecycle")).isIn("DELETED", "FAILED"));
    }
}

package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.sdk.codes.ResultCodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** A VM from request to running through the API, against MariaDB and the simulator over HTTP. */
class ProvisioningIntegrationTest extends PortalTestSupport {

    @Test
    void requestedVmIsApprovedCreatedStartedAndPoweredByItsOwner() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));

        List<Map<String, Object>> queue = getList(t.approver(), "/approvals");
        assertThat(queue).extracting(r -> ((Number) r.get("id")).longValue()).contains(id);

        ResponseEntity<Map<String, Object>> approved = post(t.approver(), "/requests/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody()).containsEntry("state", "APPROVED");
        assertThat(approved.getBody().get("codes")).isEqualTo(List.of("2100"));

        String vmId = firstVm(awaitRequest(t.requester(), id, "COMPLETED"));
        awaitStatus(t.requester(), vmId, 1);
        Map<String, Object> vm = vm(t.requester(), vmId);
        assertThat(vm).containsEntry("statusText", "Running").containsEntry("name", t.code() + "-r" + id + "-1");
        assertThat(vm.get("hostId")).isNotNull();

        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitStatus(t.requester(), vmId, 0);
        assertThat(post(t.requester(), "/vms/" + vmId + "/start", null).getStatusCode().value()).isEqualTo(202);
        awaitStatus(t.requester(), vmId, 1);
        assertThat(post(t.requester(), "/vms/" + vmId + "/reboot", null).getStatusCode().value()).isEqualTo(202);
        awaitStatus(t.requester(), vmId, 1);

        List<String> actions = jdbc.sql("SELECT action FROM audit_event WHERE target IN (:a, :b) ORDER BY id")
                .param("a", "request:" + id).param("b", vmId).query(String.class).list();
        assertThat(actions).contains("REQUEST_SUBMIT", "REQUEST_APPROVE", "PLATFORM_createVm", "REQUEST_CREATED",
                "VM_STATE", "VM_SHUTDOWN", "PLATFORM_shutdownVm", "VM_START", "VM_REBOOT");
        assertThat(operationStates(vmId)).containsOnly("DONE");
    }

    @Test
    void requestForSeveralVmsCompletesOnceAllAreCreated() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(5));
        post(t.approver(), "/requests/" + id + "/approve", null);

        Map<String, Object> done = awaitRequest(t.requester(), id, "COMPLETED");

        List<?> vmIds = (List<?>) done.get("vmIds");
        assertThat(vmIds).hasSize(5);
        vmIds.forEach(vmId -> awaitStatus(t.requester(), vmId.toString(), 1));
        assertThat(jdbc.sql("SELECT state FROM operation WHERE request_id = :id AND kind = 'CREATE_VM'")
                .param("id", id).query(String.class).single()).isEqualTo("DONE");
    }

    @Test
    void twoApprovalsAtOnceProvisionOnce() throws Exception {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(2));

        List<CompletableFuture<Integer>> clicks = List.of(
                CompletableFuture.supplyAsync(() -> post(t.approver(), "/requests/" + id + "/approve", null)
                        .getStatusCode().value()),
                CompletableFuture.supplyAsync(() -> post(t.approver(), "/requests/" + id + "/approve", null)
                        .getStatusCode().value()));

        List<Integer> answers = clicks.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(answers).containsExactly(200, 409);
        Map<String, Object> done = awaitRequest(t.requester(), id, "COMPLETED");
        assertThat((List<?>) done.get("vmIds")).hasSize(2);
        assertThat(done.get("codes")).isEqualTo(List.of("2100"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operation WHERE request_id = :id AND kind = 'CREATE_VM'")
                .param("id", id).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void platformFailureOfAPowerActionIsShownWithItsCode() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        post(t.requester(), "/vms/" + vmId + "/shutdown", null);
        awaitStatus(t.requester(), vmId, 0);
        simulator.simulator().setOperationFailing("startVm", true);
        try {
            assertThat(post(t.requester(), "/vms/" + vmId + "/start", null).getStatusCode().value()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> !(Boolean) vm(t.requester(), vmId).get("busy"));
        } finally {
            simulator.simulator().setOperationFailing("startVm", false);
        }
        Map<String, Object> vm = vm(t.requester(), vmId);
        assertThat(vm).containsEntry("status", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) vm.get("lastOperation");
        assertThat(last).containsEntry("operation", "startVm")
                .containsEntry("state", "FAILED").containsEntry("code", "2040")
                .containsEntry("codeText", "VM start failed");
    }

    @Test
    void powerActionInTheWrongStateIsRefusedAndQueuesNothing() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        int before = operationStates(vmId).size();

        ResponseEntity<Map<String, Object>> refused = post(t.requester(), "/vms/" + vmId + "/start", null);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getBody().get("detail").toString()).contains("only when it is stopped");
        assertThat(operationStates(vmId)).hasSize(before);
    }

    @Test
    void tooFewPlatformResourcesRecords2101AndReleasesTheReservation() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(2));
        simulator.simulator().setCapacityExhausted("pool-prod", true);
        try {
            post(t.approver(), "/requests/" + id + "/approve", null);
            Map<String, Object> request = awaitRequest(t.requester(), id, "INSUFFICIENT");

            assertThat(request.get("codes")).isEqualTo(List.of("2100", "2101"));
            assertThat(request).containsEntry("failureCode", "2101");
            PageClient page = new PageClient(port, "zh-CN");
            page.signIn(t.requester(), PASSWORD);
            assertThat(page.get("/requests/" + id).body()).contains("资源不足").contains("代码 2101："
                    + ResultCodes.find("2101").orElseThrow().zh());
        } finally {
            simulator.simulator().setCapacityExhausted("pool-prod", false);
        }
        Map<String, Object> catalog = get(t.requester(), "/catalog");
        assertThat(catalog.get("used")).isEqualTo(Map.of("cpu", 0, "memoryMb", 0, "diskGb", 0, "dataDiskGb", 0,
                "vms", 0, "snapshots", 0, "backups", 0));
        assertThat(vmItems(t.requester(), "/vms"))
                .hasSize(2)
                .allSatisfy(vm -> assertThat(vm).containsEntry("lifecycle", "FAILED"));
    }

    @Test
    void rejectedRequestKeepsItsReasonAndCreatesNothing() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));

        ResponseEntity<Map<String, Object>> missingReason = post(t.approver(), "/requests/" + id + "/reject",
                Map.of("reason", " "));
        assertThat(missingReason.getStatusCode().value()).isEqualTo(400);
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING");

        ResponseEntity<Map<String, Object>> rejected = post(t.approver(), "/requests/" + id + "/reject",
                Map.of("reason", "预算不足"));
        assertThat(rejected.getStatusCode().value()).isEqualTo(200);

        Map<String, Object> request = request(t.requester(), id);
        assertThat(request).containsEntry("state", "REJECTED");
        assertThat(request.get("decisions").toString()).contains("预算不足");
        assertThat((List<?>) request.get("vmIds")).isEmpty();
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void submissionBeyondTheRemainingQuotaIsRefusedFieldByField() {
        TestTenant t = newTenant(new Quota(4, 4096, 100, 2));
        Map<String, Object> tooBig = Map.of("templateId", "tpl-centos7", "repoName", "pool-prod", "cpu", 4,
                "memoryMb", 4096, "diskGb", 60, "count", 2, "network", "vnet-office", "reason", "太大");

        ResponseEntity<Map<String, Object>> refused = post(t.requester(), "/requests", tooBig);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) refused.getBody().get("errors");
        assertThat(errors).containsKeys("cpu", "memoryMb", "diskGb");
        assertThat(errors.get("cpu")).contains("4 vCPU left");
        assertThat(getList(t.requester(), "/requests")).isEmpty();
    }

    @Test
    void approvalThatWouldExceedTheQuotaIsRefusedAndChangesNothing() {
        TestTenant t = newTenant(new Quota(4, 8192, 100, 4));
        Map<String, Object> threeCores = Map.of("templateId", "tpl-centos7", "repoName", "pool-prod", "cpu", 3,
                "memoryMb", 2048, "diskGb", 40, "count", 1, "network", "vnet-office", "reason", "三核");
        long first = submit(t.requester(), threeCores);
        long second = submit(t.requester(), threeCores);
        assertThat(post(t.approver(), "/requests/" + first + "/approve", null).getStatusCode().value())
                .isEqualTo(200);

        ResponseEntity<Map<String, Object>> refused = post(t.approver(), "/requests/" + second + "/approve", null);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").toString()).contains("quota");
        Map<String, Object> request = request(t.requester(), second);
        assertThat(request).containsEntry("state", "PENDING");
        assertThat((List<?>) request.get("codes")).isEmpty();
        assertThat(((Map<?, ?>) get(t.requester(), "/catalog").get("used")).get("cpu")).isEqualTo(3);
    }

    @Test
    void anotherTenantsRequestsAndVmsAnswer404() {
        TestTenant owner = newTenant();
        TestTenant stranger = newTenant();
        String vmId = runningVm(owner);
        long id = ((Number) vm(owner.requester(), vmId).get("requestId")).longValue();

        assertThat(status(stranger.requester(), "/requests/" + id)).isEqualTo(404);
        assertThat(status(stranger.requester(), "/vms/" + vmId)).isEqualTo(404);
        assertThat(post(stranger.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post(stranger.approver(), "/requests/" + id + "/reject", Map.of("reason", "x"))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(vmItems(stranger.requester(), "/vms")).noneMatch(vm -> vmId.equals(vm.get("vmId")));
        assertThat(vm(owner.requester(), vmId)).containsEntry("status", 1);
    }

    @Test
    void approverCannotDecideOwnRequestAndRequesterCannotApprove() {
        TestTenant t = newTenant();
        long mine = submit(t.approver(), smallRequest(1));
        long theirs = submit(t.requester(), smallRequest(1));

        assertThat(post(t.approver(), "/requests/" + mine + "/approve", null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(post(t.requester(), "/requests/" + theirs + "/approve", null).getStatusCode().value())
                .as("seen, but not theirs to decide").isEqualTo(403);
        assertThat(request(t.requester(), theirs)).containsEntry("state", "PENDING");
    }

    private String runningVm(TestTenant t) {
        long id = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + id + "/approve", null);
        String vmId = firstVm(awaitRequest(t.requester(), id, "COMPLETED"));
        awaitStatus(t.requester(), vmId, 1);
        return vmId;
    }

    private static String firstVm(Map<String, Object> request) {
        return ((List<?>) request.get("vmIds")).get(0).toString();
    }

    private Map<String, Object> awaitRequest(String user, long id, String state) {
        await().atMost(PATIENCE).until(() -> state.equals(request(user, id).get("state")));
        return request(user, id);
    }

    private void awaitStatus(String user, String vmId, int status) {
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(user, vmId);
            return Integer.valueOf(status).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
    }

    private List<String> operationStates(String vmId) {
        return jdbc.sql("SELECT state FROM operation WHERE vm_id = :id").param("id", vmId)
                .query(String.class).list();
    }
}

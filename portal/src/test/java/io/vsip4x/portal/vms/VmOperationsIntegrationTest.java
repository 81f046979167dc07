package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.identity.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The operations on one VM through {@code /api/v1/vms/{vmId}/{op}}: each is accepted in the
 * states the spec allows and refused in the others with the spec's code, the same rule the
 * VM's page applies; who may operate a VM; the platform carrying the operations out.
 */
class VmOperationsIntegrationTest extends VmOperationsTestSupport {

    @Test
    void eachPowerOperationIsAcceptedInItsStateAndRefusedInTheOthersWithTheSpecsCode() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String u = t.requester();
        int before = operationCount(vmId);

        assertThat(assertRefused(act(u, vmId, "start", null), "2049")).contains("only when it is stopped");
        assertThat(assertRefused(act(u, vmId, "resume", null), "2051")).contains("only when it is paused");
        assertThat(assertRefused(act(u, vmId, "delete", null), "2049")).contains("can be deleted only when");
        assertThat(operationCount(vmId)).as("refusals queue nothing").isEqualTo(before);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'VM_START' AND target = :id AND result = 'DENIED' AND code = '2049'""")
                .param("id", vmId).query(Integer.class).single()).as("refusals are audited with their code")
                .isEqualTo(1);

        ResponseEntity<Map<String, Object>> paused = act(u, vmId, "pause", null);
        assertThat(paused.getStatusCode().value()).isEqualTo(202);
        assertThat(paused.getBody()).containsEntry("vmId", vmId).containsEntry("action", "pause")
                .containsKey("operationId");
        awaitSettled(u, vmId, 4);
        assertThat(simulator.simulator().vm(vmId).orElseThrow().status()).isEqualTo(4);
        assertThat(assertRefused(act(u, vmId, "shutdown", null), "2050")).contains("only when it is running");
        assertThat(assertRefused(act(u, vmId, "reboot", null), "2050")).contains("can be rebooted");
        assertThat(assertRefused(act(u, vmId, "pause", null), "2050")).contains("can be paused");
        assertThat(assertRefused(act(u, vmId, "start", null), "2049")).isNotBlank();

        assertThat(act(u, vmId, "resume", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(u, vmId, 1);
        assertThat(act(u, vmId, "reboot", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(u, vmId, 1);
        assertThat(act(u, vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(u, vmId, 0);
        assertThat(assertRefused(act(u, vmId, "pause", null), "2050")).contains("only when it is running");
        assertThat(act(u, vmId, "start", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(u, vmId, 1);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) vm(u, vmId).get("operations");
        assertThat(history).extracting(op -> op.get("operation")).startsWith("startVm", "shutdownVm", "rebootVm",
                "resumeVm", "pauseVm");
        assertThat(history.get(4)).containsEntry("code", "2012").containsEntry("state", "DONE")
                .containsEntry("actor", u);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action IN ('VM_PAUSE', 'VM_RESUME') AND target = :id AND result = 'SUCCESS'""")
                .param("id", vmId).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void anOpenOperationRefusesAnyOtherWith2052AndResyncReadsThePlatformsStatus() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        simulator.simulator().pauseCallbacks(true);
        assertThat(act(t.requester(), vmId, "pause", null).getStatusCode().value()).isEqualTo(202);
        awaitPlatform(vmId, 4);

        assertThat(assertRefused(act(t.requester(), vmId, "resume", null), "2052")).contains("another operation");
        assertThat(assertRefused(act(t.requester(), vmId, "shutdown", null), "2052")).contains("under way");
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1).containsEntry("busy", true);

        ResponseEntity<Map<String, Object>> resynced = act(t.requester(), vmId, "resync", null);
        assertThat(resynced.getStatusCode().value()).isEqualTo(200);
        assertThat(resynced.getBody()).as("the platform's status, the pause still awaiting its callback")
                .containsEntry("vmId", vmId).containsEntry("status", 4).containsEntry("busy", true);
        simulator.simulator().pauseCallbacks(false);
        awaitSettled(t.requester(), vmId, 4);
        assertThat(act(t.requester(), vmId, "resume", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);
    }

    @Test
    void deletionWithSecureEraseReachesThePlatformAndReleasesTheQuotaOnceDone() {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        assertThat(quotaUsed(t)).containsEntry("vms", 1);

        ResponseEntity<Map<String, Object>> bad = act(t.requester(), vmId, "delete", Map.of("secureErase", "maybe"));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map<String, Object>> accepted = act(t.requester(), vmId, "delete", Map.of("secureErase", true));
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> simulator.simulator().vm(vmId).map(vm -> vm.status() == 11).orElse(false));
        long id = ((Number) accepted.getBody().get("operationId")).longValue();
        assertThat(jdbc.sql("SELECT payload FROM operation WHERE id = :id").param("id", id).query(String.class)
                .single()).contains("\"secureErase\":true");

        await().atMost(PATIENCE).until(() -> "DELETED".equals(lifecycle(vmId)));
        assertThat(quotaUsed(t)).containsEntry("vms", 0).containsEntry("cpu", 0);
        assertThat(status(t.requester(), "/vms/" + vmId)).isEqualTo(404);
        assertThat(jdbc.sql("SELECT CONCAT(state, ' ', result_code) FROM operation WHERE id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("DONE 2014");
    }

    @Test
    void platformAdminsMigrateAndMoveOwnersMayNot() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        String from = simulator.simulator().vm(vmId).orElseThrow().hostId();
        String to = "host-01".equals(from) ? "host-02" : "host-01";

        assertThat(act(t.requester(), vmId, "migrate", Map.of("hostId", to)).getStatusCode().value()).isEqualTo(403);
        assertThat(act(t.requester(), vmId, "move", Map.of("hostId", "host-03", "repoId", "pool-test"))
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map<String, Object>> missing = act(admin, vmId, "migrate", Map.of());
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody().get("errors").toString()).contains("hostId");
        assertThat(assertRefused(act(admin, vmId, "migrate", Map.of("hostId", from)), "2046")).contains("host");
        assertThat(assertRefused(act(admin, vmId, "migrate", Map.of("hostId", "host-03")), "2046")).isNotBlank();

        assertThat(act(admin, vmId, "migrate", Map.of("hostId", to)).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> to.equals(vm(t.requester(), vmId).get("hostId"))
                && Boolean.FALSE.equals(vm(t.requester(), vmId).get("busy")));
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1);
        assertThat(simulator.simulator().vm(vmId).orElseThrow().hostId()).isEqualTo(to);
        assertThat(jdbc.sql("SELECT result_code FROM operation WHERE vm_id = :id AND kind = 'MIGRATE_VM'")
                .param("id", vmId).query(String.class).single()).isEqualTo("2018");

        assertThat(assertRefused(act(admin, vmId, "move", Map.of("hostId", "host-03", "repoId", "pool-test")),
                "2049")).contains("only when it is stopped");
        ResponseEntity<Map<String, Object>> noPool = act(admin, vmId, "move", Map.of("hostId", "host-03"));
        assertThat(noPool.getStatusCode().value()).isEqualTo(400);
        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 0);
        assertThat(assertRefused(act(admin, vmId, "move", Map.of("hostId", "host-01", "repoId", "pool-test")),
                "2046")).isNotBlank();
        assertThat(act(admin, vmId, "move", Map.of("hostId", "host-03", "repoId", "pool-test")).getStatusCode()
                .value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> "host-03".equals(vm(t.requester(), vmId).get("hostId"))
                && Boolean.FALSE.equals(vm(t.requester(), vmId).get("busy")));
        assertThat(vm(t.requester(), vmId)).containsEntry("repoName", "pool-test").containsEntry("status", 0);
        assertThat(simulator.simulator().vm(vmId).orElseThrow().poolId()).isEqualTo("pool-test");
    }

    @Test
    void onlyTheOwnerTheTenantAdminAndPlatformAdminsOperateAVm() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String vmId = stoppedVm(t);
        String colleague = t.code() + "-colleague";
        users.create(colleague, PASSWORD, "同事 " + t.code(), t.id(), Set.of(Role.USER));
        String tenantAdmin = t.code() + "-tadmin";
        users.create(tenantAdmin, PASSWORD, "部门管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        String auditor = t.code() + "-auditor";
        users.create(auditor, PASSWORD, "审计员 " + t.code(), null, Set.of(Role.AUDITOR));
        int before = operationCount(vmId);

        assertThat(status(t.approver(), "/vms/" + vmId)).as("the approver sees it").isEqualTo(200);
        ResponseEntity<Map<String, Object>> approver = act(t.approver(), vmId, "start", null);
        assertThat(approver.getStatusCode().value()).isEqualTo(403);
        assertThat(approver.getBody().get("detail").toString()).contains("not allowed");
        assertThat(act(auditor, vmId, "start", null).getStatusCode().value()).isEqualTo(403);
        assertThat(act(other.requester(), vmId, "start", null).getStatusCode().value()).isEqualTo(404);
        assertThat(act(colleague, vmId, "start", null).getStatusCode().value()).isEqualTo(404);
        assertThat(act(t.approver(), vmId, "resync", null).getStatusCode().value()).isEqualTo(403);
        assertThat(operationCount(vmId)).isEqualTo(before);

        assertThat(act(tenantAdmin, vmId, "start", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);
        assertThat(act(platformAdmin(t), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 0);
        assertThat(act(t.requester(), vmId, "nonsense", null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theDetailAnswerCarriesTheNicsDisksAndOperationsWithTheirCodes() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        var nics = platform.call(c -> c.getVmVnics(vmId)).devices();

        Map<String, Object> vm = vm(t.requester(), vmId);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shownNics = (List<Map<String, Object>>) vm.get("nics");
        assertThat(shownNics).hasSize(nics.size());
        assertThat(shownNics.get(0)).containsEntry("macAddress", nics.get(0).macAddress())
                .containsEntry("ipAddress", nics.get(0).ipAddress()).containsEntry("network", "vnet-office");
        assertThat((List<?>) vm.get("disks")).isNotEmpty();
        assertThat(vm.get("devicesProblem")).isNull();
        assertThat(vm).containsEntry("status", 1).containsKey("lastOperation");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) vm.get("operations");
        assertThat(history).extracting(op -> op.get("operation")).containsExactly("startVm");
        assertThat(history.get(0)).containsEntry("code", "2010").containsEntry("codeText", "VM started successfully")
                .containsEntry("operationText", "start");

        simulator.simulator().faults().platformDown(true);
        try {
            assertThat(vm(t.requester(), vmId).get("devicesProblem").toString()).contains("cannot be reached");
        } finally {
            simulator.simulator().faults().platformDown(false);
        }
    }

    private String lifecycle(String vmId) {
        return jdbc.sql("SELECT lifecycle FROM vm WHERE vm_id = :id").param("id", vmId).query(String.class).single();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> quotaUsed(TestTenant t) {
        return (Map<String, Object>) get(t.requester(), "/quota").get("used");
    }
}

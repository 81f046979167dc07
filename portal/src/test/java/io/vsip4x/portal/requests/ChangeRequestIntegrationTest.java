package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.Usage;
import io.vsip4x.sdk.model.DataDiskInfo;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Requests that change what exists (resize, data disks, lease renewal, quota), from submission
 * through approval to the platform and back, against MariaDB and the simulator over HTTP.
 */
class ChangeRequestIntegrationTest extends PortalTestSupport {

    private static final long GIB = 1L << 30;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    private PlatformClient platform;
    @Autowired
    private QuotaService quotas;

    @Test
    void approvedResizeIsSentAsModifyVmAndReshapesTheVm() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        long id = created(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 4, "memoryMb", 4096, "diskGb", 50, "reason", "负载增加")));
        assertThat(request(t.requester(), id)).containsEntry("kind", "RESIZE").containsEntry("vmId", vmId)
                .containsEntry("state", "PENDING");

        ResponseEntity<Map<String, Object>> approved = post(t.approver(), "/requests/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody().get("codes")).isEqualTo(List.of("2200"));

        Map<String, Object> done = awaitRequest(t.requester(), id, "COMPLETED");
        assertThat(done.get("codes")).isEqualTo(List.of("2200"));
        Map<String, Object> vm = vm(t.requester(), vmId);
        assertThat(vm).containsEntry("cpu", 4).containsEntry("memoryMb", 4096).containsEntry("diskGb", 50);
        assertThat(jdbc.sql("SELECT result_code FROM operation WHERE request_id = :id AND kind = 'MODIFY_VM'")
                .param("id", id).query(String.class).single()).isEqualTo("2017");
        assertThat(reservations(id)).isZero();
        assertThat(quotas.usage(t.id(), null)).isEqualTo(new Usage(new Quota(4, 4096, 50, 1), Quota.ZERO));
        assertThat(auditActions("request:" + id, vmId)).contains("REQUEST_SUBMIT", "REQUEST_APPROVE",
                "PLATFORM_modifyVm", "REQUEST_CHANGED");
    }

    @Test
    void resizeThePlatformHasNoRoomForRecords2201AndReleasesTheReservation() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        long id = created(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 8, "memoryMb", 8192, "reason", "需要更多资源")));
        simulator.simulator().setCapacityExhausted("pool-prod", true);
        try {
            assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                    .isEqualTo(200);
            Map<String, Object> request = awaitRequest(t.requester(), id, "INSUFFICIENT");
            assertThat(request.get("codes")).isEqualTo(List.of("2200", "2201"));
            assertThat(request).containsEntry("failureCode", "2201");
        } finally {
            simulator.simulator().setCapacityExhausted("pool-prod", false);
        }
        assertThat(reservations(id)).isZero();
        assertThat(quotas.usage(t.id(), null)).isEqualTo(new Usage(new Quota(2, 2048, 40, 1), Quota.ZERO));
        assertThat(vm(t.requester(), vmId)).containsEntry("cpu", 2).containsEntry("memoryMb", 2048);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PLATFORM_modifyVm' AND target = :vm")
                .param("vm", vmId).query(Integer.class).single()).as("modifyVm never sent").isZero();
    }

    @Test
    void resizeThatFailsOnThePlatformReleasesTheReservationAndKeepsTheShape() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        long id = created(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 4, "memoryMb", 4096, "reason", "扩容")));
        simulator.simulator().setOperationFailing("modifyVm", true);
        try {
            post(t.approver(), "/requests/" + id + "/approve", null);
            Map<String, Object> request = awaitRequest(t.requester(), id, "FAILED");
            assertThat(request.get("codes")).isEqualTo(List.of("2200", "2063"));
        } finally {
            simulator.simulator().setOperationFailing("modifyVm", false);
        }
        assertThat(reservations(id)).isZero();
        assertThat(vm(t.requester(), vmId)).containsEntry("cpu", 2).containsEntry("memoryMb", 2048);
    }

    @Test
    void approvalOfAResizeThatNoLongerFitsIsRefusedAndReservesNothing() {
        TestTenant t = newTenant(new Quota(8, 16 * 1024, 200, 2));
        String vmId = runningVm(t);
        long id = created(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 6, "memoryMb", 4096, "reason", "扩容")));
        tenants.setQuota(t.id(), new Quota(4, 16 * 1024, 200, 2));

        ResponseEntity<Map<String, Object>> refused = post(t.approver(), "/requests/" + id + "/approve", null);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").toString()).contains(
                "vCPU 4 asked, 2 free in the department quota (limit 4, used 2, reserved 0)");
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING");
        assertThat(reservations(id)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operation WHERE request_id = :id").param("id", id)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void dataDiskThePlatformHasNoRoomForFailsAndFreesItsQuota() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 100, 10, 0, 0));
        String vmId = runningVm(t);
        long id = created(post(t.requester(), "/vms/" + vmId + "/data-disk-requests",
                Map.of("sizeGb", 50, "reason", "日志")));
        simulator.simulator().setCapacityExhausted("pool-prod", true);
        try {
            post(t.approver(), "/requests/" + id + "/approve", null);
            Map<String, Object> request = awaitRequest(t.requester(), id, "FAILED");
            assertThat(request).containsEntry("failureCode", "2002");
        } finally {
            simulator.simulator().setCapacityExhausted("pool-prod", false);
        }
        assertThat(jdbc.sql("SELECT lifecycle FROM data_disk WHERE request_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("FAILED");
        assertThat(quotas.usage(t.id(), null).total().dataDiskGb()).isZero();
    }

    @Test
    void shrinkIsNeverRefusedForQuotaWhileGrowthIsRefusedWithTheNumbers() {
        TestTenant t = newTenant(new Quota(2, 2048, 40, 1));
        String vmId = runningVm(t);
        tenants.setQuota(t.id(), new Quota(1, 1024, 40, 1));

        ResponseEntity<Map<String, Object>> growth = post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 3, "memoryMb", 2048, "reason", "扩容"));
        assertThat(growth.getStatusCode().value()).isEqualTo(409);
        assertThat(growth.getBody().get("detail").toString()).contains(
                "vCPU 1 asked, 0 free in the department quota (limit 1, used 2, reserved 0)");

        long id = created(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 1, "memoryMb", 1024, "reason", "缩容")));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                .as("over quota, yet a shrink is approved").isEqualTo(200);
        awaitRequest(t.requester(), id, "COMPLETED");
        assertThat(vm(t.requester(), vmId)).containsEntry("cpu", 1).containsEntry("memoryMb", 1024);
        assertThat(requestCount(t)).isEqualTo(2);
    }

    @Test
    void dataDiskIsCreatedMountedAndThenGrown() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 100, 10, 0, 0));
        String vmId = runningVm(t);

        ResponseEntity<Map<String, Object>> tooBig = post(t.requester(), "/vms/" + vmId + "/data-disk-requests",
                Map.of("sizeGb", 200, "reason", "数据"));
        assertThat(tooBig.getStatusCode().value()).isEqualTo(409);
        assertThat(tooBig.getBody().get("detail").toString()).contains(
                "data disk 200 GiB asked, 100 GiB free in the department quota (limit 100, used 0");

        long first = created(post(t.requester(), "/vms/" + vmId + "/data-disk-requests",
                Map.of("sizeGb", 20, "reason", "数据库")));
        post(t.approver(), "/requests/" + first + "/approve", null);
        awaitRequest(t.requester(), first, "COMPLETED");
        String diskId = jdbc.sql("SELECT disk_id FROM data_disk WHERE request_id = :id").param("id", first)
                .query(String.class).single();
        assertThat(diskRow(diskId)).containsEntry("lifecycle", "ACTIVE").containsEntry("size_gb", 20L);
        DataDiskInfo onPlatform = platformDisk(diskId);
        assertThat(onPlatform.vmId()).isEqualTo(vmId);
        assertThat(onPlatform.sizeBytes()).isEqualTo(20 * GIB);
        assertThat(((Map<?, ?>) get(t.requester(), "/catalog").get("used")).get("dataDiskGb")).isEqualTo(20);

        long second = created(post(t.requester(), "/vms/" + vmId + "/data-disk-requests",
                Map.of("dataDiskId", diskId, "sizeGb", 30, "reason", "数据增长")));
        assertThat(request(t.requester(), second)).containsEntry("kind", "DATA_DISK")
                .containsEntry("dataDiskId", diskId);
        post(t.approver(), "/requests/" + second + "/approve", null);
        awaitRequest(t.requester(), second, "COMPLETED");
        assertThat(diskRow(diskId)).containsEntry("size_gb", 30L);
        assertThat(platformDisk(diskId).sizeBytes()).isEqualTo(30 * GIB);
        assertThat(reservations(second)).isZero();
        Usage usage = quotas.usage(t.id(), null);
        assertThat(usage.used().dataDiskGb()).isEqualTo(30);
        assertThat(usage.reserved()).isEqualTo(Quota.ZERO);
    }

    @Test
    void approvedRenewalMovesTheLeaseEnd() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        jdbc.sql("UPDATE tenant SET lease_max_days = 30 WHERE id = :id").param("id", t.id()).update();
        jdbc.sql("UPDATE vm SET lease_expires_at = :end, lease_warned_at = NOW(3) WHERE vm_id = :vm")
                .param("end", Timestamp.from(Instant.now().plus(Duration.ofDays(5)))).param("vm", vmId).update();
        LocalDate today = LocalDate.now(ZONE);

        ResponseEntity<Map<String, Object>> tooLong = post(t.requester(), "/vms/" + vmId + "/renewal-requests",
                Map.of("leaseUntil", today.plusDays(40).toString(), "reason", "项目延期"));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(tooLong).get("leaseUntil")).contains("at most 30 days");

        LocalDate until = today.plusDays(20);
        long id = created(post(t.requester(), "/vms/" + vmId + "/renewal-requests",
                Map.of("leaseUntil", until.toString(), "reason", "项目延期")));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                .isEqualTo(200);

        assertThat(request(t.requester(), id)).containsEntry("state", "COMPLETED").containsEntry("kind", "RENEWAL");
        Map<String, Object> lease = jdbc.sql("SELECT lease_expires_at, lease_warned_at FROM vm WHERE vm_id = :vm")
                .param("vm", vmId).query().singleRow();
        Instant end = ((Timestamp) lease.get("lease_expires_at")).toInstant();
        assertThat(LocalDate.ofInstant(end, ZONE)).isEqualTo(until);
        assertThat(lease.get("lease_warned_at")).isNull();
        assertThat(auditActions("request:" + id, vmId)).contains("REQUEST_APPROVE", "LEASE_RENEW");
    }

    @Test
    void quotaRequestOfATenantAdminIsDecidedByAPlatformAdmin() {
        TestTenant t = newTenant();
        String admin = t.code() + "-tadmin";
        String platformAdmin = t.code() + "-padmin";
        users.create(admin, PASSWORD, "部门管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        users.create(platformAdmin, PASSWORD, "平台管理员", null, Set.of(Role.PLATFORM_ADMIN));
        Map<String, Object> limits = Map.of("cpu", 64, "memoryMb", 131072, "diskGb", 2000, "dataDiskGb", 500,
                "vms", 20, "snapshots", 10, "backups", 5);

        assertThat(post(t.requester(), "/quota-requests", Map.of("limits", limits, "reason", "扩编"))
                .getStatusCode().value()).as("only tenant admins ask").isEqualTo(403);
        long id = created(post(admin, "/quota-requests", Map.of("limits", limits, "reason", "扩编")));
        assertThat(request(admin, id)).containsEntry("kind", "QUOTA");

        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                .as("platform admins decide quota").isEqualTo(403);
        assertThat(post(platformAdmin, "/requests/" + id + "/approve", null).getStatusCode().value())
                .isEqualTo(200);

        assertThat(request(admin, id)).containsEntry("state", "COMPLETED");
        assertThat(tenants.find(t.id()).orElseThrow().quota()).isEqualTo(new Quota(64, 131072, 2000, 500, 20, 10, 5));
        assertThat(auditActions("tenant:" + t.code(), "request:" + id)).contains("TENANT_QUOTA_SET");
    }

    @Test
    void badInputOfEveryKindIsRefusedFieldByFieldAndSavesNothing() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 100, 10, 0, 0));
        String vmId = runningVm(t);
        String admin = t.code() + "-tadmin";
        users.create(admin, PASSWORD, "部门管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        jdbc.sql("UPDATE tenant SET vm_max_cpu = 4 WHERE id = :id").param("id", t.id()).update();
        int before = requestCount(t);

        Map<String, String> resize = errors(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 0, "memoryMb", 1000, "diskGb", 10, "reason", " ")));
        assertThat(resize.get("cpu")).isEqualTo("vCPU must be a whole number from 1 to 4.");
        assertThat(resize.get("memoryMb")).contains("multiple of 512 MiB");
        assertThat(resize.get("diskGb")).isEqualTo("The system disk cannot shrink: it has 40 GiB now.");
        assertThat(resize).containsKey("reason");
        assertThat(errors(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 8, "memoryMb", 2048, "reason", "超出单机上限"))).get("cpu"))
                .as("the tenant's cap on one VM").isEqualTo("vCPU must be a whole number from 1 to 4.");
        assertThat(errors(post(t.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 2, "memoryMb", 2048, "reason", "同样"))).get("cpu"))
                .isEqualTo("The new shape is the same as the current one.");

        Map<String, String> disk = errors(post(t.requester(), "/vms/" + vmId + "/data-disk-requests",
                Map.of("dataDiskId", "dd-nope", "sizeGb", 0, "reason", "x")));
        assertThat(disk.get("dataDiskId")).contains("does not exist");
        assertThat(disk.get("sizeGb")).contains("from 1 to 2048");

        assertThat(errors(post(t.requester(), "/vms/" + vmId + "/renewal-requests",
                Map.of("leaseUntil", "2027-13-01", "reason", "x"))).get("leaseUntil"))
                .isEqualTo("Enter a date as yyyy-MM-dd.");
        assertThat(errors(post(t.requester(), "/vms/" + vmId + "/renewal-requests",
                Map.of("leaseUntil", "2099-01-01", "reason", "x"))).get("leaseUntil"))
                .isEqualTo("This VM has no lease to renew.");

        Map<String, String> quota = errors(post(admin, "/quota-requests",
                Map.of("limits", Map.of("cpu", -1), "reason", "x")));
        assertThat(quota.get("limits.cpu")).contains("from 0 to");
        assertThat(quota.get("limits.backups")).isEqualTo("This field is required.");

        assertThat(requestCount(t)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_disk WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void changesToAVmOfSomebodyElseAreRefused() {
        TestTenant t = newTenant();
        TestTenant stranger = newTenant();
        String vmId = runningVm(t);

        assertThat(post(stranger.requester(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 4, "memoryMb", 4096, "reason", "x")).getStatusCode().value()).isEqualTo(404);
        assertThat(post(t.approver(), "/vms/" + vmId + "/resize-requests",
                Map.of("cpu", 4, "memoryMb", 4096, "reason", "x")).getStatusCode().value())
                .as("seen by the tenant's approver, but not theirs").isEqualTo(403);
        assertThat(requestCount(t)).isEqualTo(1);
    }

    private long created(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(201);
        return ((Number) answer.getBody().get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        return (Map<String, String>) answer.getBody().get("errors");
    }

    private String runningVm(TestTenant t) {
        long id = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + id + "/approve", null);
        String vmId = ((List<?>) awaitRequest(t.requester(), id, "COMPLETED").get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(t.requester(), vmId);
            return Integer.valueOf(1).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
        return vmId;
    }

    private Map<String, Object> awaitRequest(String user, long id, String state) {
        await().atMost(PATIENCE).until(() -> state.equals(request(user, id).get("state")));
        return request(user, id);
    }

    private int reservations(long requestId) {
        return jdbc.sql("SELECT COUNT(*) FROM quota_reservation WHERE request_id = :id").param("id", requestId)
                .query(Integer.class).single();
    }

    private int requestCount(TestTenant t) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single();
    }

    private Map<String, Object> diskRow(String diskId) {
        return jdbc.sql("SELECT lifecycle, size_gb FROM data_disk WHERE disk_id = :id").param("id", diskId)
                .query().singleRow();
    }

    private DataDiskInfo platformDisk(String diskId) {
        return platform.call(c -> c.getDataDisks(List.of(diskId))).get(0);
    }

    private List<String> auditActions(String a, String b) {
        return jdbc.sql("SELECT action FROM audit_event WHERE target IN (:a, :b) ORDER BY id")
                .param("a", a).param("b", b).query(String.class).list();
    }
}

package io.vsip4x.portal.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.leases.LeaseTestClock.MovableClock;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.web.Times;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;

/**
 * Leases against MariaDB and the simulator over HTTP, with the leases' clock moved forward:
 * the owner is warned once, the VM is shut down at expiry and deleted after the grace period
 * through the operation queue (its quota freed only by the platform's deletion callback), and
 * every step is audited; a request beyond the tenant's longest lease is refused.
 */
class LeaseIntegrationTest extends PortalTestSupport {

    @Autowired
    @Qualifier(LeaseService.CLOCK)
    private MovableClock clock;
    @Autowired
    private LeaseService leases;
    @Autowired
    private QuotaService quotas;
    @Autowired
    private Times times;

    @AfterEach
    void realTimeAndCallbacks() {
        clock.reset();
        simulator.simulator().pauseCallbacks(false);
    }

    @Test
    void leaseWarnsOnceShutsDownAtExpiryAndDeletesAfterGrace() {
        TestTenant t = tenantWithLeaseMax(30);
        Instant before = clock.instant();
        String vmId = runningVmWithLease(t, 10);
        Instant after = clock.instant();

        Instant expires = Instant.parse(vm(t.requester(), vmId).get("leaseExpiresAt").toString());
        assertThat(expires).isBetween(before.plus(Duration.ofDays(10)), after.plus(Duration.ofDays(10)));

        clock.advance(Duration.ofDays(2));
        leases.runDueSteps();
        assertThat(notificationKeys(t.requester())).as("8 days before expiry, with 7 days' warning").isEmpty();

        clock.advance(Duration.ofDays(2));
        leases.runDueSteps();
        leases.runDueSteps();
        assertThat(notificationKeys(t.requester())).containsExactly("notification.lease.warning");
        assertThat(leaseColumn(vmId, "lease_warned_at")).isNotNull();
        assertThat(inbox(t.requester()).get(0).get("text").toString()).contains("The lease of VM")
                .contains(vm(t.requester(), vmId).get("name").toString());

        clock.advance(Duration.ofDays(7));
        leases.runDueSteps();
        leases.runDueSteps();
        awaitStatus(t.requester(), vmId, 0);
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId)
                .filter(v -> v.status() == 0 && !v.busy()).isPresent());
        assertThat(operations(vmId, "SHUTDOWN_VM")).as("one shut-down at expiry").isEqualTo(1);
        assertThat(leaseColumn(vmId, "lease_expired_at")).isNotNull();
        assertThat(notificationKeys(t.requester())).containsExactly("notification.lease.expired",
                "notification.lease.warning");

        clock.advance(Duration.ofDays(1));
        leases.runDueSteps();
        assertThat(operations(vmId, "DELETE_VM")).as("within the 3 days of grace").isZero();

        simulator.simulator().pauseCallbacks(true);
        clock.advance(Duration.ofDays(2));
        leases.runDueSteps();
        leases.runDueSteps();
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());
        assertThat(operations(vmId, "DELETE_VM")).isEqualTo(1);
        assertThat(vm(t.requester(), vmId)).containsEntry("lifecycle", "DELETING");
        assertThat(quotas.report(t.id()).used().vms()).as("counted until the platform reports it deleted")
                .isEqualTo(1);

        simulator.simulator().pauseCallbacks(false);
        await().atMost(PATIENCE).until(() -> status(t.requester(), "/vms/" + vmId) == 404);
        assertThat(quotas.report(t.id()).used().vms()).isZero();
        assertThat(quotas.report(t.id()).used().cpu()).isZero();
        assertThat(notificationKeys(t.requester())).first().isEqualTo("notification.lease.deleted");

        List<String> actions = jdbc.sql("SELECT action FROM audit_event WHERE target = :vm ORDER BY id")
                .param("vm", vmId).query(String.class).list();
        assertThat(actions).containsSubsequence("LEASE_START", "LEASE_WARN", "LEASE_EXPIRE",
                "PLATFORM_shutdownVm", "LEASE_DELETE", "PLATFORM_deleteVm");
        assertThat(actions).filteredOn("LEASE_WARN"::equals).hasSize(1);
        assertThat(actions).filteredOn("LEASE_EXPIRE"::equals).hasSize(1);
        assertThat(jdbc.sql("SELECT DISTINCT actor FROM audit_event WHERE target = :vm AND action LIKE 'LEASE_%'")
                .param("vm", vmId).query(String.class).list()).containsExactly("system");
    }

    @Test
    void deletionThePlatformFailsLeavesTheVmActiveAndCountedAndIsTriedAgain() {
        TestTenant t = tenantWithLeaseMax(30);
        String vmId = runningVmWithLease(t, 1);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        leases.runDueSteps();
        awaitStatus(t.requester(), vmId, 0);

        clock.advance(Duration.ofDays(3));
        simulator.simulator().setOperationFailing("deleteVm", true);
        try {
            leases.runDueSteps();
            await().atMost(PATIENCE).until(() -> "FAILED".equals(jdbc.sql(
                    "SELECT state FROM operation WHERE vm_id = :vm AND kind = 'DELETE_VM'")
                    .param("vm", vmId).query(String.class).single()));
        } finally {
            simulator.simulator().setOperationFailing("deleteVm", false);
        }
        await().atMost(PATIENCE).until(() -> "ACTIVE".equals(vm(t.requester(), vmId).get("lifecycle")));
        assertThat(quotas.report(t.id()).used().vms()).isEqualTo(1);

        leases.runDueSteps();
        await().atMost(PATIENCE).until(() -> status(t.requester(), "/vms/" + vmId) == 404);
        assertThat(operations(vmId, "DELETE_VM")).isEqualTo(2);
        assertThat(quotas.report(t.id()).used().vms()).isZero();
    }

    @Test
    void renewalMovesTheExpiryAndStartsTheStepsOver() {
        TestTenant t = tenantWithLeaseMax(30);
        String vmId = runningVmWithLease(t, 5);
        leases.runDueSteps();
        assertThat(leaseColumn(vmId, "lease_warned_at")).as("5 days left: warned at once").isNotNull();

        Instant renewed = clock.instant().plus(Duration.ofDays(20));
        leases.renew(vmId, renewed);

        assertThat(leaseColumn(vmId, "lease_warned_at")).isNull();
        assertThat(leaseColumn(vmId, "lease_expired_at")).isNull();
        assertThat(Instant.parse(vm(t.requester(), vmId).get("leaseExpiresAt").toString()))
                .isCloseTo(renewed, within(1, ChronoUnit.SECONDS));
        PageClient en = new PageClient(port, "en-US,en;q=0.9");
        en.signIn(t.requester(), PASSWORD);
        assertThat(en.get("/vms").body()).contains("Lease ends").contains(times.minute(renewed));

        clock.advance(Duration.ofDays(6));
        leases.runDueSteps();
        assertThat(operations(vmId, "SHUTDOWN_VM")).as("the old expiry passed, the new one did not").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :vm AND action = 'LEASE_RENEW'")
                .param("vm", vmId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void leaseBeyondTheTenantsMaximumOrMissingIsRefusedAndSavesNothing() {
        TestTenant t = tenantWithLeaseMax(30);

        ResponseEntity<Map<String, Object>> tooLong = post(t.requester(), "/requests", withLease(31));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(tooLong)).containsEntry("leaseDays",
                "The lease must be a whole number of days from 1 to 30.");
        ResponseEntity<Map<String, Object>> missing = post(t.requester(), "/requests", smallRequest(1));
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(missing)).containsEntry("leaseDays",
                "Enter a lease of 1 to 30 days.");

        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(t.requester(), PASSWORD);
        String form = zh.get("/requests/new").body();
        assertThat(form).contains("租期（天）").contains("最长 30 天");
        HttpResponse<String> page = zh.postForm("/requests", "templateId=tpl-centos7&repoName=pool-prod"
                + "&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40&count=1&reason=x&powerOn=true&leaseDays=45"
                + "&_csrf=" + PageClient.csrfOf(form));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"leaseDays-error\"").contains("租期须为 1 到 30 天之间的整数。");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).isZero();
        assertThat(submit(t.requester(), withLease(30))).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errors(ResponseEntity<Map<String, Object>> answer) {
        return (Map<String, Object>) answer.getBody().get("errors");
    }

    private TestTenant tenantWithLeaseMax(int days) {
        TestTenant t = newTenant();
        jdbc.sql("UPDATE tenant SET lease_max_days = :d WHERE id = :id").param("d", days).param("id", t.id()).update();
        return t;
    }

    private static Map<String, Object> withLease(int days) {
        Map<String, Object> body = new HashMap<>(smallRequest(1));
        body.put("leaseDays", days);
        return body;
    }

    private String runningVmWithLease(TestTenant t, int days) {
        long id = submit(t.requester(), withLease(days));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        awaitStatus(t.requester(), vmId, 1);
        await().atMost(PATIENCE).until(() -> vm(t.requester(), vmId).get("leaseExpiresAt") != null);
        return vmId;
    }

    private void awaitStatus(String user, String vmId, int status) {
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(user, vmId);
            return Integer.valueOf(status).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> inbox(String user) {
        return (List<Map<String, Object>>) get(user, "/notifications").get("items");
    }

    /** The keys of the person's lease notifications, newest first (their requests' are told too). */
    private List<String> notificationKeys(String user) {
        return inbox(user).stream().map(n -> n.get("messageKey").toString())
                .filter(key -> key.startsWith("notification.lease.")).toList();
    }

    private Timestamp leaseColumn(String vmId, String column) {
        return jdbc.sql("SELECT " + column + " FROM vm WHERE vm_id = :vm").param("vm", vmId)
                .query((rs, n) -> rs.getTimestamp(1)).list().get(0);
    }

    private int operations(String vmId, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM operation WHERE vm_id = :vm AND kind = :kind")
                .param("vm", vmId).param("kind", kind).query(Integer.class).single();
    }
}

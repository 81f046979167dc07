package io.vsip4x.portal.admin.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.UnownedVms;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.VmSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Adopting a VM created behind the portal's back into a tenant and an owner: it then counts in the
 * tenant's quota and is the owner's, with its live status; a wrong tenant or owner, a full quota,
 * a VM adopted already or gone from the platform are refused and change nothing; two adoptions at
 * once adopt it once. The unowned VMs are made on the shared simulator and removed afterwards.
 */
class AdoptionIntegrationTest extends VmOperationsTestSupport {

    private static final long GIB = 1024L * 1024L * 1024L;

    private final List<String> outside = new ArrayList<>();
    @Autowired
    private UnownedVms unownedVms;

    /** Deletes the unowned VMs this test made that no tenant adopted (adopted ones go with their tenant). */
    @AfterEach
    void removeTheUnownedVms() {
        for (String vmId : outside) {
            boolean adopted = jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId)
                    .query(Integer.class).single() > 0;
            if (!adopted && simulator.simulator().vm(vmId).isPresent()) {
                await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).map(v -> !v.busy()).orElse(true));
                platform.call(c -> c.deleteVm(vmId));
                await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());
            }
            jdbc.sql("DELETE FROM unowned_vm WHERE vm_id = :id").param("id", vmId).update();
        }
        outside.clear();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdoptedVmCountsInTheQuotaAndIsTheOwnersWithItsLiveStatus() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");
        String page = signedInPages(admin).get("/admin/unowned-vms").body();
        assertThat(page).contains("adopt-submit-" + vmId).doesNotContain("later version");

        ResponseEntity<Map<String, Object>> adopted = adopt(admin, vmId, t.code(), t.requester());

        assertThat(adopted.getStatusCode().value()).as("answer %s", adopted.getBody()).isEqualTo(201);
        assertThat(adopted.getBody()).containsEntry("tenant", t.code()).containsEntry("owner", t.requester());
        Map<String, Object> used = (Map<String, Object>) get(t.requester(), "/quota").get("used");
        assertThat(used).containsEntry("vms", 1).containsEntry("cpu", 1).containsEntry("memoryMb", 1024);
        assertThat(vmItems(t.requester(), "/vms")).extracting(v -> v.get("vmId")).containsExactly(vmId);
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 0).containsEntry("repoName", "pool-test");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unowned_vm WHERE vm_id = :id").param("id", vmId)
                .query(Integer.class).single()).isZero();
        assertThat(auditCount("VM_ADOPT", vmId, "SUCCESS")).isEqualTo(1);
        assertThat(signedInPages(t.requester()).get("/vms/" + vmId).body()).contains("Unknown (adopted VM)");

        // Its owner starts it; the platform's reports reach the adopted VM as any other.
        assertThat(act(t.requester(), vmId, "start", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);

        ResponseEntity<Map<String, Object>> again = adopt(admin, vmId, t.code(), t.requester());
        assertThat(again.getStatusCode().value()).isEqualTo(404);
        assertThat(again.getBody().get("detail").toString()).contains("adopted already");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWrongTenantOrOwnerAPoolNotGrantedAnOwnerNotClearedAndAFullQuotaAreRefused() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        TestTenant full = newTenant(new Quota(32, 64 * 1024, 1000, 0));
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");

        assertField(adopt(admin, vmId, "no-such-tenant", t.requester()), "tenant");
        assertField(adopt(admin, vmId, "", t.requester()), "tenant");
        assertField(adopt(admin, vmId, t.code(), other.requester()), "owner");
        assertField(adopt(admin, vmId, t.code(), "nobody-" + t.code()), "owner");
        tenants.revoke(other.id(), ResourceKind.POOL, "pool-test");
        assertField(adopt(admin, vmId, other.code(), other.requester()), "tenant");

        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        assertField(adopt(admin, vmId, t.code(), t.requester()), "owner");
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 0)).ok()).isTrue();

        ResponseEntity<Map<String, Object>> over = adopt(admin, vmId, full.code(), full.requester());
        assertThat(over.getStatusCode().value()).isEqualTo(409);
        assertThat((List<Map<String, Object>>) over.getBody().get("excesses"))
                .anySatisfy(e -> assertThat(e).containsEntry("resource", "vms"));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single()).as("not adopted").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unowned_vm WHERE vm_id = :id").param("id", vmId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(auditCount("VM_ADOPT", vmId, "DENIED")).isEqualTo(7);
    }

    @Test
    void aReconciliationListedBeforeTheAdoptionDoesNotRecordTheVmAsUnownedAgain() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");
        // What a reconciliation under way found outside the inventory before the adoption committed.
        Set<String> held = Set.copyOf(jdbc.sql("SELECT vm_id FROM vm").query(String.class).list());
        List<VmSummary> listedBefore = platform.call(c -> c.searchVmList(Map.of())).stream()
                .filter(v -> !held.contains(v.vmId())).toList();
        assertThat(listedBefore).extracting(VmSummary::vmId).contains(vmId);

        assertThat(adopt(admin, vmId, t.code(), t.requester()).getStatusCode().value()).isEqualTo(201);
        unownedVms.replaceWith(listedBefore);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM unowned_vm WHERE vm_id = :id").param("id", vmId)
                .query(Integer.class).single()).as("not unowned again").isZero();
        assertThat(vmItems(t.requester(), "/vms")).extracting(v -> v.get("vmId")).containsExactly(vmId);
    }

    @Test
    void aVmGoneFromThePlatformIsNotAdopted() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");
        platform.call(c -> c.deleteVm(vmId));
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());

        ResponseEntity<Map<String, Object>> gone = adopt(admin, vmId, t.code(), t.requester());

        assertThat(gone.getStatusCode().value()).isEqualTo(404);
        assertThat(gone.getBody().get("detail").toString()).contains("no longer on the platform");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoAdoptionsAtOnceAdoptTheVmOnce() throws Exception {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            awaitLatch(start);
            return adopt(admin, vmId, t.code(), t.requester()).getStatusCode().value();
        });
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
            awaitLatch(start);
            return adopt(admin, vmId, other.code(), other.requester()).getStatusCode().value();
        });
        start.countDown();

        assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(201, 404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single()).isEqualTo(1);
        long vms = ((Number) ((Map<String, Object>) get(t.requester(), "/quota").get("used")).get("vms")).longValue()
                + ((Number) ((Map<String, Object>) get(other.requester(), "/quota").get("used")).get("vms"))
                .longValue();
        assertThat(vms).isEqualTo(1);
    }

    @Test
    void theAdoptFormOfThePageAdoptsAVmWhateverItsId() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test", "vm-a.b#{{x}}..;%" + UUID.randomUUID().toString().substring(0, 6));
        PageClient pages = signedInPages(admin);
        String page = pages.get("/admin/unowned-vms").body();
        String csrf = PageClient.csrfOf(page);
        assertThat(page).as("one fixed path, the id a field").contains("action=\"/admin/unowned-vms/adopt\"")
                .contains("hx-target=\"closest td\"").contains("<datalist id=\"unowned-tenants\">");

        String answer = pages.postForm("/admin/unowned-vms/adopt", "vmId=" + PageClient.enc(vmId) + "&tenant="
                + t.code() + "&owner=" + t.requester() + "&_csrf=" + PageClient.enc(csrf), "HX-Request", "true")
                .body();

        assertThat(answer).contains("adopted-").contains(t.code()).contains(t.requester());
        assertThat(jdbc.sql("SELECT tenant_id FROM vm WHERE vm_id = :id").param("id", vmId).query(Long.class)
                .single()).isEqualTo(t.id());
        assertThat(signedInPages(admin).get("/admin/unowned-vms").body()).doesNotContain("vmId\" value=\"" + vmId);
    }

    @Test
    void aPlainPostOfTheFormKeepsItsConfirmation() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");
        PageClient pages = signedInPages(admin);
        String csrf = PageClient.csrfOf(pages.get("/admin/unowned-vms").body());

        var answer = pages.postForm("/admin/unowned-vms/adopt", "vmId=" + PageClient.enc(vmId) + "&tenant="
                + t.code() + "&owner=" + t.requester() + "&_csrf=" + PageClient.enc(csrf));

        assertThat(answer.statusCode()).as("the list again, after the redirect").isEqualTo(200);
        assertThat(answer.body()).contains("adopted-" + vmId).contains(t.requester());
    }

    @Test
    void aVmLargerThanTheTenantsPerVmCapIsNotAdopted() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");
        jdbc.sql("UPDATE tenant SET vm_max_disk_gb = 10 WHERE id = :id").param("id", t.id()).update();

        assertField(adopt(admin, vmId, t.code(), t.requester()), "tenant");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void theAuditRowsCarryTheTenantAndTheOwnerAsFound() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = unownedVm("pool-test");

        assertThat(adopt(admin, vmId, " " + t.code() + " ", " " + t.requester() + "  ").getStatusCode().value())
                .isEqualTo(201);

        assertThat(jdbc.sql("""
                SELECT CONCAT(tenant_code, '|', params) FROM audit_event
                 WHERE action = 'VM_ADOPT' AND target = :id AND result = 'SUCCESS'""")
                .param("id", vmId).query(String.class).single())
                .startsWith(t.code() + "|tenant=" + t.code() + ", owner=" + t.requester() + ",");
    }

    @Test
    void thePageIsPagedAndRefusesAPageThatIsNotANumber() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        PageClient pages = signedInPages(admin);

        assertThat(pages.get("/admin/unowned-vms?page=abc").statusCode()).isEqualTo(400);
        assertThat(pages.get("/admin/unowned-vms?page=\uFF11").statusCode()).isEqualTo(400);
        assertThat(pages.get("/admin/unowned-vms?page=999999").statusCode()).isEqualTo(200);
        assertThat(status(admin, "/admin/unowned-vms?page=abc")).isEqualTo(400);
        assertThat(getList(admin, "/admin/unowned-vms?page=0")).hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void otherRolesMayNotAdopt() {
        TestTenant t = newTenant();
        String vmId = unownedVm("pool-test");
        String security = t.code() + "-sec";
        users.create(security, PASSWORD, "安全员 " + t.code(), null, Set.of(Role.SECURITY_ADMIN));
        for (String user : List.of(t.requester(), t.approver(), security)) {
            assertThat(adopt(user, vmId, t.code(), t.requester()).getStatusCode().value()).as(user).isEqualTo(403);
            assertThat(signedInPages(user).get("/admin/unowned-vms").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single()).isZero();
    }

    /** A stopped VM made on the platform directly, recorded as unowned as the reconciliation would. */
    private String unownedVm(String pool) {
        return unownedVm(pool, "vm-adopt-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private String unownedVm(String pool, String vmId) {
        CreateVmSpec spec = new CreateVmSpec("tpl-centos7", pool, 1, GIB, 20 * GIB, "vnet-office", List.of(vmId));
        assertThat(platform.call(c -> c.createVm(spec)).ok()).isTrue();
        outside.add(vmId);
        awaitPlatform(vmId, 0);
        String host = simulator.simulator().vm(vmId).orElseThrow().hostId();
        jdbc.sql("""
                INSERT IGNORE INTO unowned_vm (vm_id, name, status, host, pool, cpu, memory, disk)
                VALUES (:id, :id, 0, :host, :pool, 1, 1024, 20)""")
                .param("id", vmId).param("host", host).param("pool", pool).update();
        return vmId;
    }

    private ResponseEntity<Map<String, Object>> adopt(String user, String vmId, String tenant, String owner) {
        return post(user, "/admin/unowned-vms/" + vmId + "/adopt", Map.of("tenant", tenant, "owner", owner));
    }

    @SuppressWarnings("unchecked")
    private static void assertField(ResponseEntity<Map<String, Object>> answer, String field) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        assertThat((Map<String, Object>) answer.getBody().get("errors")).containsKey(field);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.vsip4x.portal.admin.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The rules a platform admin's placement keeps for the VM's tenant and owner: a move only to a pool
 * the tenant may use, of the VM's level or above and not above its owner's clearance, with room for
 * its disk; a classification only within the owner's clearance and the tenant's ceiling and not
 * below the VM's template and pool; numbers in ASCII digits; the list's page and name filter
 * taken literally.
 */
class PlacementRulesIntegrationTest extends VmOperationsTestSupport {

    @Autowired
    CatalogService catalog;

    @Test
    void aMoveToAPoolNotGrantedIsRefusedBeforeAnythingIsQueuedAndAudited() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = stoppedVm(t);
        tenants.revoke(t.id(), io.vsip4x.portal.tenancy.ResourceKind.POOL, "pool-test");
        int before = operationCount(vmId);

        String text = assertRefused(act(admin, vmId, "move", Map.of("hostId", "host-03", "repoId", "pool-test")),
                "4020");

        assertThat(text).contains("may not use");
        assertThat(operationCount(vmId)).isEqualTo(before);
        assertThat(deniedMoves(vmId, "vm.op.refused.poolNotGranted")).isEqualTo(1);
        Map<String, Object> pool = moveTarget(admin, vmId, "pool-test");
        assertThat(pool).containsEntry("selectable", false);
        assertThat(pool.get("reason").toString()).contains("may not use");
        assertThat(page(admin, "/admin/placement/vms/" + vmId)).contains("move-barred-pool-test")
                .contains("id=\"move-to-host-03\" disabled");
    }

    @Test
    void aMoveToAPoolBelowTheVmsLevelIsRefused() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = stoppedVm(t);
        clear(t, 1);
        jdbc.sql("UPDATE app_user SET clearance = 1 WHERE username = :u").param("u", admin).update();
        // Set on the platform as well, so that a reconciliation reading the platform's level keeps it.
        assertThat(post(admin, "/admin/vms/attributes", Map.of("vmIds", java.util.List.of(vmId),
                "attribute", "classification", "value", 1)).getStatusCode().value()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT classification FROM vm WHERE vm_id = :id").param("id", vmId)
                .query(Integer.class).single()).isEqualTo(1);

        String text = assertRefused(act(admin, vmId, "move", Map.of("hostId", "host-03", "repoId", "pool-test")),
                "4020");

        assertThat(text).contains("below the VM");
        assertThat(deniedMoves(vmId, "vm.op.refused.poolBelowLevel")).isEqualTo(1);
    }

    @Test
    void aMoveToAPoolAboveTheOwnersClearanceIsRefused() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = stoppedVm(t);
        simulator.simulator().setPoolClassification("pool-test", 1L);
        catalog.forget();
        try {
            String text = assertRefused(act(admin, vmId, "move",
                    Map.of("hostId", "host-03", "repoId", "pool-test")), "4020");

            assertThat(text).contains("owner would lose");
            assertThat(moveTarget(admin, vmId, "pool-test")).containsEntry("selectable", false);
        } finally {
            simulator.simulator().setPoolClassification("pool-test", null);
            catalog.forget();
        }
    }

    @Test
    void aMoveToAPoolWithLessFreeStorageThanTheDiskIsRefused() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = stoppedVm(t);
        jdbc.sql("UPDATE vm SET disk_gb = 100000000 WHERE vm_id = :id").param("id", vmId).update();

        String text = assertRefused(act(admin, vmId, "move", Map.of("hostId", "host-03", "repoId", "pool-test")),
                "4020");

        assertThat(text).contains("less free storage");
        assertThat(moveTarget(admin, vmId, "pool-test")).containsEntry("selectable", false);
    }

    @Test
    void aClassificationAboveTheTenantsCeilingOrBelowTheTemplateIsRefusedNamingTheVm() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        String name = jdbc.sql("SELECT name FROM vm WHERE vm_id = :id").param("id", vmId).query(String.class).single();
        clear(t, 1);
        jdbc.sql("UPDATE app_user SET clearance = 3 WHERE username = :u").param("u", t.requester()).update();

        ResponseEntity<Map<String, Object>> above = setAttribute(admin, List.of(vmId), "classification", 2);
        assertThat(fieldError(above, "value")).contains("ceiling").contains(name);

        jdbc.sql("UPDATE vm SET template_id = 'tpl-kylin10' WHERE vm_id = :id").param("id", vmId).update();
        jdbc.sql("UPDATE tenant SET classification_ceiling = 3 WHERE id = :id").param("id", t.id()).update();
        ResponseEntity<Map<String, Object>> below = setAttribute(admin, List.of(vmId), "classification", 1);
        assertThat(fieldError(below, "value")).contains("below").contains(name);
        assertThat(jdbc.sql("SELECT classification FROM vm WHERE vm_id = :id").param("id", vmId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aClassificationWithinTheRulesIsSetAndAuditedUnderTheVmsTenant() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        clear(t, 1);

        ResponseEntity<Map<String, Object>> set = setAttribute(admin, List.of(vmId), "classification", 1);

        assertThat(set.getStatusCode().value()).as("answer %s", set.getBody()).isEqualTo(200);
        assertThat(vmItems(t.requester(), "/vms")).extracting(v -> v.get("vmId")).contains(vmId);
        assertThat(jdbc.sql("""
                SELECT tenant_code FROM audit_event
                 WHERE action = 'VM_ATTRIBUTES' AND target = :id AND result = 'SUCCESS'""")
                .param("id", vmId).query(String.class).list()).containsExactly(t.code());
    }

    @Test
    void numbersAreAsciiDigitsAndUsbIsABoolean() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);

        assertThat(fieldError(setAttribute(admin, List.of(vmId), "maxCpu", "\uFF18"), "value")).isNotBlank();
        assertThat(fieldError(setAttribute(admin, List.of(vmId), "maxCpu", "\u0668"), "value")).isNotBlank();
        assertThat(fieldError(setAttribute(admin, List.of(vmId), "usb", 1), "value")).isNotBlank();

        ResponseEntity<Map<String, Object>> on = setAttribute(admin, List.of(vmId), "usb", true);
        assertThat(on.getStatusCode().value()).as("answer %s", on.getBody()).isEqualTo(200);
        assertThat(on.getBody()).containsEntry("value", true);
        ResponseEntity<Map<String, Object>> off = setAttribute(admin, List.of(vmId), "usb", "FALSE");
        assertThat(off.getBody()).containsEntry("value", false);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'VM_ATTRIBUTES' AND target = :id AND result = 'DENIED' AND tenant_code = :t""")
                .param("id", vmId).param("t", t.code()).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aPlainPostOfTheBatchFormKeepsItsConfirmation() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        PageClient pages = signedInPages(admin);
        String csrf = PageClient.csrfOf(pages.get("/admin/placement?tenant=" + t.code()).body());

        var answer = pages.postForm("/admin/placement/attributes", "vmIds=" + vmId + "&attribute=maxCpu&value=8"
                + "&_csrf=" + PageClient.enc(csrf));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("placement-attr-done").contains("Maximum vCPUs set to 8 on 1 VMs");
    }

    @Test
    void theListRefusesAPageThatIsNotANumberAndTakesTheNameFilterLiterally() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        List<String> vmIds = runningVms(t, 2);
        jdbc.sql("UPDATE vm SET name = 'odd%_\\\\name' WHERE vm_id = :id").param("id", vmIds.get(0)).update();

        assertThat(status(admin, "/admin/placement?page=abc")).isEqualTo(400);
        PageClient pages = signedInPages(admin);
        assertThat(pages.get("/admin/placement?page=abc").statusCode()).isEqualTo(400);
        assertThat(pages.get("/admin/placement?page=%EF%BC%91").statusCode()).isEqualTo(400);
        for (String filter : List.of("%", "_", "\\", "%_\\")) {
            String listed = pages.get("/admin/placement?tenant=" + t.code() + "&name=" + PageClient.enc(filter))
                    .body();
            assertThat(listed).as(filter).contains("placement-vm-" + vmIds.get(0))
                    .doesNotContain("placement-vm-" + vmIds.get(1));
        }
    }

    /** Clears {@code t}'s requester and tenant for {@code level}. */
    private void clear(TestTenant t, int level) {
        jdbc.sql("UPDATE app_user SET clearance = :l WHERE username = :u").param("l", level)
                .param("u", t.requester()).update();
        jdbc.sql("UPDATE tenant SET classification_ceiling = :l WHERE id = :id").param("l", level)
                .param("id", t.id()).update();
    }

    private int deniedMoves(String vmId, String reason) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'VM_MOVE' AND target = :id AND result = 'DENIED' AND code = '4020'
                   AND message = :reason""")
                .param("id", vmId).param("reason", reason).query(Integer.class).single();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> moveTarget(String admin, String vmId, String pool) {
        return ((List<Map<String, Object>>) get(admin, "/admin/vms/" + vmId + "/placement").get("move")).stream()
                .filter(p -> pool.equals(p.get("repoId"))).findFirst().orElseThrow();
    }

    private ResponseEntity<Map<String, Object>> setAttribute(String user, List<String> vmIds, String attribute,
            Object value) {
        return post(user, "/admin/vms/attributes", Map.of("vmIds", vmIds, "attribute", attribute, "value", value));
    }

    @SuppressWarnings("unchecked")
    private static String fieldError(ResponseEntity<Map<String, Object>> answer, String field) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        Map<String, Object> errors = (Map<String, Object>) answer.getBody().get("errors");
        assertThat(errors).containsKey(field);
        return String.valueOf(errors.get(field));
    }

    private String page(String user, String path) {
        PageClient client = signedInPages(user);
        return client.get(path).body();
    }
}

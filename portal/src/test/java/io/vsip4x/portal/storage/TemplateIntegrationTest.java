package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.TemplateInfo;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Templates made from VMs through the portal and the simulator over HTTP: refused while the
 * tenant does not allow it, for a running VM (2049), a busy one (2052), a failed build (2005) and
 * a bad encryption; made with encryption and checksum from a stopped one, granted to its tenant
 * and listed with the VM's classification to those cleared for it, not to other tenants.
 */
class TemplateIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ClearanceSettings clearances;

    @Test
    void aStoppedVmBecomesAnEncryptedTemplateOnlyWhereTheTenantAllowsIt() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);

        // The defaults: no template builds.
        ResponseEntity<Map<String, Object>> refused = build(t.requester(), vmId, "sm4", true);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody().get("detail").toString()).contains("does not allow");
        assertThat(put(t.requester(), t.code(), settings(8, true, true)).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map<String, Object>> saved = put(admin, t.code(), settings(6, true, false));
        assertThat(saved.getStatusCode().value()).isEqualTo(200);
        assertThat(saved.getBody()).containsEntry("snapshotsPerVm", 6).containsEntry("templateBuilds", true)
                .containsEntry("dataDiskApproval", false);

        assertThat(assertRefused(build(t.requester(), vmId, "sm4", true), "2049")).contains("only when it is stopped");
        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 0);

        ResponseEntity<Map<String, Object>> badFormat = build(t.requester(), vmId, "des", false);
        assertThat(badFormat.getStatusCode().value()).isEqualTo(400);
        simulator.simulator().faults().answer("buildTemplate", "2005", 1);
        assertRefused(build(t.requester(), vmId, null, false), "2005");
        assertThat(build(other.requester(), vmId, null, false).getStatusCode().value()).isEqualTo(404);
        assertThat(build(t.approver(), vmId, null, false).getStatusCode().value()).isEqualTo(403);

        ResponseEntity<Map<String, Object>> made = build(t.requester(), vmId, "SM4", true);
        assertThat(made.getStatusCode().value()).as("answer %s", made.getBody()).isEqualTo(201);
        String templateId = made.getBody().get("templateId").toString();
        assertThat(made.getBody()).containsEntry("vmId", vmId).containsEntry("encryption", "sm4")
                .containsEntry("checksum", true).containsEntry("classification", 0);
        TemplateInfo onPlatform = platform.call(c -> c.searchTemplateList(Map.of("templateId", templateId))).get(0);
        assertThat(onPlatform.raw()).containsEntry("encrypt_fmt", "sm4").containsEntry("chksum", "true");
        assertThat(tenants.granted(t.id(), ResourceKind.TEMPLATE)).contains(templateId);
        assertThat(tenants.granted(other.id(), ResourceKind.TEMPLATE)).doesNotContain(templateId);

        assertThat(getList(t.requester(), "/templates")).filteredOn(m -> templateId.equals(m.get("templateId")))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("classification", 0)
                        .containsEntry("builtFromVm", vmId).containsEntry("encryption", "sm4"));
        assertThat(getList(t.requester(), "/templates")).extracting(m -> m.get("templateId"))
                .contains("tpl-centos7", "tpl-win2019");
        assertThat(getList(other.requester(), "/templates")).extracting(m -> m.get("templateId"))
                .doesNotContain(templateId);
        assertThat(getList(admin, "/templates")).extracting(m -> m.get("templateId")).contains(templateId);

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        assertThat(page.get("/vms").body()).contains("id=\"templates-link\"");
        assertThat(page.get("/templates").body()).contains("template-" + templateId).contains("Made from VM");
        String tab = page.get("/vms/" + vmId + "/template").body();
        assertThat(tab).contains("id=\"template-form\"").contains("made-" + templateId).contains("tab-template");
        HttpResponse<String> fromPage = page.postForm("/vms/" + vmId + "/template",
                "_csrf=" + PageClient.csrfOf(tab) + "&encryption=aes&checksum=true", "HX-Request", "true");
        assertThat(fromPage.statusCode()).isEqualTo(200);
        assertThat(fromPage.body()).contains("id=\"template-built\"").contains(templateId + "-2");
        assertThat(jdbc.sql("""
                SELECT result FROM audit_event WHERE action = 'VM_TEMPLATE_BUILD' AND target = :vm ORDER BY id""")
                .param("vm", vmId).query(String.class).list())
                .containsExactly("DENIED", "DENIED", "FAILURE", "DENIED", "DENIED", "SUCCESS", "SUCCESS");
    }

    @Test
    void aTemplateCarriesItsVmsClassificationAndHidesFromPeopleNotClearedForIt() {
        TestTenant t = newTenant();
        clearances.setCeiling(t.id(), 2);
        clearances.setClearance(t.requester(), 2);
        put(platformAdmin(t), t.code(), settings(8, true, true));
        String vmId = stoppedVm(t);
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(2).equals(vm(t.requester(), vmId).get("classification")));

        ResponseEntity<Map<String, Object>> made = build(t.requester(), vmId, null, false);
        assertThat(made.getStatusCode().value()).as("answer %s", made.getBody()).isEqualTo(201);
        String templateId = made.getBody().get("templateId").toString();
        assertThat(made.getBody()).containsEntry("classification", 2).containsEntry("checksum", false);
        assertThat(getList(t.requester(), "/templates")).filteredOn(m -> templateId.equals(m.get("templateId")))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("classification", 2));
        assertThat(getList(t.approver(), "/templates")).as("the approver's clearance is 0")
                .extracting(m -> m.get("templateId")).doesNotContain(templateId).contains("tpl-centos7");

        simulator.simulator().pauseCallbacks(true);
        assertThat(act(t.requester(), vmId, "start", null).getStatusCode().value()).isEqualTo(202);
        assertRefused(build(t.requester(), vmId, null, false), "2052");
        simulator.simulator().pauseCallbacks(false);
        awaitSettled(t.requester(), vmId, 1);
    }

    @Test
    void theVmSettingsPageShowsAndSavesForPlatformAdminsOnly() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        assertThat(get(admin, "/tenants/" + t.code() + "/vm-settings")).containsEntry("snapshotsPerVm", 8)
                .containsEntry("templateBuilds", false).containsEntry("dataDiskApproval", true);
        assertThat(status(t.requester(), "/tenants/" + t.code() + "/vm-settings")).isEqualTo(403);
        ResponseEntity<Map<String, Object>> bad = put(admin, t.code(), Map.of("snapshotsPerVm", 65));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);

        PageClient page = new PageClient(port, "en");
        page.signIn(admin, PASSWORD);
        assertThat(page.get("/admin/tenants/" + t.code()).body()).contains("vm-settings-link");
        String form = page.get("/admin/tenants/" + t.code() + "/vm-settings").body();
        assertThat(form).contains("id=\"save-vm-settings\"").contains("value=\"8\"");
        HttpResponse<String> wrong = page.postForm("/admin/tenants/" + t.code() + "/vm-settings",
                "_csrf=" + PageClient.csrfOf(form) + "&snapshotsPerVm=0&templateBuilds=true");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Enter a whole number from 1 to 64");
        HttpResponse<String> right = page.postForm("/admin/tenants/" + t.code() + "/vm-settings",
                "_csrf=" + PageClient.csrfOf(form) + "&snapshotsPerVm=12&templateBuilds=true");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("id=\"vm-settings-saved\"");
        assertThat(get(admin, "/tenants/" + t.code() + "/vm-settings")).containsEntry("snapshotsPerVm", 12)
                .containsEntry("templateBuilds", true).containsEntry("dataDiskApproval", false);

        // The department's own admin reads them, and may not change them.
        String boss = t.code() + "-boss";
        users.create(boss, PASSWORD, "部门管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        assertThat(get(boss, "/tenants/" + t.code() + "/vm-settings")).containsEntry("snapshotsPerVm", 12);
        assertThat(put(boss, t.code(), settings(8, false, true)).getStatusCode().value()).isEqualTo(403);
        PageClient bossPage = new PageClient(port, "en");
        bossPage.signIn(boss, PASSWORD);
        assertThat(bossPage.get("/admin/tenants/" + t.code()).body()).contains("tenant-vm-settings-link");
        String readOnly = bossPage.get("/admin/tenants/" + t.code() + "/vm-settings").body();
        assertThat(readOnly).contains("id=\"vm-settings-readonly\"").doesNotContain("id=\"save-vm-settings\"");
        assertThat(bossPage.postForm("/admin/tenants/" + t.code() + "/vm-settings", "_csrf="
                + PageClient.csrfOf(readOnly) + "&snapshotsPerVm=3").statusCode()).isEqualTo(403);
        assertThat(get(admin, "/tenants/" + t.code() + "/vm-settings")).containsEntry("snapshotsPerVm", 12);
        assertThat(jdbc.sql("SELECT params FROM audit_event WHERE action = 'TENANT_VM_SETTINGS_CHANGED'"
                + " AND target = :t AND result = 'SUCCESS'").param("t", "tenant:" + t.code()).query(String.class)
                .list()).containsExactly(
                        "snapshotsPerVm=12, templateBuilds=true, dataDiskApproval=false, templatesMax=10");
        assertThat(jdbc.sql("SELECT result FROM audit_event WHERE action = 'TENANT_VM_SETTINGS_CHANGED'"
                + " AND target = :t ORDER BY id").param("t", "tenant:" + t.code()).query(String.class).list())
                .as("the department admin's two refused saves are logged")
                .containsExactly("SUCCESS", "DENIED", "DENIED");
    }

    @Test
    void aTemplateOfAClassifiedVmIsNeitherOfferedNorAllowedInARequestToPeopleNotClearedForIt() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        clearances.setCeiling(t.id(), 2);
        clearances.setClearance(t.requester(), 2);
        put(platformAdmin(t), t.code(), settings(8, true, true));
        String vmId = stoppedVm(t);
        ResponseEntity<Map<String, Object>> made = build(t.requester(), vmId, null, false);
        assertThat(made.getStatusCode().value()).as("answer %s", made.getBody()).isEqualTo(201);
        String templateId = made.getBody().get("templateId").toString();
        // The spec gives a made template no level: a platform may list it lower than the VM it was made
        // from (the simulator copies the VM's, here 0). Here the VM was of level 2 when it was made.
        jdbc.sql("UPDATE vm_template SET classification = 2 WHERE template_id = :id").param("id", templateId)
                .update();
        Map<String, Object> fromTemplate = new HashMap<>(smallRequest(1));
        fromTemplate.put("templateId", templateId);

        String uncleared = t.code() + "-plain";
        users.create(uncleared, PASSWORD, "普通用户 " + t.code(), t.id(), Set.of(Role.USER));
        assertThat(offered(uncleared)).contains("tpl-centos7").doesNotContain(templateId);
        ResponseEntity<Map<String, Object>> refused = post(uncleared, "/requests", fromTemplate);
        assertThat(refused.getStatusCode().value()).as("answer %s", refused.getBody()).isEqualTo(400);
        assertThat(refused.getBody().toString()).contains("templateId");
        assertThat(offered(t.requester())).contains(templateId);
        long id = submit(t.requester(), fromTemplate);
        assertThat(jdbc.sql("SELECT classification FROM vm_request WHERE id = :id").param("id", id)
                .query(Integer.class).single()).as("a VM of this template is of level 2").isEqualTo(2);

        // Granted to another department: the same level there.
        tenants.grant(other.id(), ResourceKind.TEMPLATE, templateId);
        clearances.setCeiling(other.id(), 2);
        assertThat(offered(other.requester())).contains("tpl-centos7").doesNotContain(templateId);
        assertThat(getList(other.requester(), "/templates")).extracting(m -> m.get("templateId"))
                .contains("tpl-centos7").doesNotContain(templateId);
        assertThat(post(other.requester(), "/requests", fromTemplate).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aBuildHoldsNoLockOnTheVmWhileThePlatformCopiesAndALostAnswersTemplateIsFoundAndGranted()
            throws Exception {
        TestTenant t = newTenant();
        put(platformAdmin(t), t.code(), settings(8, true, true));
        String vmId = stoppedVm(t);
        // Longer than the portal's read time-out (10 s): the portal stops waiting, then the platform makes it.
        simulator.simulator().faults().slow("buildTemplate", Duration.ofSeconds(13), 1);
        CompletableFuture<ResponseEntity<Map<String, Object>>> building = CompletableFuture
                .supplyAsync(() -> build(t.requester(), vmId, "aes", true));
        await().atMost(PATIENCE).until(() -> !simulator.simulator().faults().view().plan().methods()
                .containsKey("buildTemplate"));

        ResponseEntity<Map<String, Object>> added = post(t.requester(), "/vms/" + vmId + "/cdroms", null);
        assertThat(added.getStatusCode().value()).as("answer %s", added.getBody()).isEqualTo(201);
        assertThat(building).as("the VM is free while the platform copies its disk").isNotDone();

        ResponseEntity<Map<String, Object>> lost = building.get(60, TimeUnit.SECONDS);
        assertThat(lost.getStatusCode().value()).as("answer %s", lost.getBody()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(30)).until(() -> getList(t.requester(), "/templates").stream()
                .anyMatch(m -> vmId.equals(m.get("builtFromVm"))));
        Map<String, Object> found = getList(t.requester(), "/templates").stream()
                .filter(m -> vmId.equals(m.get("builtFromVm"))).findFirst().orElseThrow();
        assertThat(found).containsEntry("encryption", "aes");
        assertThat(tenants.granted(t.id(), ResourceKind.TEMPLATE)).contains(found.get("templateId").toString());
        assertThat(jdbc.sql("""
                SELECT result FROM audit_event WHERE action = 'VM_TEMPLATE_BUILD' AND target = :vm ORDER BY id""")
                .param("vm", vmId).query(String.class).list()).containsExactly("FAILURE", "SUCCESS");
    }

    @SuppressWarnings("unchecked")
    private List<Object> offered(String user) {
        return ((List<Map<String, Object>>) get(user, "/catalog").get("templates")).stream()
                .map(m -> m.get("templateId")).toList();
    }

    private ResponseEntity<Map<String, Object>> build(String user, String vmId, String encryption, boolean checksum) {
        Map<String, Object> body = encryption == null ? Map.of("checksum", checksum)
                : Map.of("encryption", encryption, "checksum", checksum);
        return post(user, "/vms/" + vmId + "/template", body);
    }

    private static Map<String, Object> settings(int snapshots, boolean templates, boolean approval) {
        return Map.of("snapshotsPerVm", snapshots, "templateBuilds", templates, "dataDiskApproval", approval);
    }

    private ResponseEntity<Map<String, Object>> put(String user, String code, Map<String, Object> body) {
        return api(user).put().uri("/tenants/" + code + "/vm-settings").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JSON);
    }
}

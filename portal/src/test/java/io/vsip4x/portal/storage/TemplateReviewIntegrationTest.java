package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What testers found on templates, through the portal and the simulator over HTTP: one build per
 * VM at a time (2052 for the others), the department's limit of templates (templatesMax, on the
 * settings page and API), withdrawing a template (the platform cannot delete one: the grant is
 * taken back and the image kept), names given by the maker and shown wherever templates are
 * listed, and the units and encryption labels of the portal.
 */
class TemplateReviewIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Test
    void parallelBuildsOfOneVmMakeOneTemplateAndTheOthersAreRefusedWith2052() throws Exception {
        TestTenant t = newTenant();
        allow(t, 10);
        String vmId = stoppedVm(t);
        simulator.simulator().faults().slow("buildTemplate", Duration.ofSeconds(4), 1);
        CompletableFuture<ResponseEntity<Map<String, Object>>> first = CompletableFuture
                .supplyAsync(() -> build(t.requester(), vmId, Map.of()));
        await().atMost(PATIENCE).until(() -> !simulator.simulator().faults().view().plan().methods()
                .containsKey("buildTemplate"));

        List<CompletableFuture<ResponseEntity<Map<String, Object>>>> others = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> build(t.requester(), vmId, Map.of()))).toList();
        for (CompletableFuture<ResponseEntity<Map<String, Object>>> other : others) {
            assertThat(assertRefused(other.get(30, TimeUnit.SECONDS), "2052")).contains("is being made now");
        }
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        assertThat(page.get("/vms/" + vmId + "/template").body())
                .contains("id=\"why-template-build\" data-code=\"2052\"");
        PageClient zh = new PageClient(port, "zh");
        zh.signIn(t.requester(), PASSWORD);
        assertThat(zh.get("/vms/" + vmId + "/template").body()).contains("正在由虚拟机");

        assertThat(first.get(30, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_template WHERE vm_id = :vm").param("vm", vmId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(build(t.requester(), vmId, Map.of()).getStatusCode().value())
                .as("the next build, once the first is done").isEqualTo(201);
    }

    @Test
    void theDepartmentsLimitCountsTemplatesAndAWithdrawnTemplateLeavesTheDepartment() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        assertThat(get(admin, "/tenants/" + t.code() + "/vm-settings")).containsEntry("templatesMax", 10);
        assertThat(put(admin, t.code(), settings(1001)).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map<String, Object>> saved = put(admin, t.code(), settings(1));
        assertThat(saved.getBody()).containsEntry("templatesMax", 1);
        String vmA = stoppedVm(t);
        String vmB = stoppedVm(t);

        ResponseEntity<Map<String, Object>> made = build(t.requester(), vmA, Map.of("name", "Web base"));
        assertThat(made.getStatusCode().value()).as("answer %s", made.getBody()).isEqualTo(201);
        String templateId = made.getBody().get("templateId").toString();
        ResponseEntity<Map<String, Object>> over = build(t.requester(), vmB, Map.of());
        assertThat(over.getStatusCode().value()).as("answer %s", over.getBody()).isEqualTo(409);
        assertThat(over.getBody().get("detail").toString()).contains("has made 1 templates, the most it may");
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String tab = page.get("/vms/" + vmB + "/template").body();
        assertThat(tab).contains("id=\"template-limit\"").contains("made 1 of at most 1 templates");
        assertThat(tagOf(tab, "id=\"template-build\"")).contains("disabled");

        String colleague = t.code() + "-colleague";
        users.create(colleague, PASSWORD, "同事 " + t.code(), t.id(), Set.of(Role.USER));
        assertThat(withdraw(colleague, templateId).getStatusCode().value()).as("not the maker").isEqualTo(403);
        assertThat(withdraw(t.approver(), templateId).getStatusCode().value()).isEqualTo(403);
        TestTenant other = newTenant();
        assertThat(withdraw(other.requester(), templateId).getStatusCode().value()).isEqualTo(404);
        assertThat(withdraw(t.requester(), "tpl-centos7").getStatusCode().value())
                .as("the platform's own templates are not withdrawn from the portal").isEqualTo(404);

        String list = page.get("/templates").body();
        assertThat(list).contains("id=\"withdraw-" + templateId + "\"").contains("the platform cannot delete")
                .contains("keeps the image");
        HttpResponse<String> fromPage = page.postForm("/templates/" + templateId + "/withdraw",
                "_csrf=" + PageClient.csrfOf(list), "HX-Request", "true");
        assertThat(fromPage.statusCode()).isEqualTo(204);
        assertThat(fromPage.headers().firstValue("HX-Redirect")).hasValue("/templates?withdrawn=" + templateId);
        assertThat(tenants.granted(t.id(), ResourceKind.TEMPLATE)).doesNotContain(templateId);
        assertThat(getList(t.requester(), "/templates")).extracting(m -> m.get("templateId"))
                .doesNotContain(templateId).contains("tpl-centos7");
        assertThat(getList(admin, "/templates")).filteredOn(m -> templateId.equals(m.get("templateId")))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("withdrawn", true));
        List<TemplateInfo> onPlatform = platform.call(c -> c.searchTemplateList(Map.of("templateId", templateId)));
        assertThat(onPlatform)
                .as("the platform keeps the image").hasSize(1);
        assertThat(withdraw(admin, templateId).getStatusCode().value()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT result FROM audit_event WHERE action = 'VM_TEMPLATE_WITHDRAW'"
                + " AND target = :id ORDER BY id").param("id", templateId).query(String.class).list())
                .as("the colleague, the approver, the other department; then the maker")
                .containsExactly("DENIED", "DENIED", "DENIED", "SUCCESS");

        assertThat(build(t.requester(), vmB, Map.of()).getStatusCode().value())
                .as("a withdrawn template no longer counts").isEqualTo(201);

        // The department's admin withdraws a colleague's template.
        String boss = t.code() + "-boss";
        users.create(boss, PASSWORD, "部门管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        String second = jdbc.sql("SELECT template_id FROM vm_template WHERE vm_id = :vm").param("vm", vmB)
                .query(String.class).single();
        assertThat(withdraw(boss, second).getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void aTemplateNamedByItsMakerIsListedByThatNameEverywhereAndBadNamesAreRefused() {
        TestTenant t = newTenant();
        allow(t, 10);
        String vmId = stoppedVm(t);
        String tooLong = "x".repeat(65);
        for (String bad : List.of(tooLong, "evil\u202Egnp.exe", "two\nlines", "bell\u0007")) {
            ResponseEntity<Map<String, Object>> refused = build(t.requester(), vmId, Map.of("name", bad));
            assertThat(refused.getStatusCode().value()).as("name %s: %s", bad, refused.getBody()).isEqualTo(400);
            assertThat(refused.getBody().toString()).contains("name");
        }
        ResponseEntity<Map<String, Object>> made = build(t.requester(), vmId,
                Map.of("name", "  Web base 中文  ", "encryption", "sm4"));
        assertThat(made.getStatusCode().value()).as("answer %s", made.getBody()).isEqualTo(201);
        String templateId = made.getBody().get("templateId").toString();
        assertThat(made.getBody()).containsEntry("name", "Web base 中文");
        assertThat(getList(t.requester(), "/templates")).filteredOn(m -> templateId.equals(m.get("templateId")))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("name", "Web base 中文"));

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String list = page.get("/templates").body();
        assertThat(list).contains("Web base 中文").contains("encryption: SM4").doesNotContain("encryption: sm4")
                .contains("MiB memory").contains("GiB disk").doesNotContain(" MB memory");
        assertThat(page.get("/vms/" + vmId + "/template").body()).contains("Web base 中文").contains(">SM4<")
                .contains("id=\"template-name\"");
        assertThat(page.get("/requests/new").body()).contains("Web base 中文 (" + templateId + ")");

        Map<String, Object> fromTemplate = new HashMap<>(smallRequest(1));
        fromTemplate.put("templateId", templateId);
        long id = submit(t.requester(), fromTemplate);
        assertThat(page.get("/requests/" + id).body()).contains("Web base 中文 (" + templateId + ")");
    }

    @Test
    void theSettingsPageEditsTheLimitOfTemplates() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(admin, PASSWORD);
        String form = page.get("/admin/tenants/" + t.code() + "/vm-settings").body();
        assertThat(form).contains("id=\"templatesMax\"").contains("Templates made from VMs");
        HttpResponse<String> wrong = page.postForm("/admin/tenants/" + t.code() + "/vm-settings",
                "_csrf=" + PageClient.csrfOf(form) + "&snapshotsPerVm=8&templatesMax=many");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Enter a whole number from 0 to 1000");
        HttpResponse<String> right = page.postForm("/admin/tenants/" + t.code() + "/vm-settings",
                "_csrf=" + PageClient.csrfOf(form) + "&snapshotsPerVm=8&templateBuilds=true&templatesMax=3");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(get(admin, "/tenants/" + t.code() + "/vm-settings")).containsEntry("templatesMax", 3)
                .containsEntry("templateBuilds", true);
        assertThat(put(admin, t.code(), Map.of("snapshotsPerVm", 8, "templateBuilds", true, "dataDiskApproval",
                true)).getBody()).as("absent, the limit is kept").containsEntry("templatesMax", 3);
    }

    /** The tag holding {@code marker}, from the marker to its end. */
    static String tagOf(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as("%s in the page", marker).isNotNegative();
        return html.substring(at, html.indexOf('>', at));
    }

    private void allow(TestTenant t, int max) {
        assertThat(put(platformAdmin(t), t.code(), settings(max)).getStatusCode().value()).isEqualTo(200);
    }

    private ResponseEntity<Map<String, Object>> build(String user, String vmId, Map<String, Object> body) {
        return post(user, "/vms/" + vmId + "/template", body);
    }

    private ResponseEntity<Map<String, Object>> withdraw(String user, String templateId) {
        return api(user).delete().uri("/templates/" + templateId).retrieve().toEntity(JSON);
    }

    private static Map<String, Object> settings(int templatesMax) {
        return Map.of("snapshotsPerVm", 8, "templateBuilds", true, "dataDiskApproval", true, "templatesMax",
                templatesMax);
    }

    private ResponseEntity<Map<String, Object>> put(String user, String code, Map<String, Object> body) {
        return api(user).put().uri("/tenants/" + code + "/vm-settings").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JSON);
    }
}

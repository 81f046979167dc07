package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Classification (密级) in the catalog and on requests: the simulator's Kylin template is of
 * level 2, everything else of level 0. Nobody sees or uses what is above their clearance, and a
 * tenant's ceiling caps the clearance of its accounts.
 */
class ClearanceIntegrationTest extends PortalTestSupport {

    static final String KYLIN = "tpl-kylin10";

    @Autowired
    ClearanceSettings clearances;

    /** The test tenant at ceiling 2, with a requester and an approver cleared for level 2. */
    record Cleared(TestTenant tenant, String requester, String approver) {
    }

    Cleared clearedTenant() {
        TestTenant t = newTenant();
        clearances.setCeiling(t.id(), 2);
        String requester = t.code() + "-cleared";
        String approver = t.code() + "-cleared-approver";
        users.create(requester, PASSWORD, "密级用户 " + t.code(), t.id(), Set.of(Role.USER));
        users.create(approver, PASSWORD, "密级审批人 " + t.code(), t.id(), Set.of(Role.USER, Role.APPROVER));
        clearances.setClearance(requester, 2);
        clearances.setClearance(approver, 2);
        return new Cleared(t, requester, approver);
    }

    static Map<String, Object> kylinRequest() {
        Map<String, Object> body = new HashMap<>(smallRequest(1));
        body.put("templateId", KYLIN);
        body.put("diskGb", 60);
        return body;
    }

    @Test
    void catalogApiAndFormOfferNothingAboveTheViewersClearance() {
        Cleared c = clearedTenant();

        assertThat(templates(c.tenant().requester())).contains("tpl-centos7", "tpl-win2019").doesNotContain(KYLIN);
        assertThat(templates(c.requester())).contains("tpl-centos7", KYLIN);

        PageClient low = new PageClient(port, "en");
        low.signIn(c.tenant().requester(), PASSWORD);
        assertThat(low.get("/requests/new").body()).contains("value=\"tpl-centos7\"").doesNotContain(KYLIN);
        PageClient high = new PageClient(port, "en");
        high.signIn(c.requester(), PASSWORD);
        assertThat(high.get("/requests/new").body()).contains("value=\"" + KYLIN + "\"");
    }

    @Test
    void tenantCeilingCapsAClearedAccount() {
        TestTenant t = newTenant();
        String cleared = t.code() + "-high";
        users.create(cleared, PASSWORD, "高密级 " + t.code(), t.id(), Set.of(Role.USER));
        clearances.setClearance(cleared, 2);

        // The tenant's ceiling is still 0: a clearance of 2 does not open the Kylin template.
        assertThat(get(cleared, "/me")).containsEntry("clearance", 0);
        assertThat(templates(cleared)).contains("tpl-centos7").doesNotContain(KYLIN);
        ResponseEntity<Map<String, Object>> refused = post(cleared, "/requests", kylinRequest());
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(getList(cleared, "/requests")).isEmpty();

        clearances.setCeiling(t.id(), 1);
        assertThat(templates(cleared)).doesNotContain(KYLIN);
        clearances.setCeiling(t.id(), 2);
        assertThat(get(cleared, "/me")).containsEntry("clearance", 2);
        assertThat(templates(cleared)).contains(KYLIN);
    }

    @Test
    void submittingAboveClearanceIsRefusedAsIfTheTemplateWereUnknown() {
        Cleared c = clearedTenant();
        String low = c.tenant().requester();

        ResponseEntity<Map<String, Object>> refused = post(low, "/requests", kylinRequest());
        Map<String, Object> unknownTemplate = new HashMap<>(kylinRequest());
        unknownTemplate.put("templateId", "tpl-none");
        ResponseEntity<Map<String, Object>> unknown = post(low, "/requests", unknownTemplate);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("errors")).isEqualTo(unknown.getBody().get("errors"))
                .isEqualTo(Map.of("templateId", "This template does not exist or is not open to your department."));
        assertThat(getList(low, "/requests")).isEmpty();

        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(low, PASSWORD);
        String token = PageClient.csrfOf(page.get("/requests/new").body());
        HttpResponse<String> form = page.postForm("/requests", "templateId=" + KYLIN + "&repoName=pool-prod"
                + "&network=vnet-office&cpu=2&memoryMb=2048&diskGb=60&count=1&reason=x&powerOn=true&_csrf=" + token);
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("id=\"templateId-error\"").contains("该模板不存在或未向您的部门开放。");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", c.tenant().id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void requestCarriesTheHighestLevelOfItsTemplateAndPool() {
        Cleared c = clearedTenant();
        long kylin = submit(c.requester(), kylinRequest());
        long centos = submit(c.requester(), smallRequest(1));

        assertThat(classification(kylin)).isEqualTo(2);
        assertThat(classification(centos)).isZero();
    }

    @Test
    void approversSeeAndDecideOnlyRequestsWithinTheirClearance() {
        Cleared c = clearedTenant();
        String lowApprover = c.tenant().approver();
        long kylin = submit(c.requester(), kylinRequest());
        long centos = submit(c.requester(), smallRequest(1));

        assertThat(ids(getList(lowApprover, "/approvals"))).contains(centos).doesNotContain(kylin);
        assertThat(status(lowApprover, "/requests/" + kylin)).isEqualTo(404);
        assertThat(post(lowApprover, "/requests/" + kylin + "/approve", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post(lowApprover, "/requests/" + kylin + "/reject", Map.of("reason", "不行"))
                .getStatusCode().value()).isEqualTo(404);
        PageClient lowPage = new PageClient(port, "en");
        lowPage.signIn(lowApprover, PASSWORD);
        String queue = lowPage.get("/approvals").body();
        assertThat(queue).contains("/requests/" + centos + "\"").doesNotContain("/requests/" + kylin + "\"");
        String token = PageClient.csrfOf(queue);
        assertThat(lowPage.postForm("/approvals/" + kylin + "/approve", "_csrf=" + token).statusCode())
                .isEqualTo(404);
        assertThat(lowPage.get("/requests/" + kylin).statusCode()).isEqualTo(404);
        assertThat(request(c.requester(), kylin)).containsEntry("state", "PENDING");

        assertThat(ids(getList(c.approver(), "/approvals"))).contains(centos, kylin);
        PageClient highPage = new PageClient(port, "en");
        highPage.signIn(c.approver(), PASSWORD);
        assertThat(highPage.get("/approvals").body()).contains("/requests/" + kylin + "\"");
        ResponseEntity<Map<String, Object>> approved = post(c.approver(), "/requests/" + kylin + "/approve", null);
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody()).containsEntry("state", "APPROVED");
    }

    @Test
    void requestsAboveTheRequestersClearanceLeaveTheirListsOnceItIsLowered() {
        Cleared c = clearedTenant();
        long kylin = submit(c.requester(), kylinRequest());
        long centos = submit(c.requester(), smallRequest(1));
        assertThat(ids(getList(c.requester(), "/requests"))).contains(kylin, centos);

        clearances.setClearance(c.requester(), 0);

        assertThat(ids(getList(c.requester(), "/requests"))).contains(centos).doesNotContain(kylin);
        assertThat(status(c.requester(), "/requests/" + kylin)).isEqualTo(404);
        assertThat(status(c.requester(), "/requests/" + centos)).isEqualTo(200);
        PageClient page = new PageClient(port, "en");
        page.signIn(c.requester(), PASSWORD);
        assertThat(page.get("/requests").body()).contains("/requests/" + centos + "\"")
                .doesNotContain("/requests/" + kylin + "\"");
        assertThat(page.get("/requests/" + kylin).statusCode()).isEqualTo(404);

        // A platform admin sees every tenant's requests, but not above their own clearance.
        String operator = c.tenant().code() + "-ops";
        users.create(operator, PASSWORD, "运维 " + c.tenant().code(), null, Set.of(Role.PLATFORM_ADMIN));
        assertThat(status(operator, "/requests/" + kylin)).isEqualTo(404);
        assertThat(status(operator, "/requests/" + centos)).isEqualTo(200);
        clearances.setClearance(operator, 2);
        assertThat(status(operator, "/requests/" + kylin)).isEqualTo(200);
    }

    @Test
    void demoDepartmentOpensTheKylinTemplateToBobButNotToAlice() {
        assertThat(demoTemplates("alice")).contains("tpl-centos7").doesNotContain(KYLIN);
        assertThat(demoTemplates("bob")).contains("tpl-centos7", KYLIN);
    }

    private List<String> templates(String user) {
        return templateIds(get(user, "/catalog"));
    }

    private List<String> demoTemplates(String user) {
        Map<String, Object> catalog = RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> h.setBasicAuth(user, "demo1234")).build()
                .get().uri("/catalog").retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        return templateIds(catalog);
    }

    @SuppressWarnings("unchecked")
    private static List<String> templateIds(Map<String, Object> catalog) {
        List<Map<String, Object>> offered = (List<Map<String, Object>>) catalog.get("templates");
        return offered.stream().map(t -> t.get("templateId").toString()).toList();
    }

    private int classification(long requestId) {
        return jdbc.sql("SELECT classification FROM vm_request WHERE id = :id").param("id", requestId)
                .query(Integer.class).single();
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}

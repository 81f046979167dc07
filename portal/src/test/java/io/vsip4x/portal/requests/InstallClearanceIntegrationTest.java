package io.vsip4x.portal.requests;

import static io.vsip4x.portal.requests.InstallRequestIntegrationTest.CENTOS_ISO;
import static io.vsip4x.portal.requests.InstallRequestIntegrationTest.KYLIN_ISO;
import static io.vsip4x.portal.requests.InstallRequestIntegrationTest.installRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.CatalogService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Classification (密级) of installations from an ISO image: the simulator's test pool, which holds
 * its Kylin image, is made to report level 2 ({@code setPoolClassification}). Someone not cleared
 * for it is neither offered nor allowed that pool or image; a cleared requester is, and the request
 * carries the level, so that only cleared approvers see and decide it.
 */
class InstallClearanceIntegrationTest extends PortalTestSupport {

    @Autowired
    ClearanceSettings clearances;
    @Autowired
    CatalogService catalog;

    @BeforeEach
    void testPoolOfLevelTwo() {
        simulator.simulator().setPoolClassification("pool-test", 2L);
        catalog.forget();
    }

    @AfterEach
    void testPoolAsSeeded() {
        simulator.simulator().setPoolClassification("pool-test", null);
        catalog.forget();
    }

    /** An installation of the Kylin image in the test pool. */
    private static Map<String, Object> kylinInstall() {
        Map<String, Object> body = installRequest("imageId", KYLIN_ISO);
        body.put("repoName", "pool-test");
        return body;
    }

    @Test
    void unclearedRequesterIsNeitherOfferedNorAllowedTheImageOrPoolAboveTheirClearance() {
        TestTenant t = newTenant();
        clearances.setCeiling(t.id(), 2);
        String low = t.requester();

        assertThat(getList(low, "/catalog/images")).extracting(i -> i.get("imageId"))
                .contains(CENTOS_ISO).doesNotContain(KYLIN_ISO);
        PageClient page = new PageClient(port, "en");
        page.signIn(low, PASSWORD);
        String form = page.get("/requests/new").body();
        assertThat(form).contains("value=\"" + CENTOS_ISO + "\"").doesNotContain(KYLIN_ISO)
                .contains("value=\"pool-prod\"").doesNotContain("value=\"pool-test\"");

        ResponseEntity<Map<String, Object>> refused = post(low, "/requests", kylinInstall());
        assertThat(refused.getStatusCode().value()).as("answer %s", refused.getBody()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) refused.getBody().get("errors");
        assertThat(errors).containsEntry("imageId", "There is no such image, or you may not use it.")
                .containsKey("repoName");
        HttpResponse<String> onPage = page.postForm("/requests", "kind=INSTALL&imageId=" + KYLIN_ISO
                + "&repoName=pool-test&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40&count=1&powerOn=true"
                + "&osBits=&osType=&reason=iso&_csrf=" + PageClient.enc(PageClient.csrfOf(form)));
        assertThat(onPage.statusCode()).isEqualTo(400);
        assertThat(onPage.body()).contains("id=\"imageId-error\"").contains("id=\"repoName-error\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).isZero();

        // A request sent back cannot be moved into that pool either.
        long id = submit(low, installRequest());
        post(t.approver(), "/requests/" + id + "/changes", Map.of("reason", "别处"));
        ResponseEntity<Map<String, Object>> moved = post(low, "/requests/" + id + "/resubmit", kylinInstall());
        assertThat(moved.getStatusCode().value()).as("answer %s", moved.getBody()).isEqualTo(400);
        assertThat(request(low, id)).containsEntry("imageId", CENTOS_ISO).containsEntry("state", "CHANGES_REQUESTED");
    }

    @Test
    void clearedRequesterInstallsFromTheImageAndOnlyClearedApproversDecide() {
        TestTenant t = newTenant();
        clearances.setCeiling(t.id(), 2);
        String high = t.code() + "-cleared";
        String highApprover = t.code() + "-cleared-approver";
        users.create(high, PASSWORD, "密级用户 " + t.code(), t.id(), Set.of(Role.USER));
        users.create(highApprover, PASSWORD, "密级审批人 " + t.code(), t.id(), Set.of(Role.USER, Role.APPROVER));
        clearances.setClearance(high, 2);
        clearances.setClearance(highApprover, 2);

        assertThat(getList(high, "/catalog/images")).extracting(i -> i.get("imageId")).contains(KYLIN_ISO);
        long id = submit(high, kylinInstall());
        assertThat(jdbc.sql("SELECT classification FROM vm_request WHERE id = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(2);

        assertThat(getList(t.approver(), "/approvals")).extracting(r -> ((Number) r.get("id")).longValue())
                .doesNotContain(id);
        assertThat(status(t.approver(), "/requests/" + id)).isEqualTo(404);
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post(t.approver(), "/requests/" + id + "/changes", Map.of("reason", "x")).getStatusCode()
                .value()).isEqualTo(404);

        ResponseEntity<Map<String, Object>> approved = post(highApprover, "/requests/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).as("answer %s", approved.getBody()).isEqualTo(200);
        assertThat(approved.getBody().get("codes")).isEqualTo(List.of("2100"));
    }
}

package io.vsip4x.portal.requests;

import static io.vsip4x.portal.requests.InstallRequestIntegrationTest.CENTOS_ISO;
import static io.vsip4x.portal.requests.InstallRequestIntegrationTest.KYLIN_ISO;
import static io.vsip4x.portal.requests.InstallRequestIntegrationTest.installRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * An installation from an ISO image is approved like new VMs: an approver may send it back for
 * changes, its requester edits and submits it again (page and API, checked as an installation),
 * and the approver's queue shows the platform's room for it, asked by shape and pool. Against
 * MariaDB and the simulator over HTTP.
 */
class InstallChangesIntegrationTest extends PortalTestSupport {

    @Test
    void approverSendsAnInstallationBackAndTheRequesterResubmitsItThroughTheApi() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), installRequest());

        ResponseEntity<Map<String, Object>> sentBack = post(t.approver(), "/requests/" + id + "/changes",
                Map.of("reason", "换测试池的麒麟光盘"));
        assertThat(sentBack.getStatusCode().value()).as("answer %s", sentBack.getBody()).isEqualTo(200);
        assertThat(sentBack.getBody()).containsEntry("state", "CHANGES_REQUESTED").containsEntry("kind", "INSTALL");

        // Checked as an installation: the image must be in the pool asked for, one VM only.
        Map<String, Object> wrongPool = installRequest("imageId", KYLIN_ISO);
        ResponseEntity<Map<String, Object>> refused = post(t.requester(), "/requests/" + id + "/resubmit", wrongPool);
        assertThat(refused.getStatusCode().value()).as("answer %s", refused.getBody()).isEqualTo(400);
        assertThat(errors(refused).get("imageId")).contains("not in the pool");
        assertThat(errors(post(t.requester(), "/requests/" + id + "/resubmit", installRequest("count", 2))))
                .containsEntry("count", "An installation from an image makes one VM at a time.");
        Map<String, Object> asTemplate = installRequest("kind", "CREATE");
        asTemplate.put("templateId", "tpl-centos7");
        assertThat(errors(post(t.requester(), "/requests/" + id + "/resubmit", asTemplate))).containsKey("kind");
        assertThat(request(t.requester(), id)).containsEntry("state", "CHANGES_REQUESTED")
                .containsEntry("imageId", CENTOS_ISO);

        Map<String, Object> edited = installRequest("imageId", KYLIN_ISO);
        edited.remove("kind");
        edited.put("repoName", "pool-test");
        edited.put("osBits", "64");
        edited.put("reason", "改用麒麟");
        ResponseEntity<Map<String, Object>> again = post(t.requester(), "/requests/" + id + "/resubmit", edited);
        assertThat(again.getStatusCode().value()).as("answer %s", again.getBody()).isEqualTo(200);
        assertThat(again.getBody()).containsEntry("state", "PENDING").containsEntry("kind", "INSTALL")
                .containsEntry("imageId", KYLIN_ISO).containsEntry("repoName", "pool-test")
                .containsEntry("osBits", "64").containsEntry("count", 1).containsEntry("reason", "改用麒麟");
        assertThat(again.getBody().get("templateId")).isNull();
        assertThat(jdbc.sql("SELECT params FROM audit_event WHERE target = :r AND action = 'REQUEST_RESUBMIT'")
                .param("r", "request:" + id).query(String.class).single()).contains(KYLIN_ISO);

        ResponseEntity<Map<String, Object>> approved = post(t.approver(), "/requests/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).as("answer %s", approved.getBody()).isEqualTo(200);
        await(t.requester(), id, "COMPLETED");
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        assertThat(simulator.simulator().vm(vmId).orElseThrow().poolId()).isEqualTo("pool-test");
    }

    @Test
    void pagesOfferAskingForChangesAndEditingAnInstallationWithItsImage() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), installRequest());

        PageClient approver = new PageClient(port, "en");
        approver.signIn(t.approver(), PASSWORD);
        String shown = approver.get("/requests/" + id).body();
        String approverToken = PageClient.enc(PageClient.csrfOf(shown));
        assertThat(shown).contains("id=\"ask-changes-form\"");
        HttpResponse<String> asked = approver.postForm("/approvals/" + id + "/changes",
                "reason=" + PageClient.enc("use the test pool") + "&version="
                        + request(t.requester(), id).get("version") + "&_csrf=" + approverToken);
        assertThat(asked.statusCode()).isLessThan(400);
        assertThat(request(t.requester(), id)).containsEntry("state", "CHANGES_REQUESTED");

        PageClient requester = new PageClient(port, "en");
        requester.signIn(t.requester(), PASSWORD);
        assertThat(requester.get("/requests/" + id).body()).contains("id=\"edit-request\"");
        String form = requester.get("/requests/" + id + "/edit").body();
        String token = PageClient.enc(PageClient.csrfOf(form));
        assertThat(form).contains("<details class=\"advanced\" id=\"install-options\" open")
                .containsPattern("<option value=\"" + CENTOS_ISO + "\"[^>]*selected");
        int version = ((Number) request(t.requester(), id).get("version")).intValue();
        HttpResponse<String> wrong = requester.postForm("/requests/" + id + "/resubmit", "kind=INSTALL&imageId="
                + KYLIN_ISO + "&repoName=pool-prod&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40&count=1"
                + "&powerOn=true&osBits=&osType=&reason=iso&version=" + version + "&_csrf=" + token);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"imageId-error\"").contains("not in the pool");

        HttpResponse<String> page = requester.postForm("/requests/" + id + "/resubmit", "kind=INSTALL&imageId="
                + KYLIN_ISO + "&templateId=&repoName=pool-test&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40"
                + "&count=1&powerOn=true&osBits=&osType=&reason=" + PageClient.enc("test pool") + "&version="
                + version + "&_csrf=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/requests/" + id);
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING").containsEntry("imageId", KYLIN_ISO)
                .containsEntry("repoName", "pool-test");
    }

    @Test
    void queueShowsThePlatformsRoomForAnInstallationByShapeAndPool() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), installRequest());

        Map<String, Object> item = queued(t.approver(), id);
        assertThat(item).containsEntry("capacityKnown", true).containsEntry("capacitySatisfied", true)
                .containsEntry("capacityBasis", "SHAPE");
        assertThat(((Number) item.get("capacityAvailable")).longValue()).isPositive();
        PageClient approver = new PageClient(port, "en");
        approver.signIn(t.approver(), PASSWORD);
        assertThat(approver.get("/approvals").body()).contains("enough room (for ")
                .contains("based on the shape and pool (an installation has no template)");

        // The simulator's production pool made full: the figure follows the platform.
        simulator.simulator().setCapacityExhausted("pool-prod", true);
        try {
            TestTenant other = newTenant();
            long full = submit(other.requester(), installRequest("cpu", 3));
            assertThat(queued(other.approver(), full)).containsEntry("capacityKnown", true)
                    .containsEntry("capacitySatisfied", false).containsEntry("capacityAvailable", 0);
        } finally {
            simulator.simulator().setCapacityExhausted("pool-prod", false);
        }
    }

    private Map<String, Object> queued(String approver, long id) {
        return getList(approver, "/approvals?kind=INSTALL").stream()
                .filter(r -> ((Number) r.get("id")).longValue() == id).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        return (Map<String, String>) answer.getBody().get("errors");
    }

    private void await(String user, long id, String state) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> state.equals(request(user, id).get("state")));
    }
}

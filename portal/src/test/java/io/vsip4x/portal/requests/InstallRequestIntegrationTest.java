package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.tenancy.Quota;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Installing a VM from an ISO image (request kind INSTALL, {@code installVm}) through the API and
 * the pages, against MariaDB and the simulator over HTTP. The simulator's CentOS image lives in
 * the production pool, its Kylin image in the test pool.
 */
class InstallRequestIntegrationTest extends PortalTestSupport {

    static final String CENTOS_ISO = "iso-centos7";
    static final String KYLIN_ISO = "iso-kylin10";

    /** An installation of one small VM from the CentOS image in the production pool. */
    static Map<String, Object> installRequest() {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "INSTALL");
        body.put("imageId", CENTOS_ISO);
        body.put("repoName", "pool-prod");
        body.put("cpu", 2);
        body.put("memoryMb", 2048);
        body.put("diskGb", 40);
        body.put("network", "vnet-office");
        body.put("reason", "从光盘安装");
        return body;
    }

    static Map<String, Object> installRequest(String key, Object value) {
        Map<String, Object> body = installRequest();
        body.put(key, value);
        return body;
    }

    @Test
    void installationIsApprovedLikeANewVmThenInstalledStartedAndShownLikeAnyOther() {
        TestTenant t = newTenant();
        Map<String, Object> body = installRequest();
        body.put("osType", "CentOS 7");
        body.put("osBits", "64");
        ResponseEntity<Map<String, Object>> created = post(t.requester(), "/requests", body);
        assertThat(created.getStatusCode().value()).as("answer %s", created.getBody()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("kind", "INSTALL").containsEntry("imageId", CENTOS_ISO)
                .containsEntry("osType", "CentOS 7").containsEntry("osBits", "64").containsEntry("count", 1)
                .containsEntry("state", "PENDING");
        assertThat(created.getBody().get("templateId")).isNull();
        long id = ((Number) created.getBody().get("id")).longValue();

        List<Map<String, Object>> queue = getList(t.approver(), "/approvals?kind=INSTALL");
        assertThat(queue).extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(id);

        ResponseEntity<Map<String, Object>> approved = post(t.approver(), "/requests/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).as("answer %s", approved.getBody()).isEqualTo(200);
        assertThat(approved.getBody().get("codes")).isEqualTo(List.of("2100"));

        Map<String, Object> done = awaitRequest(t.requester(), id, "COMPLETED");
        List<?> vmIds = (List<?>) done.get("vmIds");
        assertThat(vmIds).hasSize(1);
        String vmId = vmIds.get(0).toString();
        awaitStatus(t.requester(), vmId, 1);
        Map<String, Object> vm = vm(t.requester(), vmId);
        assertThat(vm).containsEntry("statusText", "Running").containsEntry("name", t.code() + "-r" + id + "-1")
                .containsEntry("templateId", CENTOS_ISO).containsEntry("cpu", 2).containsEntry("memoryMb", 2048);
        assertThat(simulator.simulator().vm(vmId)).isPresent();
        assertThat(simulator.simulator().vm(vmId).orElseThrow().poolId()).isEqualTo("pool-prod");

        assertThat(jdbc.sql("SELECT state FROM operation WHERE request_id = :id AND kind = 'INSTALL_VM'")
                .param("id", id).query(String.class).single()).isEqualTo("DONE");
        List<String> actions = jdbc.sql("SELECT action FROM audit_event WHERE target IN (:a, :b) ORDER BY id")
                .param("a", "request:" + id).param("b", vmId).query(String.class).list();
        assertThat(actions).contains("REQUEST_SUBMIT", "REQUEST_APPROVE", "PLATFORM_installVm", "REQUEST_CREATED",
                "VM_STATE", "PLATFORM_startVm");
        assertThat(jdbc.sql("SELECT params FROM audit_event WHERE target = :r AND action = 'REQUEST_SUBMIT'")
                .param("r", "request:" + id).query(String.class).single()).contains(CENTOS_ISO);
    }

    @Test
    void quotaIsCheckedAtSubmissionAndEnforcedAtApproval() {
        TestTenant t = newTenant(new Quota(4, 4096, 100, 1));

        ResponseEntity<Map<String, Object>> tooBig = post(t.requester(), "/requests", installRequest("cpu", 6));
        assertThat(tooBig.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(tooBig)).containsKey("cpu");
        assertThat(errors(tooBig).get("cpu")).contains("4");

        long first = submit(t.requester(), installRequest());
        long second = submit(t.requester(), installRequest());
        assertThat(post(t.approver(), "/requests/" + first + "/approve", null).getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<Map<String, Object>> over = post(t.approver(), "/requests/" + second + "/approve", null);
        assertThat(over.getStatusCode().value()).as("answer %s", over.getBody()).isEqualTo(409);
        assertThat(request(t.requester(), second)).containsEntry("state", "PENDING");
        assertThat((List<?>) request(t.requester(), second).get("vmIds")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operation WHERE request_id = :id").param("id", second)
                .query(Integer.class).single()).isZero();
        awaitRequest(t.requester(), first, "COMPLETED");
    }

    @Test
    void badImageShapeAndOsAreRefusedFieldByFieldAndNothingIsSaved() {
        TestTenant t = newTenant();

        assertThat(errors(post(t.requester(), "/requests", installRequest("imageId", "iso-nope"))))
                .containsEntry("imageId", "There is no such image, or you may not use it.");
        assertThat(errors(post(t.requester(), "/requests", installRequest("imageId", KYLIN_ISO))).get("imageId"))
                .contains("Kylin-Server-V10-SP3-x86_64.iso").contains("not in the pool");
        assertThat(errors(post(t.requester(), "/requests", installRequest("imageId", " "))))
                .containsEntry("imageId", "This field is required.");

        Map<String, Object> shape = installRequest();
        shape.put("cpu", 17);
        shape.put("memoryMb", 1000);
        shape.put("diskGb", 3000);
        shape.put("count", 2);
        shape.put("osBits", "128");
        shape.put("osType", "Linux;rm -rf");
        Map<String, String> problems = errors(post(t.requester(), "/requests", shape));
        assertThat(problems).containsKeys("cpu", "memoryMb", "diskGb", "osBits", "osType");
        assertThat(problems.get("cpu")).contains("16");
        assertThat(problems.get("diskGb")).contains("2048");
        assertThat(errors(post(t.requester(), "/requests", installRequest("count", 2))))
                .containsEntry("count", "An installation from an image makes one VM at a time.");
        assertThat(errors(post(t.requester(), "/requests", installRequest("kind", "RESIZE"))))
                .containsKey("kind");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void imagesPoolsAndNetworksOfOtherTenantsAreNeitherOfferedNorAccepted() {
        TestTenant t = newTenant();
        TestTenant narrow = newTenant();
        jdbc.sql("DELETE FROM tenant_resource WHERE tenant_id = :t AND kind = 'POOL' AND resource_id = 'pool-test'")
                .param("t", narrow.id()).update();

        assertThat(getList(t.requester(), "/catalog/images")).extracting(i -> i.get("imageId"))
                .contains(CENTOS_ISO, KYLIN_ISO);
        List<Map<String, Object>> offered = getList(narrow.requester(), "/catalog/images");
        assertThat(offered).extracting(i -> i.get("imageId")).contains(CENTOS_ISO).doesNotContain(KYLIN_ISO);

        Map<String, Object> kylin = installRequest("imageId", KYLIN_ISO);
        kylin.put("repoName", "pool-test");
        Map<String, String> refused = errors(post(narrow.requester(), "/requests", kylin));
        assertThat(refused).containsEntry("imageId", "There is no such image, or you may not use it.")
                .containsKey("repoName");
        assertThat(errors(post(narrow.requester(), "/requests", installRequest("network", "vnet-lab"))))
                .containsKey("network");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", narrow.id())
                .query(Integer.class).single()).isZero();

        long id = submit(t.requester(), kylin);
        assertThat(status(narrow.requester(), "/requests/" + id)).isEqualTo(404);
        assertThat(post(narrow.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(getList(narrow.approver(), "/approvals")).extracting(r -> ((Number) r.get("id")).longValue())
                .doesNotContain(id);
    }

    @Test
    void platformWithoutRoomEndsTheRequestWith2101AndReleasesTheReservation() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), installRequest());
        simulator.simulator().faults().answer("installVm", "2002", 1);

        post(t.approver(), "/requests/" + id + "/approve", null);
        Map<String, Object> request = awaitRequest(t.requester(), id, "INSUFFICIENT");

        assertThat(request.get("codes")).isEqualTo(List.of("2100", "2101"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE request_id = :id AND lifecycle = 'PENDING'")
                .param("id", id).query(Integer.class).single()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> used = (Map<String, Object>) get(t.requester(), "/catalog").get("used");
        assertThat(used).containsEntry("vms", 0);
    }

    @Test
    void newRequestPageOffersTheAdvancedOptionAndSubmitsAnInstallation() {
        TestTenant t = newTenant();
        PageClient en = new PageClient(port, "en");
        en.signIn(t.requester(), PASSWORD);
        String form = en.get("/requests/new").body();
        assertThat(form).contains("id=\"install-options\"").contains("Advanced: install from an ISO image")
                .contains("value=\"" + CENTOS_ISO + "\"").contains("CentOS-7-x86_64-DVD-2009.iso");
        String token = PageClient.csrfOf(form);

        HttpResponse<String> wrong = en.postForm("/requests", "kind=INSTALL&imageId=" + KYLIN_ISO
                + "&repoName=pool-prod&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40&count=1&powerOn=true"
                + "&osBits=&osType=&reason=iso&_csrf=" + token);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"imageId-error\"").contains("not in the pool")
                .contains("<details class=\"advanced\" id=\"install-options\" open");

        HttpResponse<String> page = en.postForm("/requests", "kind=INSTALL&imageId=" + CENTOS_ISO
                + "&templateId=&repoName=pool-prod&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40&count=1"
                + "&powerOn=true&osBits=64&osType=&reason=" + PageClient.enc("光盘安装") + "&_csrf=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).startsWith("/requests/");
        assertThat(page.body()).contains("Install from image").contains("id=\"request-image\"")
                .contains(CENTOS_ISO).contains("type as the image, bits 64");
        assertThat(en.get("/requests").body()).contains("Image " + CENTOS_ISO).contains("Install from image");

        PageClient approver = new PageClient(port, "en");
        approver.signIn(t.approver(), PASSWORD);
        assertThat(approver.get("/approvals").body()).contains("Image " + CENTOS_ISO);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        return (Map<String, String>) answer.getBody().get("errors");
    }

    private Map<String, Object> awaitRequest(String user, long id, String state) {
        await().atMost(PATIENCE).until(() -> state.equals(request(user, id).get("state")));
        return request(user, id);
    }

    private void awaitStatus(String user, String vmId, int status) {
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(user, vmId);
            return Integer.valueOf(status).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
    }
}

package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * A person's own caps bind new VMs as the department's quota does: at submission through the
 * API and the form, and at resubmission, with the numbers left; the form shows what is left to
 * them.
 */
class PersonalCapIntegrationTest extends PortalTestSupport {

    @Test
    void newVmsBeyondThePersonalCapAreRefusedWithTheNumbersThroughTheApi() {
        TestTenant t = newTenant();
        capRequester(t, 4, 1);

        Map<String, String> errors = errors(post(t.requester(), "/requests", shape(4, 2)));

        assertThat(errors).containsEntry("cpu", "Beyond your personal cap: 4 vCPU left.")
                .containsEntry("count", "Beyond your personal cap: 1 more VMs are allowed.");
        assertThat(errors).doesNotContainKey("memoryMb");
        assertThat(requestCount(t)).isZero();
        Map<?, ?> left = (Map<?, ?>) get(t.requester(), "/catalog").get("left");
        assertThat(left.get("cpu")).isEqualTo(4);
        assertThat(left.get("vms")).isEqualTo(1);
        assertThat(left.get("memoryMb")).as("no cap of their own: the department's").isEqualTo(64 * 1024);
        assertThat(((Map<?, ?>) get(t.approver(), "/catalog").get("left")).get("cpu"))
                .as("a colleague without a cap").isEqualTo(32);

        submit(t.requester(), shape(4, 1));
    }

    @Test
    void theFormShowsAndEnforcesThePersonalCap() {
        TestTenant t = newTenant();
        capRequester(t, 2, 5);
        PageClient en = new PageClient(port, "en");
        en.signIn(t.requester(), PASSWORD);
        String form = en.get("/requests/new").body();
        assertThat(form).contains("You may still ask for (within your department quota and personal cap) "
                + "2 vCPU, 64 GiB memory, 1000 GiB disk and 5 VMs");

        HttpResponse<String> refused = en.postForm("/requests", "templateId=tpl-centos7&repoName=pool-prod"
                + "&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40&count=2&powerOn=false&reason=cap"
                + "&_csrf=" + PageClient.csrfOf(form));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"cpu-error\"").contains("Beyond your personal cap: 2 vCPU left.");
        assertThat(requestCount(t)).isZero();
    }

    @Test
    void resubmissionIsCheckedAgainstThePersonalCap() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), shape(4, 1));
        assertThat(post(t.approver(), "/requests/" + id + "/changes", Map.of("reason", "少要一点"))
                .getStatusCode().value()).isEqualTo(200);
        capRequester(t, 2, 5);

        ResponseEntity<Map<String, Object>> refused = post(t.requester(), "/requests/" + id + "/resubmit",
                shape(4, 1));

        assertThat(errors(refused)).containsEntry("cpu", "Beyond your personal cap: 2 vCPU left.");
        assertThat(request(t.requester(), id)).containsEntry("state", "CHANGES_REQUESTED").containsEntry("cpu", 4);
        Map<String, Object> smaller = shape(2, 1);
        smaller.put("leaseDays", 14);
        ResponseEntity<Map<String, Object>> fits = post(t.requester(), "/requests/" + id + "/resubmit", smaller);
        assertThat(fits.getStatusCode().value()).isEqualTo(200);
        assertThat(fits.getBody()).containsEntry("state", "PENDING").containsEntry("cpu", 2)
                .as("the lease chosen on the edited request").containsEntry("leaseDays", 14);
    }

    private void capRequester(TestTenant t, int cpu, int vms) {
        jdbc.sql("""
                INSERT INTO user_quota (user_id, cpu, vms)
                SELECT id, :cpu, :vms FROM app_user WHERE username = :u""")
                .param("cpu", cpu).param("vms", vms).param("u", t.requester()).update();
    }

    private static Map<String, Object> shape(int cpu, int count) {
        Map<String, Object> body = new HashMap<>(smallRequest(count));
        body.put("cpu", cpu);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        return (Map<String, String>) answer.getBody().get("errors");
    }

    private int requestCount(TestTenant t) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single();
    }
}

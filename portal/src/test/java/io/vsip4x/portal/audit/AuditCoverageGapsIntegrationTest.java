package io.vsip4x.portal.audit;

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
import org.springframework.http.MediaType;

/**
 * The gaps a review found in what the operation log records: refusals over quota, the tenant of
 * the platform's events and of refused sign-ins, the outcome of a person's own action in its
 * detail, time zone choices and the reasons of refused password changes.
 */
class AuditCoverageGapsIntegrationTest extends PortalTestSupport {

    @Test
    void aRequestOverQuotaIsOneDeniedEventFromTheApiAndTheForm() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 1));

        assertThat(post(t.requester(), "/requests", smallRequest(2)).getStatusCode().value()).isEqualTo(400);
        PageClient browser = new PageClient(port, "en");
        browser.signIn(t.requester(), PASSWORD);
        String csrf = PageClient.csrfOf(browser.get("/requests/new").body());
        String form = "templateId=tpl-centos7&repoName=pool-prod&cpu=2&memoryMb=2048&diskGb=40&network=vnet-office"
                + "&reason=" + PageClient.enc("集成测试") + "&_csrf=" + PageClient.enc(csrf);
        assertThat(browser.postForm("/requests", form + "&count=3").statusCode()).isEqualTo(400);
        // Bad input is no refusal: a blank count writes nothing.
        assertThat(browser.postForm("/requests", form + "&count=").statusCode()).isEqualTo(400);
        Map<String, Object> blank = new HashMap<>(smallRequest(1));
        blank.put("templateId", "");
        assertThat(post(t.requester(), "/requests", blank).getStatusCode().value()).isEqualTo(400);

        List<Map<String, Object>> events = events("actor = :v AND action = 'REQUEST_SUBMIT'", t.requester());
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e)
                .containsEntry("result", "DENIED").containsEntry("code", "QUOTA")
                .containsEntry("tenant_code", t.code()).containsEntry("target_type", "REQUEST")
                .containsEntry("message", "count: request.error.quotaVms"));
        assertThat(events).extracting(e -> String.valueOf(e.get("params")))
                .allSatisfy(p -> assertThat(p).contains("template=tpl-centos7", "cpu=2", "memoryMb=2048"))
                .anySatisfy(p -> assertThat(p).contains("count=2"))
                .anySatisfy(p -> assertThat(p).contains("count=3"));
    }

    @Test
    void everyEventOfAVmStartCarriesTheTenantAndItsRequesterSeesThemAll() {
        TestTenant t = newTenant();
        long request = submit(t.requester(), smallRequest(1));
        assertThat(post(t.approver(), "/requests/" + request + "/approve", null).getStatusCode().value())
                .isEqualTo(200);
        String vmId = awaitVm(t, request);
        awaitIdle(t, vmId, 1);
        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitIdle(t, vmId, 0);

        assertThat(post(t.requester(), "/vms/" + vmId + "/start", null).getStatusCode().value()).isEqualTo(202);
        Map<String, Object> start = events("actor = :v AND action = 'VM_START'", t.requester()).get(0);
        String correlation = (String) start.get("correlation_id");
        await().atMost(PATIENCE).until(() -> !events("correlation_id = :v AND action = 'OPERATION_SUCCEEDED'",
                correlation).isEmpty() && !events("correlation_id = :v AND action = 'VM_STATE'", correlation)
                .isEmpty());

        List<Map<String, Object>> correlated = events("correlation_id = :v", correlation);
        assertThat(correlated).extracting(e -> e.get("action")).contains("VM_START", "PLATFORM_startVm",
                "CALLBACK_APPLIED", "VM_STATE", "OPERATION_SUCCEEDED");
        assertThat(correlated).allSatisfy(e -> assertThat(e).as("event %s", e.get("action"))
                .containsEntry("tenant_code", t.code()));

        Map<String, Object> detail = get(t.requester(), "/audit/events/" + start.get("id"));
        assertThat(detail).as("detail answer").containsKey("correlated");
        List<Object> shown = ((List<?>) detail.get("correlated")).stream()
                .map(e -> ((Map<?, ?>) e).get("action")).map(Object.class::cast).toList();
        assertThat(shown).contains("VM_START", "PLATFORM_startVm", "CALLBACK_APPLIED", "OPERATION_SUCCEEDED");
        Object outcome = events("correlation_id = :v AND action = 'OPERATION_SUCCEEDED'", correlation)
                .get(0).get("id");
        List<Long> openable = ((List<?>) detail.get("openable")).stream().map(n -> ((Number) n).longValue())
                .toList();
        assertThat(openable).as("only their own events open on their own")
                .contains(((Number) start.get("id")).longValue()).doesNotContain(((Number) outcome).longValue());
        assertThat(status(t.requester(), "/audit/events/" + outcome)).as("the outcome alone is not theirs")
                .isEqualTo(404);

        PageClient browser = new PageClient(port, "en");
        browser.signIn(t.requester(), PASSWORD);
        String page = browser.get("/audit/events/" + start.get("id")).body();
        assertThat(page).contains("id=\"correlated-" + outcome + "\"", "Operation succeeded")
                .doesNotContain("href=\"/audit/events/" + outcome + "\"");
    }

    @Test
    void refusedSignInsCarryTheAccountsTenantAndAReasonCode() {
        TestTenant t = newTenant();
        // A password typed into the name field: no account has that name, so only its outline is kept.
        String unknown = "Pw-" + t.code() + "-secretZ";
        long before = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
        new PageClient(port, "en").signIn(t.requester(), "wrong-" + t.code());
        new PageClient(port, "en").signIn(unknown, "wrong-" + t.code());

        assertThat(events("actor = :v AND action = 'SIGN_IN'", t.requester())).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("tenant_code", t.code())
                        .containsEntry("params", "reason=BAD_CREDENTIALS").containsEntry("message", "bad credentials"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE id > :before AND (actor LIKE :v OR target LIKE :v "
                        + "OR params LIKE :v OR message LIKE :v)").param("before", before)
                .param("v", "%" + t.code() + "-secret%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT tenant_code, target, params FROM audit_event WHERE id > :before "
                        + "AND action = 'SIGN_IN' AND actor = '?P***Z'").param("before", before).query().listOfRows())
                .singleElement().satisfies(e -> assertThat(e).containsEntry("tenant_code", null)
                        .containsEntry("target", "?P***Z").containsEntry("params", "reason=BAD_CREDENTIALS"));
    }

    @Test
    void timeZoneChoicesAndRefusedPasswordChangesAreLoggedWithTheirReasons() {
        TestTenant t = newTenant();
        PageClient browser = new PageClient(port, "en");
        browser.signIn(t.requester(), PASSWORD);
        String csrf = PageClient.enc(PageClient.csrfOf(browser.get("/account/password").body()));
        assertThat(browser.postForm("/account/time-zone", "timeZone=Europe%2FBerlin&_csrf=" + csrf).statusCode())
                .isEqualTo(200);
        assertThat(browser.postForm("/account/time-zone", "timeZone=Mars%2FOlympus&_csrf=" + csrf).statusCode())
                .isEqualTo(400);

        assertThat(events("actor = :v AND action = 'ACCOUNT_TIME_ZONE'", t.requester()))
                .extracting(e -> e.get("result"), e -> e.get("params"), e -> e.get("message"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SUCCESS", "old=null, new=Europe/Berlin", null),
                        org.assertj.core.groups.Tuple.tuple("DENIED", "old=Europe/Berlin, new=Mars/Olympus",
                                "UNKNOWN_ZONE"));

        String secret = "Wrong-pass-" + t.code();
        assertThat(api(t.requester()).put().uri("/account/password").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", secret, "newPassword", "Brand-new-pass-9",
                        "confirmPassword", "Brand-new-pass-9"))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);
        assertThat(api(t.requester()).put().uri("/account/password").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "x1", "confirmPassword", "x1"))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);

        List<Map<String, Object>> refused = events("actor = :v AND action = 'PASSWORD_CHANGE'", t.requester());
        assertThat(refused).extracting(e -> e.get("result")).containsExactly("DENIED", "DENIED");
        assertThat(refused.get(0).get("message")).isEqualTo("WRONG_CURRENT");
        assertThat((String) refused.get(1).get("message")).contains("TOO_SHORT").doesNotContain("WRONG_CURRENT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE CONCAT_WS(' ', params, message) LIKE :p")
                .param("p", "%" + secret + "%").query(Integer.class).single()).isZero();
    }

    private String awaitVm(TestTenant t, long request) {
        await().atMost(PATIENCE).until(() -> !((List<?>) request(t.requester(), request).get("vmIds")).isEmpty());
        return ((List<?>) request(t.requester(), request).get("vmIds")).get(0).toString();
    }

    private void awaitIdle(TestTenant t, String vmId, int status) {
        await().atMost(PATIENCE).until(() -> Integer.valueOf(status).equals(vm(t.requester(), vmId).get("status"))
                && !(Boolean) vm(t.requester(), vmId).get("busy") && jdbc.sql(
                        "SELECT COUNT(*) FROM operation WHERE vm_id = :vm AND state IN ('QUEUED', 'SENDING', 'SENT')")
                        .param("vm", vmId).query(Integer.class).single() == 0);
    }

    private List<Map<String, Object>> events(String where, String value) {
        return jdbc.sql("""
                SELECT id, action, result, code, message, params, target_type, target, tenant_code, correlation_id
                  FROM audit_event
                """ + " WHERE " + where + " ORDER BY id")
                .param("v", value).query().listOfRows();
    }
}

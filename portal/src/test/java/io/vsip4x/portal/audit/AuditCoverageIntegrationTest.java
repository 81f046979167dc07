package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.tenancy.Quota;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Each kind of action writes exactly its events, with the actor, the target's type, the result
 * and code, and the reason of a refusal; never a password.
 */
class AuditCoverageIntegrationTest extends PortalTestSupport {

    private static final Map<String, Object> LIMITS = Map.of("cpu", 12, "memoryMb", 24576, "diskGb", 600,
            "dataDiskGb", 300, "vms", 6, "snapshots", 10, "backups", 4);

    @Test
    void signInRefusedSignInAndSignOutAreEachOneEvent() {
        TestTenant t = newTenant();
        PageClient refused = new PageClient(port, "en");
        refused.signIn(t.approver(), "not-the-password-" + t.code());
        PageClient browser = new PageClient(port, "en");
        HttpResponse<String> home = browser.signIn(t.requester(), PASSWORD);

        assertThat(events(t.approver(), "SIGN_IN")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("result", "DENIED").containsEntry("message", "bad credentials")
                .containsEntry("target_type", "ACCOUNT").containsEntry("client_addr", "127.0.0.1"));
        assertThat(events(t.requester(), "SIGN_IN")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("result", "SUCCESS").containsEntry("tenant_code", t.code())
                .containsEntry("target", t.requester()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE CONCAT_WS(' ', params, message) LIKE :p")
                .param("p", "%not-the-password-" + t.code() + "%").query(Integer.class).single()).isZero();

        assertThat(browser.postForm("/logout", "_csrf=" + PageClient.enc(PageClient.csrfOf(home.body())))
                .statusCode()).isEqualTo(200);
        assertThat(events(t.requester(), "SIGN_OUT")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("result", "SUCCESS").containsEntry("target", t.requester()));
    }

    @Test
    void aLockedAccountsSignInIsRefusedWithThatReason() {
        TestTenant t = newTenant();
        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", t.approver()).update();

        new PageClient(port, "en").signIn(t.approver(), PASSWORD);

        assertThat(events(t.approver(), "SIGN_IN")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("result", "DENIED").containsEntry("message", "locked"));
    }

    @Test
    void aRefusalForLackOfRightsIsOneEventWithThePath() {
        TestTenant t = newTenant();

        ResponseEntity<Map<String, Object>> put = api(t.requester()).put().uri("/tenants/" + t.code() + "/quota")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("limits", LIMITS)).retrieve()
                .toEntity(new org.springframework.core.ParameterizedTypeReference<>() { });

        assertThat(put.getStatusCode().value()).isEqualTo(403);
        assertThat(events(t.requester(), "REFUSED")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("result", "DENIED").containsEntry("target_type", "PATH")
                .containsEntry("target", "PUT /api/v1/tenants/" + t.code() + "/quota"));
    }

    @Test
    void quotaAndStateRefusalsAndApprovalDecisionsAreEachOneEvent() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 1));
        long first = submit(t.requester(), smallRequest(1));
        long second = submit(t.requester(), smallRequest(1));
        long third = submit(t.requester(), smallRequest(1));
        long fourth = submit(t.requester(), smallRequest(1));

        assertThat(post(t.approver(), "/requests/" + first + "/approve", null).getStatusCode().value())
                .isEqualTo(200);
        assertThat(post(t.approver(), "/requests/" + second + "/approve", null).getStatusCode().value())
                .isEqualTo(409);
        assertThat(post(t.approver(), "/requests/" + third + "/reject", Map.of("reason", "不需要"))
                .getStatusCode().value()).isEqualTo(200);

        assertThat(api(t.approver()).post().uri("/approvals/decide").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(fourth), "action", "approve")).retrieve().toBodilessEntity()
                .getStatusCode().value()).as("each request of a batch on its own").isEqualTo(200);

        assertThat(events(t.approver(), "REQUEST_APPROVE")).extracting(e -> e.get("target"), e -> e.get("result"),
                e -> e.get("message")).containsExactly(tuple("request:" + first, "SUCCESS", null),
                        tuple("request:" + fourth, "DENIED", "error.quota.exceeded"));
        assertThat(targets(t.approver(), "REQUEST_REJECT")).containsExactly("request:" + third);
        assertThat(events(t.approver(), "REFUSED")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("result", "DENIED")
                .containsEntry("target", "POST /api/v1/requests/" + second + "/approve")
                .containsEntry("message", "error.quota.exceeded"));

        String vmId = ((List<?>) awaitVms(t, first)).get(0).toString();
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), first).get("state"))
                && Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status"))
                && !(Boolean) vm(t.requester(), vmId).get("busy") && jdbc.sql(
                        "SELECT COUNT(*) FROM operation WHERE vm_id = :vm AND state IN ('QUEUED', 'SENDING', 'SENT')")
                        .param("vm", vmId).query(Integer.class).single() == 0);
        assertThat(post(t.requester(), "/vms/" + vmId + "/start", null).getStatusCode().value()).isEqualTo(409);
        assertThat(events(t.requester(), "VM_START")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("result", "DENIED").containsEntry("code", "2049").containsEntry("target", vmId)
                .containsEntry("target_type", "VM"));
        assertThat(events(t.requester(), "REFUSED")).as("the refusal is logged once, by the action").isEmpty();
    }

    @Test
    void accountAndTenantQuotaChangesAreEachOneEvent() {
        TestTenant t = newTenant();
        String admin = "pa" + UUID.randomUUID().toString().substring(0, 8);
        users.create(admin, PASSWORD, "平台管理员 " + admin, null, Set.of(Role.PLATFORM_ADMIN));
        String security = "sa" + UUID.randomUUID().toString().substring(0, 8);
        users.create(security, PASSWORD, "安全管理员 " + security, null, Set.of(Role.SECURITY_ADMIN));
        long account = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();

        assertThat(api(admin).put().uri("/tenants/" + t.code() + "/quota").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("limits", LIMITS)).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
        assertThat(post(security, "/accounts/" + account + "/lock", null).getStatusCode().value()).isEqualTo(200);

        assertThat(events(admin, "TENANT_QUOTA_SET")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("target_type", "QUOTA").containsEntry("target", "tenant:" + t.code())
                .containsEntry("result", "SUCCESS"));
        assertThat(events(security, "ACCOUNT_LOCK")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("target_type", "ACCOUNT").containsEntry("target", t.requester()));
        // Besides making the API tokens they call the API with (their policy needs a UKEY).
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE actor IN (:a) AND action <> 'API_TOKEN_CREATED' "
                        + "ORDER BY id")
                .param("a", List.of(admin, security)).query(String.class).list())
                .containsExactly("TENANT_QUOTA_SET", "ACCOUNT_LOCK");
    }

    private Object awaitVms(TestTenant t, long id) {
        await().atMost(PATIENCE).until(() -> !((List<?>) request(t.requester(), id).get("vmIds")).isEmpty());
        return request(t.requester(), id).get("vmIds");
    }

    private List<Map<String, Object>> events(String actor, String action) {
        return jdbc.sql("""
                SELECT result, code, message, target_type, target, tenant_code, client_addr, correlation_id
                  FROM audit_event
                 WHERE actor = :actor AND action = :action
                 ORDER BY id""")
                .param("actor", actor).param("action", action).query().listOfRows();
    }

    private List<String> targets(String actor, String action) {
        return events(actor, action).stream().map(e -> String.valueOf(e.get("target"))).toList();
    }
}

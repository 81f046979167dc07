package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * What a newcomer met in the workflow: requests nobody can decide, the words of withdrawing twice,
 * of rules and of bulk approvals at a level that is not the last, and the chain page's title.
 */
class NewcomerWorkflowIntegrationTest extends PortalTestSupport {

    @Autowired
    ApprovalChains chains;

    @Test
    void requestOfTheOnlyApproverIsMarkedUndecidableAndItsKeepersAreTold() {
        TestTenant t = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        String platform = "plat-" + t.code();
        users.create(platform, PASSWORD, "平台 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));

        // The approver asks: nobody else holds the level's role, and nobody decides their own request.
        long stuck = submit(t.approver(), smallRequest(1));
        long fine = submit(t.requester(), smallRequest(1));

        assertThat(request(t.approver(), stuck)).containsEntry("undecidable", true)
                .containsEntry("undecidableLevel", 1);
        assertThat(request(t.requester(), fine)).containsEntry("undecidable", false)
                .containsEntry("undecidableLevel", null);
        org.awaitility.Awaitility.await().atMost(PATIENCE)
                .until(() -> notifications(admin, "notification.request.undecidable") == 1
                        && notifications(platform, "notification.request.undecidable") == 1);
        assertThat(notifications(t.approver(), "notification.request.undecidable")).isZero();

        PageClient page = new PageClient(port, "en");
        page.signIn(t.approver(), PASSWORD);
        assertThat(page.get("/requests/" + stuck).body()).contains("Nobody can decide level 1 now");
        assertThat(page.get("/requests/" + fine).body()).doesNotContain("Nobody can decide");
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(admin, PASSWORD);
        assertThat(zh.get("/inbox").body()).contains("没有人能审批这一级");
    }

    @Test
    void withdrawingTwiceSaysItIsAlreadyWithdrawn() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(t.requester(), "/requests/" + id + "/withdraw", null).getStatusCode().value())
                .isIn(200, 204);

        ResponseEntity<Map<String, Object>> again = post(t.requester(), "/requests/" + id + "/withdraw", null);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("type", "urn:vsip4x:problem:error.request.notWithdrawable");
        assertThat((String) again.getBody().get("detail"))
                .contains("already been withdrawn or decided").doesNotContain("decided again");
    }

    @Test
    void ruleApprovalReadsAsApprovedByRuleOnThePage() {
        TestTenant t = newTenant();
        chains.addRule(t.id(), new AutoApprovalRule(0, RequestKind.CREATE, 2, 4096L, null, null, null, null));
        long id = submit(t.requester(), smallRequest(1));
        assertThat(request(t.requester(), id).get("state")).isNotEqualTo("PENDING");

        PageClient en = new PageClient(port, "en");
        en.signIn(t.requester(), PASSWORD);
        String page = en.get("/requests/" + id).body();
        assertThat(page).contains("approved by rule").doesNotContain("<span>auto</span>")
                .doesNotContain("Creation failed").doesNotContain("Approved, creating");
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(t.requester(), PASSWORD);
        assertThat(zh.get("/requests/" + id).body()).contains("自动批准");
    }

    @Test
    void bulkApprovalAtTheFirstOfTwoLevelsSaysItWaitsForTheSecond() {
        TestTenant t = newTenant();
        chains.replaceLevels(t.id(), List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ANY, null, null),
                new ApprovalLevel(2, Role.PLATFORM_ADMIN, ApprovalLevel.Mode.ANY, null, null)));
        long id = submit(t.requester(), smallRequest(1));

        PageClient en = new PageClient(port, "en");
        en.signIn(t.approver(), PASSWORD);
        String queue = en.get("/approvals").body();
        HttpResponse<String> done = en.postForm("/approvals/bulk", "selected=" + id + "&action=approve&_csrf="
                + PageClient.enc(PageClient.csrfOf(queue)));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Request #" + id + ": approved at this level, now waits for level 2");
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING");
    }

    @Test
    void chainPageIsTitledWithTheDepartmentsName() {
        TestTenant t = newTenant();
        String platform = "plat-" + t.code();
        users.create(platform, PASSWORD, "平台 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));

        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(platform, PASSWORD);
        String page = zh.get("/admin/approval-chain?tenant=" + t.code()).body();
        assertThat(page).contains("测试部门 " + t.code() + " 的审批链")
                .contains("id=\"chain-tenant-code\">" + t.code());
        PageClient en = new PageClient(port, "en");
        en.signIn(platform, PASSWORD);
        assertThat(en.get("/admin/tenants/new").body()).contains("the platform&#39;s own limits")
                .doesNotContain("&#39;&#39;");
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class)
                .single();
    }

    private int notifications(String username, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :id AND message_key = :key")
                .param("id", userId(username)).param("key", key).query(Integer.class).single();
    }
}

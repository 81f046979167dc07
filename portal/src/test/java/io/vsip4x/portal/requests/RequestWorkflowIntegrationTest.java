package io.vsip4x.portal.requests;

import static io.vsip4x.portal.requests.ApprovalChainIntegrationTest.decisions;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.tenancy.Quota;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * What requesters and approvers do around a decision: withdrawing, commenting, asking for changes
 * and submitting again, deciding on a version that is no longer current, and deciding several
 * requests at once when some of them no longer fit the quota.
 */
class RequestWorkflowIntegrationTest extends PortalTestSupport {

    @Autowired
    ApprovalChains chains;

    @Test
    void requesterWithdrawsPendingRequestAndNobodyCanDecideItAfterwards() {
        TestTenant t = newTenant();
        TestTenant stranger = newTenant();
        long id = submit(t.requester(), smallRequest(1));

        assertThat(post(stranger.requester(), "/requests/" + id + "/withdraw", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post(t.approver(), "/requests/" + id + "/withdraw", null).getStatusCode().value())
                .as("only the requester withdraws").isEqualTo(404);
        ResponseEntity<Map<String, Object>> withdrawn = post(t.requester(), "/requests/" + id + "/withdraw", null);
        assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
        assertThat(withdrawn.getBody()).containsEntry("state", "WITHDRAWN");

        assertThat(post(t.requester(), "/requests/" + id + "/withdraw", null).getStatusCode().value()).isEqualTo(409);
        ResponseEntity<Map<String, Object>> approve = post(t.approver(), "/requests/" + id + "/approve", null);
        assertThat(approve.getStatusCode().value()).isEqualTo(409);
        assertThat(approve.getBody().get("detail").toString()).contains("decided already");
        assertThat(getList(t.approver(), "/approvals")).noneMatch(r -> ((Number) r.get("id")).longValue() == id);
        assertThat(auditCount("REQUEST_WITHDRAW", "request:" + id)).isEqualTo(1);
    }

    @Test
    void requesterAndApproverCommentAndTheRequestPageShowsIt() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));

        assertThat(post(t.requester(), "/requests/" + id + "/comments", Map.of("body", "  ")).getStatusCode()
                .value()).isEqualTo(400);
        assertThat(post(t.requester(), "/requests/" + id + "/comments", Map.of("body", "请尽快审批"))
                .getStatusCode().value()).isEqualTo(201);
        assertThat(post(t.approver(), "/requests/" + id + "/comments", Map.of("body", "明天处理"))
                .getStatusCode().value()).isEqualTo(201);
        TestTenant stranger = newTenant();
        assertThat(post(stranger.approver(), "/requests/" + id + "/comments", Map.of("body", "x"))
                .getStatusCode().value()).isEqualTo(404);

        List<Map<String, Object>> comments = getList(t.requester(), "/requests/" + id + "/comments");
        assertThat(comments).extracting(c -> c.get("body")).containsExactly("请尽快审批", "明天处理");
        assertThat(comments).extracting(c -> c.get("author")).containsExactly(t.requester(), t.approver());

        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(t.requester(), PASSWORD);
        HttpResponse<String> shown = page.get("/requests/" + id);
        assertThat(shown.body()).contains("请尽快审批").contains("明天处理").contains("撤回");
        String csrf = PageClient.csrfOf(shown.body());
        page.postForm("/requests/" + id + "/comments", "body=" + PageClient.enc("页面评论") + "&_csrf="
                + PageClient.enc(csrf));
        assertThat(page.get("/requests/" + id).body()).contains("页面评论");
        assertThat(notifications(t.requester(), "notification.request.comment")).isEqualTo(1);
        assertThat(notifications(t.approver(), "notification.request.comment")).isEqualTo(2);
    }

    @Test
    void approverAsksForChangesAndTheEditedRequestStartsOverAtLevelOne() {
        TestTenant t = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        chains.replaceLevels(t.id(), List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ANY, null, null),
                new ApprovalLevel(2, Role.TENANT_ADMIN, ApprovalLevel.Mode.ANY, null, null)));
        long id = submit(t.requester(), smallRequest(2));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getBody()).containsEntry("state",
                "PENDING");

        assertThat(post(admin, "/requests/" + id + "/changes", Map.of("reason", "")).getStatusCode().value())
                .isEqualTo(400);
        ResponseEntity<Map<String, Object>> sentBack = post(admin, "/requests/" + id + "/changes",
                Map.of("reason", "一台就够了"));
        assertThat(sentBack.getBody()).containsEntry("state", "CHANGES_REQUESTED");
        assertThat(post(admin, "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(409);
        assertThat(notifications(t.requester(), "notification.request.changesRequested")).isEqualTo(1);

        // The requester edits on the form page, which shows who asks.
        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(t.requester(), PASSWORD);
        HttpResponse<String> form = page.get("/requests/" + id + "/edit");
        assertThat(form.body()).contains("申请人：用户 " + t.code() + "（" + t.requester() + "）");
        int version = ((Number) request(t.requester(), id).get("version")).intValue();
        HttpResponse<String> resubmitted = page.postForm("/requests/" + id + "/resubmit",
                "templateId=tpl-centos7&repoName=pool-prod&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40"
                        + "&count=1&powerOn=true&reason=" + PageClient.enc("改为一台") + "&version=" + version
                        + "&_csrf=" + PageClient.enc(PageClient.csrfOf(form.body())));
        assertThat(resubmitted.statusCode()).isEqualTo(200);
        Map<String, Object> again = request(t.requester(), id);
        assertThat(again).containsEntry("state", "PENDING").containsEntry("count", 1)
                .containsEntry("reason", "改为一台");
        assertThat(decisions(again)).extracting(d -> d.get("kind"))
                .containsExactly("APPROVED", "CHANGES_REQUESTED", "RESUBMITTED");
        assertThat(getList(admin, "/approvals")).noneMatch(r -> ((Number) r.get("id")).longValue() == id);

        // Level 1's earlier approval no longer counts: the chain is walked again.
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getBody()).containsEntry("state",
                "PENDING");
        assertThat(post(admin, "/requests/" + id + "/approve", null).getBody()).containsEntry("state", "APPROVED");
    }

    @Test
    void decisionOnAVersionThatIsNoLongerCurrentIsRefusedWith409() {
        TestTenant t = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        chains.replaceLevels(t.id(), List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ANY, null, null),
                new ApprovalLevel(2, Role.TENANT_ADMIN, ApprovalLevel.Mode.ANY, null, null)));
        long id = submit(t.requester(), smallRequest(1));
        int seen = ((Number) request(t.requester(), id).get("version")).intValue();

        assertThat(post(t.approver(), "/requests/" + id + "/approve?version=" + seen, null).getStatusCode().value())
                .isEqualTo(200);
        // The admin's page showed the version before level 1 decided.
        ResponseEntity<Map<String, Object>> stale = post(admin, "/requests/" + id + "/approve",
                Map.of("version", seen));
        assertThat(stale.getStatusCode().value()).isEqualTo(409);
        assertThat(stale.getBody().get("detail").toString()).contains("has changed since you saw it");
        assertThat(post(admin, "/requests/" + id + "/reject?version=" + seen, Map.of("reason", "晚了"))
                .getStatusCode().value()).isEqualTo(409);
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING");

        ResponseEntity<Map<String, Object>> current = post(admin, "/requests/" + id + "/approve",
                Map.of("version", seen + 1));
        assertThat(current.getStatusCode().value()).isEqualTo(200);
        assertThat(current.getBody()).containsEntry("state", "APPROVED");
    }

    @Test
    void bulkDecisionApprovesWhatFitsAndSaysWhyTheOthersFailed() {
        TestTenant t = newTenant(new Quota(4, 64 * 1024, 1000, 10));
        long a = submit(t.requester(), smallRequest(1));
        long b = submit(t.requester(), smallRequest(1));
        long c = submit(t.requester(), smallRequest(1));
        long decided = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + decided + "/reject", Map.of("reason", "重复"));

        List<Map<String, Object>> queue = getList(t.approver(), "/approvals?sort=age");
        assertThat(queue).extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(a, b, c);
        Map<?, ?> free = (Map<?, ?>) queue.get(0).get("tenantFree");
        assertThat(free.get("cpu")).isEqualTo(4);
        assertThat(((Map<?, ?>) queue.get(0).get("requesterUsage")).get("cpu")).isEqualTo(0);
        assertThat(queue.get(0)).containsEntry("capacityKnown", true).containsEntry("capacitySatisfied", true);
        assertThat(getList(t.approver(), "/approvals?requester=nobody")).isEmpty();
        assertThat(getList(t.approver(), "/approvals?q=" + b)).extracting(r -> ((Number) r.get("id")).longValue())
                .containsExactly(b);

        ResponseEntity<List<Map<String, Object>>> answer = api(t.approver()).post().uri("/approvals/decide")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(a, b, c, decided), "action", "approve"))
                .retrieve().toEntity(new org.springframework.core.ParameterizedTypeReference<>() {
                });
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> outcomes = answer.getBody();
        assertThat(outcomes).extracting(o -> o.get("decided")).containsExactly(true, true, false, false);
        assertThat(outcomes.get(2).get("error").toString()).contains("Over quota").contains("vCPU 2 asked, 0 free");
        assertThat(outcomes.get(2)).containsEntry("status", 409);
        assertThat(outcomes.get(3).get("error").toString()).contains("decided already");
        assertThat((String) request(t.requester(), a).get("state")).isIn("APPROVED", "COMPLETED");
        assertThat((String) request(t.requester(), b).get("state")).isIn("APPROVED", "COMPLETED");
        assertThat(request(t.requester(), c)).containsEntry("state", "PENDING");

        ResponseEntity<Map<String, Object>> noReason = post(t.approver(), "/approvals/decide",
                Map.of("ids", List.of(c), "action", "reject"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(request(t.requester(), c)).containsEntry("state", "PENDING");
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class)
                .single();
    }

    private int notifications(String username, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :id AND message_key = :key")
                .param("id", userId(username)).param("key", key).query(Integer.class).single();
    }

    private int auditCount(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND target = :t")
                .param("a", action).param("t", target).query(Integer.class).single();
    }
}

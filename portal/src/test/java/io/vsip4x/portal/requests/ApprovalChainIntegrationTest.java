package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.TestClock;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Approval chains against the real database and simulator: levels decided by different roles,
 * levels that need every approver, automatic approval below thresholds, time-outs on a clock the
 * test moves, and deputies.
 */
class ApprovalChainIntegrationTest extends PortalTestSupport {

    @Autowired
    ApprovalChains chains;
    @Autowired
    ApprovalTimeouts timeouts;
    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void twoLevelChainGoesFromTenantAdminToPlatformApproverAndRecordsBoth() {
        TestTenant t = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        String platform = "plat-" + t.code();
        users.create(platform, PASSWORD, "平台 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        chains.replaceLevels(t.id(), List.of(level(1, Role.TENANT_ADMIN, ApprovalLevel.Mode.ANY),
                level(2, Role.PLATFORM_ADMIN, ApprovalLevel.Mode.ANY)));
        long id = submit(t.requester(), smallRequest(1));

        // Level 1 belongs to the tenant admin: neither the plain approver nor the platform decides it.
        assertThat(queueIds(t.approver())).doesNotContain(id);
        assertThat(queueIds(platform)).doesNotContain(id);
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(403);
        assertThat(post(platform, "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(403);
        assertThat(queueIds(admin)).contains(id);

        ResponseEntity<Map<String, Object>> first = post(admin, "/requests/" + id + "/approve",
                Map.of("comment", "部门同意"));
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody()).containsEntry("state", "PENDING");
        assertThat((List<?>) first.getBody().get("codes")).isEmpty();
        assertThat(queueIds(admin)).doesNotContain(id);
        assertThat(queueItem(platform, id)).containsEntry("level", 2);

        ResponseEntity<Map<String, Object>> second = post(platform, "/requests/" + id + "/approve", null);
        assertThat(second.getStatusCode().value()).isEqualTo(200);
        assertThat(second.getBody()).containsEntry("state", "APPROVED");
        assertThat(second.getBody().get("codes")).isEqualTo(List.of("2100"));
        List<Map<String, Object>> decisions = decisions(second.getBody());
        assertThat(decisions).extracting(d -> d.get("actor")).containsExactly(admin, platform);
        assertThat(decisions).extracting(d -> d.get("levelNo")).containsExactly(1, 2);
        assertThat(decisions.get(0)).containsEntry("comment", "部门同意").containsEntry("code", null);
        assertThat(decisions.get(1)).containsEntry("code", "2100").containsEntry("kind", "APPROVED");
        assertThat(awaitState(t.requester(), id, "COMPLETED")).containsEntry("state", "COMPLETED");
        assertThat(notifications(t.requester(), "notification.request.levelApproved")).isEqualTo(1);
        assertThat(notifications(t.requester(), "notification.request.approved")).isEqualTo(1);
    }

    @Test
    void levelThatNeedsEveryApproverWaitsForAllAndOneRejectionRejects() {
        TestTenant t = newTenant();
        String second = t.code() + "-approver2";
        users.create(second, PASSWORD, "审批人二", t.id(), Set.of(Role.USER, Role.APPROVER));
        chains.replaceLevels(t.id(), List.of(level(1, Role.APPROVER, ApprovalLevel.Mode.ALL)));
        long approved = submit(t.requester(), smallRequest(1));
        long rejected = submit(t.requester(), smallRequest(1));

        assertThat(post(t.approver(), "/requests/" + approved + "/approve", null).getBody())
                .containsEntry("state", "PENDING");
        // The same approver twice (a double click) does not count twice.
        ResponseEntity<Map<String, Object>> again = post(t.approver(), "/requests/" + approved + "/approve", null);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().get("detail").toString()).contains("already approved");
        assertThat(queueIds(t.approver())).contains(approved);

        ResponseEntity<Map<String, Object>> last = post(second, "/requests/" + approved + "/approve", null);
        assertThat(last.getBody()).containsEntry("state", "APPROVED");
        assertThat(last.getBody().get("codes")).isEqualTo(List.of("2100"));
        assertThat(decisions(last.getBody())).extracting(d -> d.get("actor")).containsExactly(t.approver(), second);

        assertThat(post(t.approver(), "/requests/" + rejected + "/approve", null).getBody())
                .containsEntry("state", "PENDING");
        assertThat(post(second, "/requests/" + rejected + "/reject", Map.of("reason", "不需要")).getBody())
                .containsEntry("state", "REJECTED");
        assertThat(count("SELECT COUNT(*) FROM vm WHERE request_id = " + rejected)).isZero();
    }

    @Test
    void ruleApprovesSmallRequestsAtSubmissionButNotLargeOnesNorThoseOverQuota() {
        TestTenant t = newTenant();
        chains.addRule(t.id(), new AutoApprovalRule(0, RequestKind.CREATE, 2, 4096L, null, null, null, null));

        Map<String, Object> small = request(t.requester(), submit(t.requester(), smallRequest(1)));
        assertThat(small).containsEntry("state", "APPROVED");
        assertThat(small.get("codes")).isEqualTo(List.of("2100"));
        assertThat(decisions(small).get(0)).containsEntry("actor", null).containsEntry("comment", "auto");

        Map<String, Object> large = Map.of("templateId", "tpl-centos7", "repoName", "pool-prod", "cpu", 4,
                "memoryMb", 2048, "diskGb", 40, "count", 1, "network", "vnet-office", "reason", "大机器");
        long largeId = submit(t.requester(), large);
        assertThat(request(t.requester(), largeId)).containsEntry("state", "PENDING");
        assertThat(queueIds(t.approver())).contains(largeId);
        assertThat(notifications(t.approver(), "notification.request.waiting")).isEqualTo(1);

        // A personal cap of no more VMs: refused at submission already, so the rule approves nothing.
        jdbc.sql("INSERT INTO user_quota (user_id, vms) VALUES (:id, 1)").param("id", userId(t.requester()))
                .update();
        ResponseEntity<Map<String, Object>> capped = post(t.requester(), "/requests", smallRequest(1));
        assertThat(capped.getStatusCode().value()).isEqualTo(400);
        assertThat(((Map<?, ?>) capped.getBody().get("errors")).get("count"))
                .isEqualTo("Beyond your personal cap: 0 more VMs are allowed.");
        assertThat(count("SELECT COUNT(*) FROM vm_request WHERE tenant_id = " + t.id())).isEqualTo(2);
    }

    @Test
    void levelsDecideThemselvesAfterTheirTimeOutOnThePortalsClock() {
        TestTenant approving = newTenant();
        chains.replaceLevels(approving.id(), List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ANY,
                30, ApprovalLevel.TimeoutAction.APPROVE)));
        TestTenant rejecting = newTenant();
        chains.replaceLevels(rejecting.id(), List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ANY,
                30, ApprovalLevel.TimeoutAction.REJECT)));
        long toApprove = submit(approving.requester(), smallRequest(1));
        long toReject = submit(rejecting.requester(), smallRequest(1));

        clock.advance(Duration.ofMinutes(29));
        timeouts.decideOverdue();
        assertThat(request(approving.requester(), toApprove)).containsEntry("state", "PENDING");
        assertThat(request(rejecting.requester(), toReject)).containsEntry("state", "PENDING");

        clock.advance(Duration.ofMinutes(2));
        timeouts.decideOverdue();
        Map<String, Object> approved = request(approving.requester(), toApprove);
        assertThat(approved).containsEntry("state", "APPROVED").containsEntry("codes", List.of("2100"));
        assertThat(decisions(approved).get(0)).containsEntry("actor", null).containsEntry("comment", "timeout")
                .containsEntry("levelNo", 1);
        Map<String, Object> rejected = request(rejecting.requester(), toReject);
        assertThat(rejected).containsEntry("state", "REJECTED");
        assertThat(decisions(rejected).get(0)).containsEntry("actor", null).containsEntry("comment", "timeout");
    }

    @Test
    void deputyDecidesInThePrincipalsPlaceAndTheDecisionSaysSo() {
        TestTenant t = newTenant();
        String deputy = t.code() + "-deputy";
        users.create(deputy, PASSWORD, "代理人 " + t.code(), t.id(), Set.of(Role.USER));
        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(deputy, "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(404);

        // The approver names the deputy on the deputies page, for a period that has begun.
        PageClient page = new PageClient(port, "en");
        page.signIn(t.approver(), PASSWORD);
        String csrf = PageClient.csrfOf(page.get("/approvals/deputies").body());
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.MINUTES);
        HttpResponse<String> added = page.postForm("/approvals/deputies", "deputy=" + deputy + "&from="
                + PageClient.enc(now.minusHours(1).toString()) + "&to=" + PageClient.enc(now.plusDays(1).toString())
                + "&_csrf=" + PageClient.enc(csrf));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("代理人 " + t.code() + " (" + deputy + ")");
        HttpResponse<String> self = page.postForm("/approvals/deputies", "deputy=" + t.approver() + "&from="
                + PageClient.enc(now.toString()) + "&to=" + PageClient.enc(now.plusDays(1).toString())
                + "&_csrf=" + PageClient.enc(csrf));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("You cannot be your own deputy.");

        assertThat(queueItem(deputy, id)).containsEntry("onBehalfOf", "审批人 " + t.code());
        ResponseEntity<Map<String, Object>> decided = post(deputy, "/requests/" + id + "/approve", null);
        assertThat(decided.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> decision = decisions(decided.getBody()).get(0);
        assertThat(decision).containsEntry("actor", deputy).containsEntry("onBehalfOf", t.approver())
                .containsEntry("code", "2100");

        PageClient requester = new PageClient(port, "en");
        requester.signIn(t.requester(), PASSWORD);
        assertThat(requester.get("/requests/" + id).body()).contains("(deputy of " + t.approver() + ")");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'DEPUTY_ADD' AND actor = '"
                + t.approver() + "'")).isEqualTo(1);
    }

    private static ApprovalLevel level(int no, Role role, ApprovalLevel.Mode mode) {
        return new ApprovalLevel(no, role, mode, null, null);
    }

    private List<Long> queueIds(String user) {
        return getList(user, "/approvals").stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    private Map<String, Object> queueItem(String user, long id) {
        return getList(user, "/approvals").stream().filter(r -> ((Number) r.get("id")).longValue() == id)
                .findFirst().orElseThrow(() -> new AssertionError("request " + id + " not in the queue of " + user));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> decisions(Map<String, Object> request) {
        return (List<Map<String, Object>>) request.get("decisions");
    }

    private Map<String, Object> awaitState(String user, long id, String state) {
        return org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> request(user, id),
                r -> state.equals(r.get("state")));
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class)
                .single();
    }

    private int notifications(String username, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :id AND message_key = :key")
                .param("id", userId(username)).param("key", key).query(Integer.class).single();
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}

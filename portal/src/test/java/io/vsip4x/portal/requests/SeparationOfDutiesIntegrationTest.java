package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Separation of duties in the approval chain: deputies hold no separated role their principal
 * lacks, approvers below a request's classification neither block nor hear of it, nobody decides
 * two levels of one request, and only requests for new VMs go back for changes.
 */
class SeparationOfDutiesIntegrationTest extends PortalTestSupport {

    @Autowired
    ApprovalChains chains;
    @Autowired
    ClearanceSettings clearances;

    private static final Map<String, Object> LIMITS = Map.of("cpu", 64, "memoryMb", 131072, "diskGb", 2000,
            "dataDiskGb", 500, "vms", 20, "snapshots", 10, "backups", 5);

    @Test
    void platformAdminCannotNameASecurityAdminOrAuditorAsDeputyNorCanOneDecideForHer() {
        TestTenant t = newTenant();
        String platform = t.code() + "-paula";
        String security = t.code() + "-sam";
        String auditor = t.code() + "-audrey";
        String admin = t.code() + "-tadmin";
        users.create(platform, PASSWORD, "宝拉 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        users.create(security, PASSWORD, "萨姆 " + t.code(), null, Set.of(Role.SECURITY_ADMIN));
        users.create(auditor, PASSWORD, "奥黛丽 " + t.code(), null, Set.of(Role.AUDITOR));
        users.create(admin, PASSWORD, "部门管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));

        PageClient page = signedIn(platform);
        for (String separated : List.of(security, auditor)) {
            HttpResponse<String> refused = nameDeputy(page, separated, 1, 24);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("kept apart), so it cannot be your deputy.");
        }
        assertThat(deputiesOf(platform)).isZero();

        // A deputyship that broke the rule later (roles change) counts for nothing when deciding.
        jdbc.sql("""
                INSERT INTO approval_deputy (principal_id, deputy_id, starts_at, ends_at)
                SELECT p.id, d.id, NOW(3) - INTERVAL 1 DAY, NOW(3) + INTERVAL 1 DAY
                  FROM app_user p, app_user d WHERE p.username = :p AND d.username = :d""")
                .param("p", platform).param("d", security).update();
        long quota = created(post(admin, "/quota-requests", Map.of("limits", LIMITS, "reason", "扩编")));
        assertThat(queueIds(security)).doesNotContain(quota);
        assertThat(post(security, "/requests/" + quota + "/approve", null).getStatusCode().value())
                .isIn(403, 404);
        Map<String, Object> still = request(admin, quota);
        assertThat(still).containsEntry("state", "PENDING");
        assertThat(ApprovalChainIntegrationTest.decisions(still)).isEmpty();
        assertThat(queueIds(platform)).contains(quota);
    }

    @Test
    void theSameDeputyIsNamedOnceForOverlappingPeriodsWhateverTheLetterCase() {
        TestTenant t = newTenant();
        PageClient page = signedIn(t.approver());
        assertThat(nameDeputy(page, t.requester(), 1, 48).statusCode()).isEqualTo(200);

        HttpResponse<String> twice = nameDeputy(page, t.requester().toUpperCase(), 24, 72);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("You have already named this person as your deputy for an overlapping");
        assertThat(deputiesOf(t.approver())).isEqualTo(1);

        // A later period that does not overlap is fine.
        assertThat(nameDeputy(page, t.requester(), -24 * 5, 24).statusCode()).isEqualTo(200);
        assertThat(deputiesOf(t.approver())).isEqualTo(2);
    }

    @Test
    void approversBelowTheClassificationNeitherBlockALevelOfAllNorHearOfTheRequest() {
        TestTenant t = newTenant();
        clearances.setCeiling(t.id(), 2);
        String requester = t.code() + "-cleared";
        String cleared = t.code() + "-cleared-approver";
        users.create(requester, PASSWORD, "密级用户 " + t.code(), t.id(), Set.of(Role.USER));
        users.create(cleared, PASSWORD, "密级审批人 " + t.code(), t.id(), Set.of(Role.USER, Role.APPROVER));
        clearances.setClearance(requester, 2);
        clearances.setClearance(cleared, 2);
        chains.replaceLevels(t.id(), List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ALL, null,
                null)));

        long id = submit(requester, ClearanceIntegrationTest.kylinRequest());
        assertThat(notifications(cleared, id)).isEqualTo(1);
        assertThat(notifications(t.approver(), id)).as("the uncleared approver is not told").isZero();
        assertThat(queueIds(t.approver())).doesNotContain(id);

        ResponseEntity<Map<String, Object>> approved = post(cleared, "/requests/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody()).containsEntry("state", "APPROVED");
    }

    @Test
    void whoeverApprovedAnEarlierLevelDecidesNoLaterOneNeitherInPersonNorThroughADeputy() {
        TestTenant t = newTenant();
        String bob = t.code() + "-bob";
        String other = t.code() + "-admin2";
        users.create(bob, PASSWORD, "鲍勃 " + t.code(), t.id(), Set.of(Role.USER, Role.APPROVER, Role.TENANT_ADMIN));
        users.create(other, PASSWORD, "管理员二 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        chains.replaceLevels(t.id(), List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ANY, null, null),
                new ApprovalLevel(2, Role.TENANT_ADMIN, ApprovalLevel.Mode.ANY, null, null)));

        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(bob, "/requests/" + id + "/approve", null).getBody()).containsEntry("state", "PENDING");
        assertThat(queueIds(bob)).doesNotContain(id);
        ResponseEntity<Map<String, Object>> twice = post(bob, "/requests/" + id + "/approve", null);
        assertThat(twice.getStatusCode().value()).isEqualTo(403);
        assertThat(twice.getBody().get("detail").toString()).contains("approved an earlier level of request");
        PageClient page = signedIn(bob);
        assertThat(page.get("/requests/" + id).body()).doesNotContain("/approvals/" + id + "/approve");
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING");

        // Bob's deputy approves level 1 of the next one for him: Bob still decides no later level.
        String deputy = t.code() + "-deputy";
        users.create(deputy, PASSWORD, "代理人 " + t.code(), t.id(), Set.of(Role.USER));
        assertThat(nameDeputy(page, deputy, 1, 24).statusCode()).isEqualTo(200);
        long next = submit(t.requester(), smallRequest(1));
        assertThat(post(deputy, "/requests/" + next + "/approve", null).getBody()).containsEntry("state", "PENDING");
        assertThat(post(bob, "/requests/" + next + "/approve", null).getStatusCode().value()).isEqualTo(403);
        assertThat(post(deputy, "/requests/" + next + "/approve", null).getStatusCode().value()).isEqualTo(403);

        assertThat(post(other, "/requests/" + id + "/approve", null).getBody()).containsEntry("state", "APPROVED");
        assertThat(post(other, "/requests/" + next + "/approve", null).getBody()).containsEntry("state", "APPROVED");
    }

    @Test
    void onlyRequestsForNewVmsGoBackForChanges() {
        TestTenant t = newTenant();
        String admin = t.code() + "-tadmin";
        String platform = t.code() + "-padmin";
        users.create(admin, PASSWORD, "部门管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        users.create(platform, PASSWORD, "平台管理员 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        long quota = created(post(admin, "/quota-requests", Map.of("limits", LIMITS, "reason", "扩编")));

        ResponseEntity<Map<String, Object>> refused = post(platform, "/requests/" + quota + "/changes",
                Map.of("reason", "少要一点"));
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").toString())
                .contains("cannot be sent back for changes: reject it with a reason; the requester asks again");
        assertThat(request(admin, quota)).containsEntry("state", "PENDING");
        String quotaPage = signedIn(platform).get("/requests/" + quota).body();
        assertThat(quotaPage).contains("/approvals/" + quota + "/reject").doesNotContain("ask-changes-form");

        long create = submit(t.requester(), smallRequest(1));
        assertThat(signedIn(t.approver()).get("/requests/" + create).body()).contains("ask-changes-form");
        assertThat(post(t.approver(), "/requests/" + create + "/changes", Map.of("reason", "少要一点"))
                .getBody()).containsEntry("state", "CHANGES_REQUESTED");
        assertThat(signedIn(t.requester()).get("/requests/" + create).body()).contains("edit-request");
    }

    private PageClient signedIn(String user) {
        PageClient page = new PageClient(port, "en");
        page.signIn(user, PASSWORD);
        return page;
    }

    /** Names a deputy on the deputies page from {@code fromHours} ago for {@code hours} hours. */
    private static HttpResponse<String> nameDeputy(PageClient page, String deputy, int fromHours, int hours) {
        String csrf = PageClient.csrfOf(page.get("/approvals/deputies").body());
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime from = now.minusHours(fromHours);
        return page.postForm("/approvals/deputies", "deputy=" + PageClient.enc(deputy) + "&from="
                + PageClient.enc(from.toString()) + "&to=" + PageClient.enc(from.plusHours(hours).toString())
                + "&_csrf=" + PageClient.enc(csrf));
    }

    private List<Long> queueIds(String user) {
        ResponseEntity<List<Map<String, Object>>> answer = api(user).get().uri("/approvals").retrieve()
                .toEntity(new org.springframework.core.ParameterizedTypeReference<>() {
                });
        if (answer.getStatusCode().value() != 200) {
            return List.of();
        }
        return answer.getBody().stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    private int deputiesOf(String principal) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM approval_deputy d JOIN app_user u ON u.id = d.principal_id
                 WHERE u.username = :u""").param("u", principal).query(Integer.class).single();
    }

    private int notifications(String username, long requestId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM notification n JOIN app_user u ON u.id = n.user_id
                 WHERE u.username = :u AND n.message_key = 'notification.request.waiting' AND n.link = :link""")
                .param("u", username).param("link", "/requests/" + requestId).query(Integer.class).single();
    }

    private static long created(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(201);
        return ((Number) answer.getBody().get("id")).longValue();
    }
}

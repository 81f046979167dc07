package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * View-only shares: the owner lets a teammate watch the console for a while, the teammate is
 * told with a link to the console, the share ends on time or when revoked; refusals for
 * strangers, non-owners and bad lengths.
 */
class ConsoleShareIntegrationTest extends SharingTestSupport {

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theOwnerSharesViewOnlyForAWhileAndTheShareEndsOnTime() {
        Team team = team();
        String path = "/vms/" + team.vmId() + "/console-shares";

        ResponseEntity<Map<String, Object>> shared = post(team.owner(), path,
                Map.of("username", team.carol(), "minutes", 15));

        assertThat(shared.getStatusCode().value()).as("answer %s", shared.getBody()).isEqualTo(201);
        Instant until = Instant.parse(shared.getBody().get("expiresAt").toString());
        assertThat(until).isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plusSeconds(15 * 60 + 5));
        assertThat(rightOf(team.carol(), team.vmId())).isEqualTo(new ConsoleRight(ConsoleMode.VIEW_ONLY, "SHARE"));
        assertThat(notifications(team.carol(), "notification.console.shared")).singleElement()
                .satisfies(n -> assertThat(n.get("link")).isEqualTo("/vms/" + team.vmId() + "/console"));
        assertThat(audited(team.owner(), "CONSOLE_SHARED", team.vmId())).singleElement().asString()
                .contains("user=" + team.carol()).contains("minutes=15");
        assertThat(getList(team.owner(), path)).extracting(s -> s.get("username")).containsExactly(team.carol());

        PageClient carol = new PageClient(port, "en");
        carol.signIn(team.carol(), PASSWORD);
        assertThat(carol.get("/consoles").body()).contains("data-view-only=\"true\"").contains("View-only share");

        clock.advance(Duration.ofMinutes(16));

        assertThat(rightOf(team.carol(), team.vmId()).any()).as("the share has ended").isFalse();
        assertThat(getList(team.owner(), path)).isEmpty();
        assertThat(carol.get("/consoles").body()).contains("id=\"consoles-given-none\"");
    }

    @Test
    void theOwnerRevokesAShareAndTheTeammateLosesTheConsole() {
        Team team = team();
        String path = "/vms/" + team.vmId() + "/console-shares";
        long id = ((Number) post(team.owner(), path, Map.of("userId", idOf(team.frank()), "minutes", 60))
                .getBody().get("id")).longValue();
        assertThat(rightOf(team.frank(), team.vmId()).any()).isTrue();
        assertThat(post(team.owner(), path, Map.of("username", team.frank(), "minutes", 30)).getStatusCode()
                .value()).as("shared already").isEqualTo(409);

        int revoked = api(team.owner()).delete().uri(path + "/" + id).retrieve().toBodilessEntity()
                .getStatusCode().value();

        assertThat(revoked).isEqualTo(204);
        assertThat(rightOf(team.frank(), team.vmId()).any()).isFalse();
        assertThat(audited(team.owner(), "CONSOLE_SHARE_REVOKED", team.vmId())).hasSize(1);
        assertThat(notifications(team.frank(), "notification.console.shareRevoked")).hasSize(1);
        assertThat(api(team.owner()).delete().uri(path + "/" + id).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);

        long adminsShare = ((Number) post(team.admin(), path, Map.of("username", team.frank(), "minutes", 30))
                .getBody().get("id")).longValue();
        assertThat(api(team.admin()).delete().uri(path + "/" + adminsShare).retrieve().toBodilessEntity()
                .getStatusCode().value()).as("a tenant admin shares and revokes too").isEqualTo(204);
    }

    @Test
    void refusesStrangersNonOwnersAndLengthsBeyondTheMaximum() {
        Team team = team();
        Team other = team();
        String path = "/vms/" + team.vmId() + "/console-shares";

        assertThat(code(post(team.owner(), path, Map.of("username", other.carol(), "minutes", 15))))
                .as("another tenant's person").isEqualTo(400);
        assertThat(code(post(team.owner(), path, Map.of("username", team.owner(), "minutes", 15))))
                .as("oneself").isEqualTo(400);
        assertThat(code(post(team.owner(), path, Map.of("username", team.admin(), "minutes", 15))))
                .as("someone with a console already").isEqualTo(400);
        assertThat(code(post(team.owner(), path, Map.of("username", team.carol(), "minutes", 0)))).isEqualTo(400);
        ResponseEntity<Map<String, Object>> tooLong = post(team.owner(), path,
                Map.of("username", team.carol(), "minutes", 8 * 60 + 1));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLong.getBody().get("errors").toString()).contains("from 1 to 480 minutes");
        assertThat(code(post(team.tenant().approver(), path, Map.of("username", team.carol(), "minutes", 15))))
                .as("the approver sees the VM but does not own it").isEqualTo(403);
        assertThat(code(post(team.carol(), path, Map.of("username", team.frank(), "minutes", 15))))
                .as("a colleague does not see it").isEqualTo(404);
        assertThat(code(post(other.admin(), path, Map.of("username", team.frank(), "minutes", 15))))
                .as("another tenant's admin does not see it").isEqualTo(404);
        assertThat(getList(team.owner(), path)).isEmpty();
        assertThat(rightOf(other.carol(), team.vmId()).any()).isFalse();
    }

    @Test
    void theSharePanelServesTheOwnerAndIsEmptyForTheTeammate() {
        Team team = team();
        PageClient owner = new PageClient(port, "en");
        owner.signIn(team.owner(), PASSWORD);
        String csrf = PageClient.enc(PageClient.csrfOf(owner.get("/consoles").body()));
        String panelPath = "/vms/" + team.vmId() + "/console/shares";

        String panel = owner.get(panelPath, "HX-Request", "true").body();
        assertThat(panel).startsWith("<section id=\"console-share-panel\"").contains("id=\"console-share-form\"")
                .contains("<option value=\"480\">480 minutes</option>");

        HttpResponse<String> shared = owner.postForm(panelPath, "userId=" + idOf(team.carol()) + "&minutes=30&_csrf="
                + csrf, "HX-Request", "true");
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).contains("id=\"console-shares-list\"").contains(team.carol());
        long id = jdbc.sql("SELECT id FROM console_share WHERE vm_id = :vm AND revoked_at IS NULL")
                .param("vm", team.vmId()).query(Long.class).single();

        PageClient carol = new PageClient(port, "en");
        carol.signIn(team.carol(), PASSWORD);
        HttpResponse<String> carols = carol.get(panelPath, "HX-Request", "true");
        assertThat(carols.statusCode()).isEqualTo(200);
        assertThat(carols.body()).doesNotContain("<form");
        PageClient frank = new PageClient(port, "en");
        frank.signIn(team.frank(), PASSWORD);
        assertThat(frank.get(panelPath, "HX-Request", "true").statusCode()).as("no console at all").isEqualTo(404);

        HttpResponse<String> revoked = owner.postForm(panelPath + "/" + id + "/revoke", "_csrf=" + csrf,
                "HX-Request", "true");
        assertThat(revoked.body()).contains("id=\"console-shares-none\"");
        assertThat(rightOf(team.carol(), team.vmId()).any()).isFalse();
    }

    private static int code(ResponseEntity<?> answer) {
        return answer.getStatusCode().value();
    }

    @Test
    void theSharingAndPermissionPanelsSayWhyNobodyCanBeChosen() {
        Team team = team();
        PageClient admin = new PageClient(port, "en");
        admin.signIn(team.admin(), PASSWORD);
        String shares = "/vms/" + team.vmId() + "/console/shares";
        String grants = "/vms/" + team.vmId() + "/console/grants";
        assertThat(admin.get(shares, "HX-Request", "true").body()).contains("id=\"console-share-form\"")
                .doesNotContain("console-shares-nobody");
        assertThat(admin.get(grants, "HX-Request", "true").body()).contains("id=\"console-grant-form\"")
                .doesNotContain("console-grants-nobody");

        // Everyone of the tenant who could be chosen leaves it: only the owner and the admin remain.
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username IN (:names)")
                .param("names", List.of(team.carol(), team.frank(), team.tenant().approver())).update();

        assertThat(admin.get(shares, "HX-Request", "true").body()).doesNotContain("id=\"console-share-form\"")
                .contains("id=\"console-shares-none\"")
                .contains("id=\"console-shares-nobody\"").contains("No teammate can be chosen: ");
        assertThat(admin.get(grants, "HX-Request", "true").body()).doesNotContain("id=\"console-grant-form\"")
                .contains("id=\"console-grants-nobody\"").contains("Nobody can be chosen: ");
        PageClient owner = new PageClient(port, "zh-CN");
        owner.signIn(team.owner(), PASSWORD);
        assertThat(owner.get(shares, "HX-Request", "true").body()).contains("没有可选的同事：");
    }

}

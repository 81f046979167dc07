package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The console-only permission: a tenant admin gives a person of the tenant the VM's console
 * without the right to change the VM, the person is told and finds it on their consoles page,
 * and it is taken back; every refusal (another tenant, its owner, no clearance, not an admin).
 */
class ConsoleGrantIntegrationTest extends SharingTestSupport {

    @Autowired
    ClearanceSettings clearances;

    @Test
    void aTenantAdminGivesTheConsoleWithoutTheRightToChangeTheVmAndTakesItBack() {
        Team team = team();
        String path = "/vms/" + team.vmId() + "/console-grants";
        assertThat(rightOf(team.carol(), team.vmId()).any()).isFalse();

        ResponseEntity<Map<String, Object>> given = post(team.admin(), path, Map.of("username", team.carol()));

        assertThat(given.getStatusCode().value()).as("answer %s", given.getBody()).isEqualTo(201);
        assertThat(given.getBody()).containsEntry("username", team.carol()).containsEntry("grantedBy", team.admin());
        assertThat(rightOf(team.carol(), team.vmId())).isEqualTo(new ConsoleRight(ConsoleMode.INTERACTIVE, "GRANT"));
        assertThat(status(team.carol(), "/vms/" + team.vmId())).as("no right to see or change the VM").isEqualTo(404);
        assertThat(post(team.carol(), "/vms/" + team.vmId() + "/shutdown", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(getList(team.admin(), path)).extracting(g -> g.get("username")).containsExactly(team.carol());
        assertThat(audited(team.admin(), "CONSOLE_GRANTED", team.vmId())).singleElement().asString()
                .contains("user=" + team.carol());
        assertThat(notifications(team.carol(), "notification.console.granted")).singleElement()
                .satisfies(n -> assertThat(n.get("link")).isEqualTo("/vms/" + team.vmId() + "/console"));

        PageClient carol = new PageClient(port, "en");
        carol.signIn(team.carol(), PASSWORD);
        String consoles = carol.get("/consoles").body();
        assertThat(consoles).contains("id=\"consoles-given\"").contains("data-vm=\"" + team.vmId() + "\"")
                .contains("Console access").contains("Until revoked")
                .contains("href=\"/vms/" + team.vmId() + "/console\"");

        assertThat(post(team.admin(), path, Map.of("username", team.carol())).getStatusCode().value())
                .as("given already").isEqualTo(409);

        int revoked = api(team.admin()).delete().uri(path + "/" + idOf(team.carol())).retrieve()
                .toBodilessEntity().getStatusCode().value();

        assertThat(revoked).isEqualTo(204);
        assertThat(rightOf(team.carol(), team.vmId()).any()).isFalse();
        assertThat(getList(team.admin(), path)).isEmpty();
        assertThat(audited(team.admin(), "CONSOLE_GRANT_REVOKED", team.vmId())).hasSize(1);
        assertThat(notifications(team.carol(), "notification.console.grantRevoked")).hasSize(1);
        assertThat(carol.get("/consoles").body()).contains("id=\"consoles-given-none\"");
        assertThat(api(team.admin()).delete().uri(path + "/" + idOf(team.carol())).retrieve()
                .toBodilessEntity().getStatusCode().value()).as("nothing to take back").isEqualTo(404);
    }

    @Test
    void refusesOtherTenantsTheOwnerTheUnclearedAndThoseWhoAreNotItsTenantAdmins() {
        Team team = team();
        Team other = team();
        String path = "/vms/" + team.vmId() + "/console-grants";

        assertThat(post(team.admin(), path, Map.of("username", other.carol())).getStatusCode().value())
                .as("a person of another tenant").isEqualTo(400);
        assertThat(post(team.admin(), path, Map.of("username", team.owner())).getStatusCode().value())
                .as("its owner has a console").isEqualTo(400);
        assertThat(post(team.admin(), path, Map.of("userId", idOf(team.admin()))).getStatusCode().value())
                .as("a tenant admin has a console").isEqualTo(400);
        assertThat(post(team.admin(), path, Map.of("username", "nobody-" + team.tenant().code()))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(post(team.owner(), path, Map.of("username", team.carol())).getStatusCode().value())
                .as("its owner is no tenant admin").isEqualTo(403);
        assertThat(status(team.owner(), path)).isEqualTo(403);
        assertThat(post(other.admin(), path, Map.of("username", team.carol())).getStatusCode().value())
                .as("another tenant's admin does not see the VM").isEqualTo(404);
        assertThat(post(team.carol(), path, Map.of("username", team.frank())).getStatusCode().value())
                .isEqualTo(404);

        // The VM is of level 2: the admin is cleared for it, Frank is not.
        clearances.setCeiling(team.tenantId(), 3);
        clearances.setClearance(team.admin(), 3);
        jdbc.sql("UPDATE vm SET classification = 2 WHERE vm_id = :id").param("id", team.vmId()).update();
        ResponseEntity<Map<String, Object>> uncleared = post(team.admin(), path, Map.of("username", team.frank()));
        assertThat(uncleared.getStatusCode().value()).isEqualTo(400);
        assertThat(uncleared.getBody().get("errors").toString()).contains("not cleared");

        assertThat(getList(team.admin(), path)).isEmpty();
        assertThat(rightOf(other.carol(), team.vmId()).any()).isFalse();
    }

    @Test
    void theVmPageShowsTheConsoleAccessPanelToTenantAdminsOnly() {
        Team team = team();
        PageClient admin = new PageClient(port, "en");
        admin.signIn(team.admin(), PASSWORD);
        String page = admin.get("/vms/" + team.vmId()).body();
        assertThat(page).contains("hx-get=\"/vms/" + team.vmId() + "/console/grants\"");

        String panel = admin.get("/vms/" + team.vmId() + "/console/grants", "HX-Request", "true").body();
        assertThat(panel).startsWith("<section id=\"console-grants\"").contains("id=\"console-grant-form\"")
                .contains("value=\"" + idOf(team.carol()) + "\"")
                .doesNotContain("value=\"" + idOf(team.owner()) + "\"");

        HttpResponse<String> given = admin.postForm("/vms/" + team.vmId() + "/console/grants",
                "userId=" + idOf(team.carol()) + "&_csrf=" + PageClient.enc(PageClient.csrfOf(page)),
                "HX-Request", "true");
        assertThat(given.statusCode()).isEqualTo(200);
        assertThat(given.body()).contains("id=\"console-grant-" + team.carol() + "\"");
        assertThat(rightOf(team.carol(), team.vmId()).interactive()).isTrue();

        HttpResponse<String> again = admin.postForm("/vms/" + team.vmId() + "/console/grants",
                "userId=" + idOf(team.owner()) + "&_csrf=" + PageClient.enc(PageClient.csrfOf(page)),
                "HX-Request", "true");
        assertThat(again.body()).as("the refusal is told in the panel").contains("id=\"console-grants-problem\"")
                .contains(team.owner() + " can use this VM&#39;s console already");

        HttpResponse<String> revoked = admin.postForm("/vms/" + team.vmId() + "/console/grants/"
                + idOf(team.carol()) + "/revoke", "_csrf=" + PageClient.enc(PageClient.csrfOf(page)),
                "HX-Request", "true");
        assertThat(revoked.body()).contains("id=\"console-grants-none\"");
        assertThat(rightOf(team.carol(), team.vmId()).any()).isFalse();

        PageClient owner = new PageClient(port, "en");
        owner.signIn(team.owner(), PASSWORD);
        String ownersPanel = owner.get("/vms/" + team.vmId() + "/console/grants", "HX-Request", "true").body();
        assertThat(ownersPanel).startsWith("<section id=\"console-grants\"").doesNotContain("<form")
                .doesNotContain("<h2");
    }

    @Test
    void aVmSharedAndGivenIsOneRowOnTheConsolesPageWhereThePermissionCounts() {
        Team team = team();
        assertThat(post(team.owner(), "/vms/" + team.vmId() + "/console-shares",
                Map.of("username", team.carol(), "minutes", 60)).getStatusCode().value()).isEqualTo(201);
        assertThat(post(team.admin(), "/vms/" + team.vmId() + "/console-grants",
                Map.of("username", team.carol())).getStatusCode().value()).isEqualTo(201);

        PageClient carol = new PageClient(port, "en");
        carol.signIn(team.carol(), PASSWORD);
        String consoles = carol.get("/consoles").body();

        assertThat(consoles.split("data-vm=\"" + team.vmId() + "\"", -1)).as("one row of the VM").hasSize(2);
        assertThat(consoles).contains("data-vm=\"" + team.vmId() + "\" data-view-only=\"false\"")
                .contains("Console access")
                .contains("(also shared with you view-only: the interactive permission counts)");
    }
}

package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Presence and take-over: whoever has a console of the VM sees who else has it open (both
 * sides are told); someone with an interactive console takes it over, which asks the others'
 * consoles to end; a view-only viewer may not, and people without a console learn nothing.
 */
class ConsolePresenceIntegrationTest extends SharingTestSupport {

    @Test
    void bothSidesSeeEachOtherAndTheNewcomerTakesOver() {
        Team team = team();
        post(team.admin(), "/vms/" + team.vmId() + "/console-grants", Map.of("username", team.carol()));
        long owners = openConsole(team.vmId(), team.tenantId(), team.owner(), false);
        long carols = openConsole(team.vmId(), team.tenantId(), team.carol(), false);
        String presence = "/vms/" + team.vmId() + "/console/presence";

        PageClient owner = signedIn(team.owner());
        PageClient carol = signedIn(team.carol());
        String ownerSees = owner.get(presence, "HX-Request", "true").body();
        String carolSees = carol.get(presence, "HX-Request", "true").body();

        assertThat(ownerSees).contains("data-others=\"1\"").contains("id=\"console-other-" + carols + "\"")
                .contains(team.carol()).doesNotContain("console-other-" + owners).contains("id=\"console-takeover\"");
        assertThat(carolSees).contains("data-others=\"1\"").contains("id=\"console-other-" + owners + "\"")
                .contains("One other person has this console open").contains("id=\"console-takeover\"");

        HttpResponse<String> taken = carol.postForm("/vms/" + team.vmId() + "/console/takeover",
                "_csrf=" + PageClient.enc(PageClient.csrfOf(carol.get("/consoles").body())), "HX-Request", "true");

        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("id=\"console-taken-over\"").doesNotContain("id=\"console-takeover\"");
        assertThat(endRequest(owners)).containsEntry("end_requested", "TAKEN_OVER")
                .containsEntry("end_requested_by", idOf(team.carol()));
        assertThat(endRequest(carols).get("end_requested")).as("the newcomer's own console stays").isNull();
        assertThat(audited(team.carol(), "CONSOLE_TAKEN_OVER", team.vmId())).singleElement().asString()
                .contains("sessions=" + owners).contains("users=" + team.owner());
        assertThat(owner.get(presence, "HX-Request", "true").body()).as("the owner is told who is there")
                .contains("id=\"console-other-" + carols + "\"");
    }

    @Test
    void aViewOnlyViewerSeesOthersButMayNotTakeOverAndStrangersLearnNothing() {
        Team team = team();
        post(team.owner(), "/vms/" + team.vmId() + "/console-shares", Map.of("username", team.frank(), "minutes", 15));
        long owners = openConsole(team.vmId(), team.tenantId(), team.owner(), false);
        openConsole(team.vmId(), team.tenantId(), team.frank(), true);
        String presence = "/vms/" + team.vmId() + "/console/presence";

        PageClient frank = signedIn(team.frank());
        String frankSees = frank.get(presence, "HX-Request", "true").body();
        assertThat(frankSees).contains("id=\"console-other-" + owners + "\"").doesNotContain("id=\"console-takeover\"");
        HttpResponse<String> refused = frank.postForm("/vms/" + team.vmId() + "/console/takeover",
                "_csrf=" + PageClient.enc(PageClient.csrfOf(frank.get("/consoles").body())), "HX-Request", "true");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(endRequest(owners).get("end_requested")).isNull();

        assertThat(signedIn(team.owner()).get(presence, "HX-Request", "true").body())
                .contains("View only").contains(team.frank());
        assertThat(signedIn(team.carol()).get(presence, "HX-Request", "true").statusCode()).isEqualTo(404);
        assertThat(signedIn(team.tenant().approver()).get(presence, "HX-Request", "true").statusCode())
                .as("the approver sees the VM, not its console").isEqualTo(404);
        Team other = team();
        PageClient stranger = signedIn(other.admin());
        assertThat(stranger.postForm("/vms/" + team.vmId() + "/console/takeover",
                "_csrf=" + PageClient.enc(PageClient.csrfOf(stranger.get("/consoles").body()))).statusCode())
                .isEqualTo(404);
        assertThat(endRequest(owners).get("end_requested")).isNull();
    }

    @Test
    void alonePresenceSaysSo() {
        Team team = team();
        openConsole(team.vmId(), team.tenantId(), team.owner(), false);
        String alone = signedIn(team.owner()).get("/vms/" + team.vmId() + "/console/presence", "HX-Request", "true")
                .body();
        assertThat(alone).contains("data-others=\"0\"").contains("id=\"console-alone\"")
                .doesNotContain("console-takeover");
    }

    private PageClient signedIn(String username) {
        PageClient page = new PageClient(port, "en");
        page.signIn(username, PASSWORD);
        return page;
    }
}

package io.vsip4x.portal.console.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A VM's remote-view type on the platform, read by those who see the VM, set by those who operate it. */
class ConsoleViewTypeIntegrationTest extends ConsoleLinkTestSupport {

    @Test
    void ownerSetsTheTypeOnThePlatformAndEveryoneWhoSeesTheVmReadsIt() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        assertThat(get(t.requester(), "/vms/" + vmId + "/remote-view-type")).containsEntry("type", "vnc");

        ResponseEntity<Map<String, Object>> set = put(t.requester(), vmId, Map.of("type", "rdp"));

        assertThat(set.getStatusCode().value()).isEqualTo(200);
        assertThat(simulator.simulator().guest(vmId).viewType()).isEqualTo("rdp");
        assertThat(get(t.approver(), "/vms/" + vmId + "/remote-view-type")).containsEntry("vmId", vmId)
                .containsEntry("type", "rdp");
        assertThat(jdbc.sql("""
                SELECT params FROM audit_event WHERE action = 'VM_REMOTE_VIEW_TYPE_SET' AND target = :vm
                   AND result = 'SUCCESS'""").param("vm", vmId).query(String.class).list())
                .containsExactly("type=rdp");
    }

    @Test
    void othersAreRefusedAndBadTypesAndPlatformRefusalsAreAnswered() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String vmId = runningVm(t);

        assertThat(put(t.approver(), vmId, Map.of("type", "rdp")).getStatusCode().value()).isEqualTo(403);
        assertThat(put(other.requester(), vmId, Map.of("type", "rdp")).getStatusCode().value()).isEqualTo(404);
        assertThat(status(other.requester(), "/vms/" + vmId + "/remote-view-type")).isEqualTo(404);
        ResponseEntity<Map<String, Object>> bad = put(t.requester(), vmId, Map.of("type", "no spaces!"));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).containsKey("errors");
        assertThat(simulator.simulator().guest(vmId).viewType()).as("unchanged").isNull();

        // The portal has the VM; the platform does not: its refusal comes back with code and meaning.
        String unknown = "vm-gone-" + UUID.randomUUID().toString().substring(0, 8);
        portalVm(t, unknown, t.requester(), 1);
        String text = assertRefused(put(t.requester(), unknown, Map.of("type", "rdp")), "2004");
        assertThat(text).contains("VM does not exist").contains("2004");
        assertThat(jdbc.sql("""
                SELECT code FROM audit_event WHERE action = 'VM_REMOTE_VIEW_TYPE_SET' AND target = :vm
                   AND result = 'FAILURE'""").param("vm", unknown).query(String.class).list())
                .containsExactly("2004");
    }

    @Test
    void vmPageShowsTheTypeAndChangesIt() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient owner = new PageClient(port, "en");
        owner.signIn(t.requester(), PASSWORD);
        String csrf = PageClient.csrfOf(owner.get("/vms/" + vmId).body());

        assertThat(owner.get("/vms/" + vmId + "/console-links/panel").body()).contains("id=\"view-type-select\"")
                .contains("<option value=\"vnc\" selected=\"selected\">vnc</option>");
        HttpResponse<String> saved = owner.postForm("/vms/" + vmId + "/remote-view-type",
                "type=fastrap&_csrf=" + PageClient.enc(csrf), "HX-Request", "true");
        assertThat(saved.body()).contains("The remote-view type was saved.")
                .contains("<option value=\"fastrap\" selected=\"selected\">fastrap</option>");
        assertThat(simulator.simulator().guest(vmId).viewType()).isEqualTo("fastrap");

        PageClient approver = new PageClient(port, "en");
        approver.signIn(t.approver(), PASSWORD);
        String panel = approver.get("/vms/" + vmId + "/console-links/panel").body();
        assertThat(panel).contains("id=\"view-type\"").doesNotContain("view-type-select")
                .doesNotContain("console-links-show").doesNotContain("console-leases");
    }

    private ResponseEntity<Map<String, Object>> put(String user, String vmId, Object body) {
        return api(user).put().uri("/vms/" + vmId + "/remote-view-type").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JSON);
    }
}

package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Who reaches a VM's console page and what it carries (no browser): the owner gets the page with
 * the presence and share fragments and no secret; a teammate without a console right is refused
 * with 403, a stranger gets the VMs' 404; the VM page's Console button opens the console or says
 * why it cannot; the page leads back to the VM only those who see it, others to their consoles.
 */
class ConsolePageIntegrationTest extends ConsoleTestSupport {

    private static final Pattern CONSOLE_BUTTON = Pattern.compile("<(a|button)[^>]*id=\"action-console\"[^>]*>");

    @Test
    void ownerGetsThePageWithTheFragmentsAndNoSecret() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient owner = signedIn(t.requester());

        HttpResponse<String> page = owner.get("/vms/" + vmId + "/console");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("data-view-only=\"false\"")
                .contains("data-token-url=\"/vms/" + vmId + "/console/token\"")
                .contains("id=\"console-presence\" hx-get=\"/vms/" + vmId + "/console/presence\"")
                .contains("hx-trigger=\"load, every 3s\"")
                .contains("id=\"console-shares\" hx-get=\"/vms/" + vmId + "/console/shares\"")
                .contains("src=\"/guacamole-common-js/all.min.js\"")
                .contains("id=\"key-ctrl-alt-del\"")
                .contains("id=\"key-ctrl-alt-f7\" data-keys=\"65507 65513 65476\"")
                .doesNotContain("console-not-running");
        String vncPassword = platform.call(c -> c.getRemoteControlInfo(vmId)).password();
        assertThat(vncPassword).isNotBlank();
        assertThat(html).doesNotContain(vncPassword);
        assertThat(html).contains("控制台：" + name(vmId));
    }

    @Test
    void vmPagesButtonOpensTheConsoleWhileRunningAndSaysWhyNotWhenStopped() {
        TestTenant t = newTenant();
        String running = runningVm(t);
        String stopped = stoppedVm(t);
        PageClient owner = signedIn(t.requester());

        String link = button(owner.get("/vms/" + running).body());
        assertThat(link).startsWith("<a").contains("href=\"/vms/" + running + "/console\"");

        String disabled = button(owner.get("/vms/" + stopped).body());
        assertThat(disabled).startsWith("<button").contains("disabled")
                .contains("title=\"只有虚拟机运行或暂停时才能打开控制台。\"");
        HttpResponse<String> page = owner.get("/vms/" + stopped + "/console");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"console-not-running\"");
    }

    @Test
    void teammateWithoutAConsoleRightIsRefusedAndAStrangerDoesNotSeeTheVm() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TestTenant other = newTenant();

        // The approver sees the tenant's VMs but gets no console (viewers-view-only is off).
        PageClient approver = signedIn(t.approver());
        HttpResponse<String> refused = approver.get("/vms/" + vmId + "/console");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("您没有虚拟机 " + name(vmId) + " 的控制台权限。");
        assertThat(button(approver.get("/vms/" + vmId).body())).startsWith("<button").contains("disabled")
                .contains("title=\"您没有此虚拟机的控制台权限。\"");

        HttpResponse<String> hidden = signedIn(other.requester()).get("/vms/" + vmId + "/console");
        assertThat(hidden.statusCode()).isEqualTo(404);
    }

    @Test
    void thePageLeadsBackToTheVmOnlyThoseWhoSeeItAndOthersToTheirConsoles() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String mate = teammate(t);
        share(vmId, t.requester(), mate);

        String owners = signedIn(t.requester()).get("/vms/" + vmId + "/console").body();
        assertThat(owners).containsPattern("id=\"console-back\" href=\"/vms/" + vmId + "\"[^>]*>返回虚拟机<");

        HttpResponse<String> shared = signedIn(mate).get("/vms/" + vmId + "/console");
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).containsPattern("id=\"console-back\" href=\"/consoles\"[^>]*>返回我的控制台<")
                .doesNotContain("href=\"/vms/" + vmId + "\"");
        assertThat(signedIn(mate).get("/vms/" + vmId).statusCode()).isEqualTo(404);
    }

    @Test
    void theStatusBadgeFollowsTheVm() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient owner = signedIn(t.requester());
        assertThat(owner.get("/vms/" + vmId + "/console").body())
                .containsPattern("id=\"console-vm-status\"[^>]*hx-get=\"/vms/" + vmId + "/console\"")
                .contains("hx-trigger=\"every 3s\"");

        assertThat(badge(owner, vmId)).contains("data-status=\"1\"").contains(">运行中<");
        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 0);
        String stopped = badge(owner, vmId);
        assertThat(stopped).contains("data-status=\"0\"").contains(">已停止<")
                .contains("hx-trigger=\"every 3s\"").doesNotContain("<main").doesNotContain("console-toolbar");
    }

    private static String badge(PageClient client, String vmId) {
        HttpResponse<String> badge = client.get("/vms/" + vmId + "/console", "HX-Request", "true",
                "HX-Target", "console-vm-status");
        assertThat(badge.statusCode()).isEqualTo(200);
        return badge.body().strip();
    }

    @Test
    void guacamoleCommonJsIsServedWithoutSigningIn() {
        HttpResponse<String> script = new PageClient(port, "en").get("/guacamole-common-js/all.min.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("Guacamole.WebSocketTunnel");
    }

    @Test
    void everyReasonWordAndTokenRefusalHasAText() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String html = signedIn(t.requester()).get("/vms/" + vmId + "/console").body();
        Set<String> keys = new TreeSet<>();
        Arrays.stream(ConsoleReason.values()).forEach(w -> keys.add("reason." + w.name()));
        ConsolePageController.TOKEN_REFUSALS.forEach(s -> keys.add("http." + s));
        for (String key : keys) {
            Matcher m = Pattern.compile("data-key=\"" + Pattern.quote(key) + "\">([^<]*)<").matcher(html);
            assertThat(m.find()).as(key).isTrue();
            assertThat(m.group(1)).as(key).isNotBlank().doesNotContain("??");
        }
    }

    private static String button(String html) {
        Matcher m = CONSOLE_BUTTON.matcher(html);
        assertThat(m.find()).as("the VM page has a Console button").isTrue();
        return m.group();
    }

    private PageClient signedIn(String username) {
        PageClient client = new PageClient(port, "zh-CN");
        client.signIn(username, PASSWORD);
        return client;
    }

    private String name(String vmId) {
        return jdbc.sql("SELECT name FROM vm WHERE vm_id = :id").param("id", vmId).query(String.class).single();
    }
}

package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.sdk.model.VnicInfo;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The VM's page: its facts, the NICs and disks the platform reports, its history with result
 * codes, and buttons enabled by the same rule the API applies, a disabled one saying why with
 * the spec's code; the page's own operation requests.
 */
class VmDetailPageIntegrationTest extends VmOperationsTestSupport {

    @Test
    void thePageShowsFactsDevicesHistoryAndButtonsByTheSpecsRules() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        VnicInfo nic = platform.call(c -> c.getVmVnics(vmId)).devices().get(0);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);

        HttpResponse<String> answer = page.get("/vms/" + vmId);

        assertThat(answer.statusCode()).isEqualTo(200);
        String html = answer.body();
        assertThat(html).contains("id=\"vm-status\"").contains(">Running<").contains("status code 1");
        assertThat(html).contains(vmId).contains("2 vCPU / 2048 MiB memory / 40 GiB disk").contains("pool-prod")
                .contains("Request #").contains("id=\"monitoring\"").contains("/vms/" + vmId + "/monitoring/panel");
        assertThat(html).contains(nic.macAddress()).contains(nic.ipAddress()).contains(nic.gateway())
                .contains("id=\"vm-disks\"");
        assertThat(html).contains("id=\"vm-history\"").contains("2010 VM started successfully");
        assertThat(button(html, "start")).contains("disabled").contains("aria-describedby=\"why-start\"")
                .contains("can be started only when it is stopped. (code 2049)");
        assertThat(html).contains("id=\"why-start\" data-code=\"2049\"");
        assertThat(button(html, "shutdown")).doesNotContain("disabled");
        assertThat(button(html, "pause")).doesNotContain("disabled");
        assertThat(button(html, "resume")).contains("disabled").contains("(code 2051)");
        assertThat(html).contains("id=\"why-delete\" data-code=\"2049\"").contains("name=\"secureErase\"");
        assertThat(html).as("owners do not migrate").doesNotContain("id=\"migrate-form\"")
                .doesNotContain("id=\"move-form\"");

        simulator.simulator().faults().platformDown(true);
        try {
            assertThat(page.get("/vms/" + vmId).body()).contains("The platform cannot be reached right now");
        } finally {
            simulator.simulator().faults().platformDown(false);
        }
    }

    @Test
    void thePagesRequestsFollowTheSameRulesAndRefreshItsLivePart() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String token = PageClient.csrfOf(page.get("/vms/" + vmId).body());

        HttpResponse<String> refused = page.postForm("/vms/" + vmId + "/start", "_csrf=" + token,
                "HX-Request", "true", "HX-Target", "vm-live");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("can be started only when it is stopped").contains("2049");

        HttpResponse<String> paused = page.postForm("/vms/" + vmId + "/pause", "_csrf=" + token,
                "HX-Request", "true", "HX-Target", "vm-live");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body()).startsWith("<section id=\"vm-live\"").contains("Pausing")
                .contains("another operation on it is under way");
        awaitSettled(t.requester(), vmId, 4);
        HttpResponse<String> live = page.postForm("/vms/" + vmId + "/resume", "_csrf=" + token,
                "HX-Request", "true", "HX-Target", "vm-live");
        assertThat(live.body()).contains("2012 VM paused successfully");
        awaitSettled(t.requester(), vmId, 1);

        HttpResponse<String> fromList = page.postForm("/vms/" + vmId + "/shutdown", "_csrf=" + token,
                "HX-Request", "true", "HX-Target", "vm-rows");
        assertThat(fromList.statusCode()).as("the list refreshes itself on the live event").isEqualTo(204);
        awaitSettled(t.requester(), vmId, 0);

        HttpResponse<String> plain = page.postForm("/vms/" + vmId + "/start", "_csrf=" + token);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.uri().getPath()).isEqualTo("/vms/" + vmId);
        awaitSettled(t.requester(), vmId, 1);

        PageClient approver = new PageClient(port, "zh-CN");
        approver.signIn(t.approver(), PASSWORD);
        String approverPage = approver.get("/vms/" + vmId).body();
        assertThat(approverPage).contains("id=\"vm-status\"").doesNotContain("id=\"action-shutdown\"")
                .doesNotContain("id=\"delete-form\"");
        assertThat(approver.postForm("/vms/" + vmId + "/shutdown", "_csrf=" + PageClient.csrfOf(approverPage))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void platformAdminsGetMigrateAndMoveFormsWithTheHostsOfThePool() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String from = simulator.simulator().vm(vmId).orElseThrow().hostId();
        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(platformAdmin(t), PASSWORD);

        String html = page.get("/vms/" + vmId).body();

        Matcher migrate = Pattern.compile("<select id=\"migrate-host\".*?</select>", Pattern.DOTALL).matcher(html);
        assertThat(migrate.find()).isTrue();
        assertThat(migrate.group()).doesNotContain("value=\"" + from + "\"").doesNotContain("host-03")
                .contains("value=\"" + ("host-01".equals(from) ? "host-02" : "host-01") + "\"");
        assertThat(button(html, "migrate")).doesNotContain("disabled");
        assertThat(button(html, "move")).contains("disabled").contains("只有在停止时才能移动").contains("2049");
        assertThat(html).contains("id=\"move-pool\"").contains("value=\"pool-test\"");
    }

    @Test
    void anOperationUnderWayShowsItsStateNotItsAcceptingCodeAsSuccess() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        // A migration the platform accepted (code 0) whose callback has not come yet.
        jdbc.sql("INSERT INTO operation (kind, vm_id, state, result_code, correlation_id)"
                + " VALUES ('MIGRATE_VM', :vmId, 'SENT', '0', 'test-under-way')").param("vmId", vmId).update();
        try {
            PageClient page = new PageClient(port, "zh-CN");
            page.signIn(t.requester(), PASSWORD);
            String html = page.get("/vms/" + vmId).body();
            Matcher row = Pattern.compile("<tr id=\"op-\\d+\" data-code=\"0\">.*?</tr>", Pattern.DOTALL)
                    .matcher(html);
            assertThat(row.find()).as("the migration's row").isTrue();
            assertThat(row.group()).contains("执行中").contains("已受理").doesNotContain("成功")
                    .doesNotContain("class=\"result-code\"");
        } finally {
            jdbc.sql("UPDATE operation SET state = 'DONE', completed_at = CURRENT_TIMESTAMP"
                    + " WHERE vm_id = :vmId AND correlation_id = 'test-under-way'").param("vmId", vmId).update();
        }
    }

    /** The opening tag of the button of {@code action}. */
    private static String button(String html, String action) {
        Matcher m = Pattern.compile("<button[^>]*id=\"action-" + action + "\"[^>]*>").matcher(html);
        assertThat(m.find()).as("button %s", action).isTrue();
        return m.group();
    }
}

package io.vsip4x.portal.admin.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host pages at work: an unknown pool filter, a host whose VM list cannot be read, the state
 * part polling fast only while a power operation is under way, and a second click on a power
 * confirmation.
 */
class HostPageIntegrationTest extends HostTestSupport {

    private PageClient browser;

    @BeforeEach
    void signedIn() {
        awaitHostEmpty();
        await().atMost(PATIENCE).until(this::online);
        browser = new PageClient(port, "en");
        browser.signIn(ADMIN, PASSWORD);
    }

    @Test
    void anUnknownPoolFilterIsA400InTheApiAndANoticeOnThePage() {
        Map<String, Object> refused = get(ADMIN, "/admin/hosts?pool=pool-nope");
        assertThat(refused).containsEntry("status", 400);
        assertThat(refused.get("detail"))
                .isEqualTo("The platform lists no pool pool-nope. Choose a pool from the list.");
        assertThat(getList(ADMIN, "/admin/hosts?pool=pool-test")).hasSize(2);

        HttpResponse<String> page = browser.get("/admin/hosts?pool=pool-nope");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"pool-error\"").contains("The platform lists no pool pool-nope.")
                .contains("id=\"host-filters\"").contains("value=\"pool-test\"")
                .doesNotContain("id=\"hosts-list\"").doesNotContain("id=\"hosts-none\"");
        PageClient chinese = new PageClient(port, "zh-CN");
        chinese.signIn(ADMIN, PASSWORD);
        assertThat(chinese.get("/admin/hosts?pool=pool-nope").body()).contains("平台没有资源池 pool-nope");
    }

    @Test
    void aBadStateOrLevelFilterIsA400InTheApiAndIgnoredWithANoticeOnThePage() {
        assertThat(get(ADMIN, "/admin/hosts?online=maybe")).containsEntry("status", 400);

        HttpResponse<String> page = browser.get("/admin/hosts?online=maybe&classification=high");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("An invalid filter was ignored: Choose running (true) or shut down (false).")
                .contains("An invalid filter was ignored: The classification must be a whole number")
                .contains("id=\"hosts-list\"").contains("id=\"host-host-01\"").contains("id=\"host-filters\"");
        PageClient chinese = new PageClient(port, "zh-CN");
        chinese.signIn(ADMIN, PASSWORD);
        assertThat(chinese.get("/admin/hosts?online=maybe").body()).contains("已忽略无效的筛选条件：请选择运行中");
    }

    @Test
    void aHostWhoseVmListCannotBeReadIsShownWithANote() {
        simulator.simulator().faults().answer("searchVmList", "9001", null);
        try {
            Map<String, Object> detail = get(ADMIN, "/admin/hosts/" + HOST);
            assertThat(detail).containsEntry("vmsUnavailable", true).containsEntry("cpuArch", "x86_64");
            @SuppressWarnings("unchecked")
            Map<String, Object> host = (Map<String, Object>) detail.get("host");
            assertThat(host).containsEntry("hostId", HOST).containsEntry("platformVms", null);

            String page = browser.get("/admin/hosts/" + HOST).body();
            assertThat(page).contains("id=\"host-vms-unavailable\"").contains("id=\"host-facts\"")
                    .contains("id=\"host-disks\"").contains("id=\"host-monitoring\"")
                    .doesNotContain("id=\"host-vms-none\"");
            String confirm = browser.get("/admin/hosts/" + HOST + "/shutdown").body();
            assertThat(confirm).as("no shutdown without the VMs it affects").contains("id=\"host-vms-unavailable\"")
                    .containsPattern("id=\"host-power-confirm\"[^>]*disabled");
        } finally {
            simulator.simulator().faults().clearMethod("searchVmList");
        }
        assertThat(get(ADMIN, "/admin/hosts/" + HOST)).containsEntry("vmsUnavailable", false);
    }

    @Test
    void theStatePollsEveryThreeSecondsOnlyWhileAnOperationIsUnderWay() {
        assertThat(browser.get("/admin/hosts/" + HOST).body()).contains("hx-trigger=\"every 30s\"")
                .doesNotContain("every 3s");

        simulator.simulator().pauseCallbacks(true);
        long id = accepted("shutdown");
        await().atMost(PATIENCE).until(() -> "SENT".equals(operation(id).get("state")));
        String state = browser.get("/admin/hosts/" + HOST + "/state").body();
        assertThat(state).contains("hx-trigger=\"every 3s\"").contains("id=\"host-pending\"");

        simulator.simulator().pauseCallbacks(false);
        awaitFinished(id, "DONE");
        assertThat(browser.get("/admin/hosts/" + HOST + "/state").body()).contains("hx-trigger=\"every 30s\"")
                .contains("data-online=\"false\"");
    }

    @Test
    void aSecondClickOnTheConfirmationShowsTheHostWithANotice() {
        String confirm = browser.get("/admin/hosts/" + HOST + "/shutdown").body();
        assertThat(confirm).contains("data-submit-once");
        String form = "_csrf=" + PageClient.csrfOf(confirm);
        simulator.simulator().pauseCallbacks(true);
        int refusedBefore = audited("HOST_SHUTDOWN", HOST, "DENIED", null);

        HttpResponse<String> first = browser.postForm("/admin/hosts/" + HOST + "/shutdown", form);
        HttpResponse<String> second = browser.postForm("/admin/hosts/" + HOST + "/shutdown", form);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.uri().getPath()).isEqualTo("/admin/hosts/" + HOST);
        assertThat(first.body()).doesNotContain("id=\"host-power-notice\"");
        assertThat(second.statusCode()).as("the host, not an error page").isEqualTo(200);
        assertThat(second.uri().getPath()).isEqualTo("/admin/hosts/" + HOST);
        assertThat(second.body()).contains("id=\"host-power-notice\"")
                .contains("A start or shutdown of host " + HOST + " is under way already.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operation WHERE host_id = :h AND state IN ('QUEUED', 'SENDING', "
                + "'SENT')").param("h", HOST).query(Integer.class).single()).as("asked once").isEqualTo(1);
        assertThat(audited("HOST_SHUTDOWN", HOST, "DENIED", null)).as("the second is refused all the same")
                .isEqualTo(refusedBefore + 1);
        assertThat(power(ADMIN, HOST, "shutdown").getStatusCode().value()).as("the API still says 409")
                .isEqualTo(409);
    }
}

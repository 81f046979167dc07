package io.vsip4x.portal.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's figures through the simulator: hosts, VMs and pool use as the platform reports them,
 * the operation queue and its oldest item, callbacks per minute, the live probe; the page and its htmx
 * refresh; and no one but a platform admin may see it.
 */
class DashboardIntegrationTest extends DashboardTestSupport {

    @Autowired
    PlatformClient platform;

    private String operationVm;
    private String eventPrefix;

    @AfterEach
    void removeRows() {
        if (operationVm != null) {
            jdbc.sql("DELETE FROM operation WHERE vm_id = :vm").param("vm", operationVm).update();
        }
        if (eventPrefix != null) {
            jdbc.sql("DELETE FROM callback_event WHERE event_id LIKE :p").param("p", eventPrefix + "%").update();
        }
    }

    @Test
    void hostsVmsAndPoolsAreThePlatformsFigures() {
        String admin = platformAdmin(newTenant());

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<HostInfo> hosts = platform.read(c -> c.searchHostList(Map.of()));
            List<PoolMonitor> monitors = platform.read(c -> c.searchRepository(Map.of())).stream()
                    .map(PoolInfo::repositoryId)
                    .map(id -> platform.read(c -> c.getRepositoryMonitor(id)))
                    .flatMap(Optional::stream).toList();
            Map<String, Object> dash = dashboard(admin);

            assertThat(dash).containsEntry("platformAvailable", true);
            assertThat(section(dash, "hosts")).containsEntry("total", hosts.size())
                    .containsEntry("online", (int) hosts.stream().filter(HostInfo::online).count());
            assertThat(section(dash, "vms"))
                    .containsEntry("total", (int) monitors.stream().mapToLong(m -> m.vmStats().count()).sum())
                    .containsEntry("running", (int) monitors.stream().mapToLong(m -> m.vmStats().runCount()).sum());
            assertThat(pools(dash)).extracting(p -> p.get("id"))
                    .containsExactlyElementsOf(monitors.stream().map(m -> m.pool().repositoryId()).toList());
            for (PoolMonitor m : monitors) {
                Map<String, Object> use = pools(dash).stream()
                        .filter(p -> m.pool().repositoryId().equals(p.get("id"))).findFirst().orElseThrow();
                assertThat(number(use, "storageTotal")).isEqualTo(m.pool().totalBytes());
                assertThat(number(use, "storageUsed")).isEqualTo(m.pool().totalBytes() - m.pool().freeBytes());
                assertThat(number(use, "cores")).isEqualTo(m.hostStats().cpu());
                assertThat(number(use, "hosts")).isEqualTo(m.hostStats().count());
                assertThat(number(use, "cpuPercent")).isBetween(0L, 100L);
                assertThat(number(use, "memoryPercent")).isBetween(0L, 100L);
            }
        });
        assertThat(pools(dashboard(admin))).as("the demo platform has pools with storage").isNotEmpty()
                .allSatisfy(p -> assertThat(number(p, "storageTotal")).isPositive());
    }

    @Test
    void queueShowsItsDepthAndOldestItemWithALinkToItsVm() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        long before = number(section(dashboard(admin), "queue"), "depth");
        operationVm = "dash-op-" + t.code();
        // Queued long ago but due only tomorrow: the dispatcher leaves it alone while the test reads.
        jdbc.sql("""
                INSERT INTO operation (kind, vm_id, state, next_attempt_at, created_at)
                VALUES ('START_VM', :vm, 'QUEUED', NOW(3) + INTERVAL 1 DAY, NOW(3) - INTERVAL 3000 DAY)""")
                .param("vm", operationVm).update();

        Map<String, Object> queue = section(dashboard(admin), "queue");
        assertThat(number(queue, "depth")).isGreaterThanOrEqualTo(before + 1)
                .isEqualTo(number(queue, "queued") + number(queue, "sending") + number(queue, "sent"));
        Map<String, Object> oldest = section(queue, "oldest");
        assertThat(oldest).containsEntry("vmId", operationVm).containsEntry("kind", "START_VM")
                .containsEntry("method", "startVm");
        assertThat(number(oldest, "ageSeconds")).isBetween(3000L * 86400 - 60, 3000L * 86400 + 60);

        String page = signedIn(admin).get("/admin").body();
        assertThat(page).contains("href=\"/vms/" + operationVm + "\"").contains(text("admin.dashboard.queue.vm",
                operationVm)).contains(text("admin.dashboard.age.days", 3000, 0));
    }

    @Test
    void callbacksAreCountedPerMinuteOverTheLastHour() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        eventPrefix = "dash-" + t.code() + "-";
        for (int i = 0; i < 3; i++) {
            // Thirty minutes and a few seconds ago: the 30th minute back, whatever the second now.
            jdbc.sql("""
                    INSERT INTO callback_event (event_id, vm_id, operation, result_code, sequence, received_at)
                    VALUES (:id, 'dash-vm', 'startVm', '2100', :i, NOW(3) - INTERVAL 1805 SECOND)""")
                    .param("id", eventPrefix + i).param("i", i).update();
        }
        jdbc.sql("""
                INSERT INTO callback_event (event_id, vm_id, operation, result_code, sequence, received_at)
                VALUES (:id, 'dash-vm', 'startVm', '2100', 9, NOW(3) - INTERVAL 2 HOUR)""")
                .param("id", eventPrefix + "old").update();

        Map<String, Object> callbacks = section(dashboard(admin), "callbacks");
        @SuppressWarnings("unchecked")
        List<Number> perMinute = (List<Number>) callbacks.get("perMinute");
        assertThat(perMinute).hasSize(60);
        assertThat(perMinute.get(59 - 30).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(number(callbacks, "total")).isEqualTo(perMinute.stream().mapToLong(Number::longValue).sum())
                .isGreaterThanOrEqualTo(3);

        String page = signedIn(admin).get("/admin").body();
        assertThat(page).contains("class=\"dash-histogram\"").contains(text("admin.dashboard.callbacks.minute", 30,
                perMinute.get(29).longValue()));
    }

    @Test
    void pageShowsEverySectionWithTheAdminTabsAndRefreshesItsBodyWithHtmx() {
        String admin = platformAdmin(newTenant());
        PageClient page = signedIn(admin);

        HttpResponse<String> full = page.get("/admin");
        assertThat(full.statusCode()).isEqualTo(200);
        Map<String, Object> dash = dashboard(admin);
        Map<String, Object> hosts = section(dash, "hosts");
        assertThat(full.body()).contains("id=\"admin-tabs\"").contains("id=\"admin-tab-dashboard\"")
                .contains(text("admin.dashboard.title"))
                .contains(text("admin.dashboard.hosts.online", number(hosts, "online"), number(hosts, "total")))
                .contains(text("admin.dashboard.licence.version", "VSIP4X 4.2.0 (simulator)"))
                .contains("hx-trigger=\"every 15s\"").contains("data-bar=\"cpu\"").contains("data-bar=\"storage\"")
                .contains("id=\"dash-probe\"").doesNotContain(text("admin.platformUnavailable"));
        for (Map<String, Object> pool : pools(dash)) {
            assertThat(full.body()).contains("data-pool=\"" + pool.get("id") + "\"");
        }
        assertThat(section(dash, "probe")).containsEntry("answered", true);
        assertThat(number(section(dash, "probe"), "latencyMs")).isNotNegative();
        assertThat(section(dash, "health")).containsEntry("reachable", true);

        HttpResponse<String> body = page.get("/admin", "HX-Request", "true");
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(body.body()).contains("id=\"dashboard\"").contains("id=\"dash-pools\"")
                .doesNotContain("class=\"topbar\"").doesNotContain("id=\"admin-tabs\"");
    }

    @Test
    void onlyPlatformAdminsSeeIt() {
        TestTenant t = newTenant();
        String auditor = auditor(t);
        for (String user : List.of(t.requester(), t.approver(), auditor)) {
            assertThat(status(user, "/admin/dashboard")).as("API for %s", user).isEqualTo(403);
            assertThat(signedIn(user).get("/admin").statusCode()).as("page for %s", user).isEqualTo(403);
        }
        assertThat(status(platformAdmin(t), "/admin/dashboard")).isEqualTo(200);
    }
}

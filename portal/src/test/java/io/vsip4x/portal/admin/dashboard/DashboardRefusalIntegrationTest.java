package io.vsip4x.portal.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard when the platform answers with a refusal code rather than its data: the section is
 * unavailable, not empty or "unknown", and the probe says the platform refused with its code. And a
 * platform that holds every pool's read costs concurrent dashboards one budget each, not one read per pool
 * nor a wait behind each other.
 */
class DashboardRefusalIntegrationTest extends DashboardTestSupport {

    private static final String SYSTEM_INFO = "getSystemInfo";
    private static final String MONITOR = "getRepositoryMonitor";

    @AfterEach
    void platformBack() {
        simulator.simulator().faults().clearMethod(SYSTEM_INFO);
        simulator.simulator().faults().clearMethod(MONITOR);
    }

    @Test
    void aRefusedSystemInfoLeavesTheLicenceUnavailableAndTheProbeNamesTheCode() {
        String admin = platformAdmin(newTenant());
        simulator.simulator().faults().answer(SYSTEM_INFO, "1000", null);

        Map<String, Object> dash = dashboard(admin);

        assertThat(dash).containsEntry("licence", null).containsEntry("platformAvailable", false);
        assertThat(section(dash, "probe")).containsEntry("answered", true).containsEntry("code", "1000");
        assertThat(dash.get("pools")).as("the other sections still stand").isNotNull();
        String page = signedIn(admin).get("/admin").body();
        assertThat(page).contains(text("admin.platformUnavailable"))
                .containsPattern("id=\"dash-probe\" class=\"bad\">The platform refused the read \\(code 1000\\)");
    }

    @Test
    void aRefusedPoolMonitorShowsTheSectionsUnavailableOnThePage() {
        String admin = platformAdmin(newTenant());
        simulator.simulator().faults().answer(MONITOR, "1000", null);

        String page = signedIn(admin).get("/admin").body();

        assertThat(page).doesNotContain(text("admin.dashboard.pools.none"))
                .doesNotContain(text("admin.dashboard.vms.running", 0, 0));
        assertThat(page.split(java.util.regex.Pattern.quote(text("admin.platformUnavailable")), -1))
                .as("the VMs and the pools say so").hasSize(3);
    }

    @Test
    void concurrentDashboardsOnAPlatformHoldingEveryPoolReadEachCostOneBudget() {
        String admin = platformAdmin(newTenant());
        int pools = pools(dashboard(admin)).size();
        assertThat(pools).as("the demo platform has several pools").isGreaterThan(1);
        // Held far beyond the page-read time-out: every pool's read fails at its time-out, side by side.
        simulator.simulator().faults().silent(MONITOR, Duration.ofSeconds(10), null);
        Duration budget = Duration.ofSeconds(8);

        long start = System.nanoTime();
        List<CompletableFuture<Map<String, Object>>> reads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> dashboard(admin)));
        }
        List<Map<String, Object>> answers = reads.stream().map(CompletableFuture::join).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answers).allSatisfy(dash -> assertThat(dash).containsEntry("pools", null)
                .containsEntry("vms", null).containsEntry("platformAvailable", false));
        assertThat(answers).allSatisfy(dash -> assertThat(dash.get("hosts")).isNotNull());
        assertThat(took).as("eight dashboards at once, each waiting one budget at most")
                .isLessThan(budget.plusSeconds(3));
    }
}

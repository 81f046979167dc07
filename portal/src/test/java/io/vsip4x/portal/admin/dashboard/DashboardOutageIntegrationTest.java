package io.vsip4x.portal.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard when the platform fails: each platform-backed section says it could not be read while
 * the rest (queue, callbacks, health) still shows; the page answers 200 without hanging, and the API
 * gives those sections as null with {@code platformAvailable} false.
 */
class DashboardOutageIntegrationTest extends DashboardTestSupport {

    /** Far above the page-read time-out (3 s): proves only that nothing waits for long time-outs. */
    private static final Duration NO_HANG = Duration.ofSeconds(12);

    @AfterEach
    void platformBack() {
        simulator.simulator().faults().platformDown(false);
        simulator.simulator().faults().clearMethod("searchHostList");
        simulator.simulator().faults().clearMethod("getRepositoryMonitor");
    }

    @Test
    void unreachablePlatformLeavesItsSectionsUnavailableAndTheRestShown() {
        String admin = platformAdmin(newTenant());
        PageClient page = signedIn(admin);
        simulator.simulator().faults().platformDown(true);

        Map<String, Object> dash = dashboard(admin);
        assertThat(dash).containsEntry("platformAvailable", false).containsEntry("licence", null)
                .containsEntry("hosts", null).containsEntry("vms", null).containsEntry("pools", null);
        assertThat(section(dash, "probe")).containsEntry("answered", false);
        assertThat(section(dash, "queue")).containsKey("depth");
        assertThat(section(dash, "callbacks")).containsKey("total");
        assertThat(section(dash, "health")).containsEntry("reachable", false);

        long start = System.nanoTime();
        HttpResponse<String> answer = page.get("/admin");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NO_HANG);
        assertThat(answer.statusCode()).isEqualTo(200);
        String unavailable = text("admin.platformUnavailable");
        assertThat(answer.body().split(Pattern.quote(unavailable), -1)).as("four sections say so")
                .hasSize(5);
        assertThat(answer.body()).contains("id=\"dash-queue-depth\"").contains("id=\"dash-callbacks-total\"")
                .containsPattern("id=\"dash-probe\" class=\"bad\">The platform did not answer \\(waited \\d+ ms\\)");
    }

    @Test
    void oneFailingReadLeavesOnlyItsSectionUnavailable() {
        String admin = platformAdmin(newTenant());
        simulator.simulator().faults().silent("searchHostList", Duration.ofSeconds(8), null);

        Map<String, Object> dash = dashboard(admin);
        assertThat(dash).containsEntry("platformAvailable", false).containsEntry("hosts", null);
        assertThat(dash.get("licence")).isNotNull();
        assertThat(dash.get("pools")).isNotNull();
        assertThat(dash.get("vms")).isNotNull();
        assertThat(section(dash, "probe")).containsEntry("answered", true);
    }

    @Test
    void aPlatformSlowOnEveryPoolCostsThePageOneSlowReadNotOnePerPool() {
        String admin = platformAdmin(newTenant());
        int pools = pools(dashboard(admin)).size();
        assertThat(pools).as("the demo platform has several pools").isGreaterThan(1);
        Duration slow = Duration.ofMillis(1500);
        simulator.simulator().faults().slow("getRepositoryMonitor", slow, null);

        long start = System.nanoTime();
        Map<String, Object> dash = dashboard(admin);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(pools(dash)).as("every pool read").hasSize(pools);
        assertThat(took).as("pools read side by side").isLessThan(slow.multipliedBy(pools));
    }
}

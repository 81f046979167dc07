package io.vsip4x.portal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

/**
 * The monitoring series of a VM as JSON and as the panel the detail page loads: read from the
 * tables (rows an earlier run of the portal left behind show, nothing comes from memory), only
 * for people who may see the VM, for the last hour or day.
 */
class MonitoringApiIntegrationTest extends PortalTestSupport {

    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void seriesOfTheLastHourAndDayComeFromTheTables() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        // The sample a minute old must lie after the last ten-minute bucket, not inside it.
        if (Math.floorMod(clock.instant().getEpochSecond(), 600) < 90) {
            clock.advance(Duration.ofSeconds(120));
        }
        long now = clock.instant().getEpochSecond();
        long lastBucket = now - Math.floorMod(now, 600) - 600;
        // Left by an earlier run: a bucket five hours ago, one just rolled up, raw samples since.
        MonitoringTestData.bucket(jdbc, vmId, lastBucket - 5 * 3600, 40, 1000);
        MonitoringTestData.bucket(jdbc, vmId, lastBucket, 25, 2000);
        MonitoringTestData.sample(jdbc, vmId, now - 3 * 3600, 90, 9);
        MonitoringTestData.sample(jdbc, vmId, now - 1800, 12.5, 10);
        MonitoringTestData.sample(jdbc, vmId, now - 60, 17, 20);

        Map<String, Object> hour = get(t.requester(), "/vms/" + vmId + "/monitoring?range=hour");

        assertThat(hour).containsEntry("vmId", vmId).containsEntry("range", "hour").containsEntry("running", true);
        assertThat(numbers(hour, "timestamps")).containsExactly((double) now - 1800, (double) now - 60);
        assertThat(numbers(hour, "cpu")).containsExactly(12.5, 17.0);
        assertThat(numbers(hour, "memory")).containsExactly((double) (1L << 30), (double) (1L << 30));
        assertThat(numbers(hour, "memoryTotal")).containsOnly((double) (2L << 30));
        assertThat(numbers(hour, "diskRead")).containsExactly(10.0, 20.0);
        assertThat(numbers(hour, "diskWrite")).containsExactly(20.0, 40.0);
        assertThat(numbers(hour, "netIn")).containsExactly(30.0, 60.0);
        assertThat(numbers(hour, "netOut")).containsExactly(40.0, 80.0);
        assertThat(get(t.requester(), "/vms/" + vmId + "/monitoring")).containsEntry("range", "hour");

        // The day: ten-minute buckets, then the raw samples newer than the last bucket.
        Map<String, Object> day = get(t.requester(), "/vms/" + vmId + "/monitoring?range=day");
        List<Double> times = numbers(day, "timestamps");
        assertThat(times).isSorted().first().isEqualTo((double) lastBucket - 5 * 3600);
        assertThat(numbers(day, "cpu")).startsWith(40.0, 25.0);
        assertThat(numbers(day, "cpuMax")).startsWith(50.0, 35.0);
        assertThat(numbers(day, "diskRead")).startsWith(1000.0, 2000.0);
        // The 3-hour-old raw sample lies inside a rolled-up stretch: the bucket stands for it.
        assertThat(numbers(day, "cpu")).doesNotContain(90.0);
        assertThat(times).contains((double) now - 60);
    }

    @Test
    void refusesAnotherTenantsVmAndAnUnknownRange() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String vmId = runningVm(t);

        assertThat(status(other.requester(), "/vms/" + vmId + "/monitoring?range=hour")).isEqualTo(404);
        assertThat(status(t.requester(), "/vms/no-such-vm/monitoring?range=hour")).isEqualTo(404);
        assertThat(status(t.requester(), "/vms/" + vmId + "/monitoring?range=week")).isEqualTo(400);
        assertThat(get(t.requester(), "/vms/" + vmId + "/monitoring?range=week").toString())
                .contains("The period must be hour (the last hour) or day (the last day).");
        PageClient page = new PageClient(port, "en");
        page.signIn(other.requester(), PASSWORD);
        assertThat(page.get("/vms/" + vmId + "/monitoring/panel").statusCode()).isEqualTo(404);
        assertThat(page.get("/vms/" + vmId + "/monitoring/series?range=hour").statusCode()).isEqualTo(404);
    }

    @Test
    void panelSaysWhenThereIsNothingToChart() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);

        String empty = page.get("/vms/" + vmId + "/monitoring/panel").body();
        assertThat(empty).contains("No monitoring data yet").doesNotContain("figure class=\"chart\"");

        MonitoringTestData.sample(jdbc, vmId, clock.instant().getEpochSecond() - 30, 33, 1);
        HttpResponse<String> panel = page.get("/vms/" + vmId + "/monitoring/panel?range=hour");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("id=\"monitoring-panel\"")
                .contains("CPU use (%)").contains("Network in/out (bytes/s)").contains("Last day")
                .contains("/webjars/uplot/").contains("/dist/uPlot.iife.min.js").contains("/static/js/monitoring.js");

        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> Integer.valueOf(0).equals(vm(t.requester(), vmId).get("status")));
        String stopped = page.get("/vms/" + vmId + "/monitoring/panel?range=day").body();
        assertThat(stopped).contains("The VM is not running: monitoring data is collected only while it runs");
        PageClient chinese = new PageClient(port, "zh-CN");
        chinese.signIn(t.requester(), PASSWORD);
        assertThat(chinese.get("/vms/" + vmId + "/monitoring/panel").body()).contains("虚拟机未在运行");
        assertThat(get(t.requester(), "/vms/" + vmId + "/monitoring?range=day")).containsEntry("running", false);
    }

    @Test
    void theApiDocumentsTheSeries() {
        String doc = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build().get().uri("/v3/api-docs")
                .retrieve().body(String.class);

        assertThat(doc).contains("/api/v1/vms/{vmId}/monitoring").contains("range=day");
    }

    private String runningVm(TestTenant t) {
        long request = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + request + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), request).get("state")));
        String vmId = ((List<?>) request(t.requester(), request).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status")));
        return vmId;
    }

    private static List<Double> numbers(Map<String, Object> json, String key) {
        return ((List<?>) json.get(key)).stream().map(n -> ((Number) n).doubleValue()).toList();
    }
}

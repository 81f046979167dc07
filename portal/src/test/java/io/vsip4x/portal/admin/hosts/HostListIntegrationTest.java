package io.vsip4x.portal.admin.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.sdk.model.CreateVmSpec;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The host list with its filters, a host in detail, its samples and charts' data, and who may see them. */
class HostListIntegrationTest extends HostTestSupport {

    @Autowired
    HostSampler sampler;

    @Test
    void listsHostsFilteredByPoolStateAndClassification() {
        List<Map<String, Object>> all = getList(ADMIN, "/admin/hosts");
        assertThat(all).extracting(h -> h.get("hostId")).contains("host-01", "host-02", "host-03", "host-04");
        Map<String, Object> prod = all.stream().filter(h -> "host-01".equals(h.get("hostId"))).findFirst()
                .orElseThrow();
        assertThat(prod).containsEntry("name", "prod-kvm-01").containsEntry("pools", List.of("pool-prod"))
                .containsEntry("online", true).containsEntry("classification", 0).containsEntry("cpuCores", 64)
                .containsEntry("memoryTotalBytes", 256L << 30).containsEntry("pendingOperation", null);
        assertThat((String) prod.get("cpuModel")).contains("Xeon");
        assertThat(prod.get("portalVms")).isInstanceOf(Integer.class);
        assertThat(prod.get("platformVms")).isInstanceOf(Integer.class);

        assertThat(getList(ADMIN, "/admin/hosts?pool=pool-test")).extracting(h -> h.get("hostId"))
                .containsExactlyInAnyOrder("host-03", "host-04");
        assertThat(getList(ADMIN, "/admin/hosts?pool=测试资源池")).hasSize(2);
        assertThat(getList(ADMIN, "/admin/hosts?online=true")).extracting(h -> h.get("hostId"))
                .contains("host-01", "host-02", "host-03");
        assertThat(getList(ADMIN, "/admin/hosts?online=false")).extracting(h -> h.get("online"))
                .doesNotContain(true);
        assertThat(getList(ADMIN, "/admin/hosts?classification=0")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(getList(ADMIN, "/admin/hosts?classification=3")).isEmpty();
        assertThat(get(ADMIN, "/admin/hosts?pool=pool-none")).as("a pool the platform does not list")
                .containsEntry("status", 400);
    }

    @Test
    void refusesBadFiltersWithAReadableError() {
        Map<String, Object> online = get(ADMIN, "/admin/hosts?online=maybe");
        assertThat(online).containsEntry("status", 400);
        assertThat(online.toString()).contains("Choose running (true) or shut down (false).");
        Map<String, Object> level = get(ADMIN, "/admin/hosts?classification=high");
        assertThat(level).containsEntry("status", 400);
        assertThat(level.toString()).contains("The classification must be a whole number");
    }

    @Test
    void showsAHostWithItsDisksNicsAndTheVmsOnIt() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String hostId = (String) vm(t.requester(), vmId).get("hostId");

        Map<String, Object> detail = get(ADMIN, "/admin/hosts/" + hostId);

        @SuppressWarnings("unchecked")
        Map<String, Object> host = (Map<String, Object>) detail.get("host");
        assertThat(host).containsEntry("hostId", hostId).containsEntry("online", true);
        assertThat(detail).containsEntry("cpuArch", "x86_64").containsEntry("cpuVendor", "GenuineIntel")
                .containsEntry("cpuMhz", 2000).containsEntry("osType", "Kylin Linux Advanced Server")
                .containsEntry("monitorUnavailable", false);
        assertThat(list(detail, "disks")).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("diskId", hostId + "-sda").containsEntry("sizeBytes", 2L << 40);
            assertThat(((Number) d.get("readBytesPerSecond")).longValue()).isNotNegative();
        });
        assertThat(list(detail, "nics")).singleElement().satisfies(n ->
                assertThat(n).containsEntry("nicId", hostId + "-br0").containsEntry("device", "br0")
                        .containsEntry("linkUp", true));
        assertThat(list(detail, "vms")).filteredOn(v -> vmId.equals(v.get("vmId"))).singleElement()
                .satisfies(v -> assertThat(v).containsEntry("owned", true).containsEntry("tenantCode", t.code())
                        .containsEntry("owner", t.requester()).containsEntry("status", 1));
        assertThat(getList(ADMIN, "/admin/hosts")).filteredOn(h -> hostId.equals(h.get("hostId"))).singleElement()
                .satisfies(h -> assertThat((Integer) h.get("portalVms")).isPositive());

        PageClient browser = new PageClient(port, "en");
        browser.signIn(ADMIN, PASSWORD);
        String page = browser.get("/admin/hosts/" + hostId).body();
        assertThat(page).contains("id=\"admin-tab-hosts\"").contains(vmId).contains(t.code())
                .contains("Connected").contains("data-series-url=\"/admin/hosts/" + hostId + "/monitoring\"");
    }

    @Test
    void listsAVmCreatedOutsideThePortalAsUnowned() {
        String vmId = "vm-outside-" + UUID.randomUUID().toString().substring(0, 8);
        CreateVmSpec spec = new CreateVmSpec("tpl-centos7", "pool-test", 1, 1L << 30, 20L << 30, "vnet-office",
                List.of(vmId));
        assertThat(platform.call(c -> c.createVm(spec)).ok()).isTrue();
        try {
            await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId)
                    .filter(vm -> !vm.busy() && vm.status() == 0).isPresent());
            String hostId = simulator.simulator().vm(vmId).orElseThrow().hostId();

            assertThat(list(get(ADMIN, "/admin/hosts/" + hostId), "vms")).filteredOn(v -> vmId.equals(v.get("vmId")))
                    .singleElement().satisfies(v -> assertThat(v).containsEntry("owned", false)
                            .containsEntry("tenantCode", null).containsEntry("status", 0));
            PageClient browser = new PageClient(port, "en");
            browser.signIn(ADMIN, PASSWORD);
            assertThat(browser.get("/admin/hosts/" + hostId + "/shutdown").body()).contains(vmId)
                    .contains("Unowned (not created by the portal)").doesNotContain("id=\"host-power-blocked\"");
        } finally {
            platform.call(c -> c.deleteVm(vmId));
            await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());
        }
    }

    @Test
    void samplesOnlineHostsForTheirCharts() {
        long before = System.currentTimeMillis() / 1000 - 5;
        assertThat(sampler.run()).isGreaterThanOrEqualTo(3);

        Map<String, Object> series = get(ADMIN, "/admin/hosts/host-01/monitoring");
        assertThat(series).containsEntry("hostId", "host-01").containsEntry("range", "hour");
        List<?> times = (List<?>) series.get("timestamps");
        assertThat(times).isNotEmpty();
        assertThat(((Number) times.get(times.size() - 1)).longValue()).isGreaterThanOrEqualTo(before);
        assertThat((List<?>) series.get("cpu")).allSatisfy(c -> assertThat(((Number) c).doubleValue())
                .isBetween(0.0, 100.0));
        assertThat((List<?>) series.get("memoryTotal")).allSatisfy(m -> assertThat(((Number) m).longValue())
                .isEqualTo(256L << 30));
        assertThat((List<?>) series.get("netIn")).hasSameSizeAs(times);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM host_monitor_sample WHERE host_id = 'host-01'")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void theListPageShowsFiltersAndHostsAndSaysWhenThePlatformIsDown() {
        PageClient browser = new PageClient(port, "en");
        browser.signIn(ADMIN, PASSWORD);
        String page = browser.get("/admin/hosts?pool=pool-test").body();
        assertThat(page).contains("id=\"admin-tab-hosts\"").contains("id=\"host-host-03\"")
                .contains("id=\"host-host-04\"").doesNotContain("id=\"host-host-01\"").contains("test-kvm-02");

        simulator.simulator().faults().platformDown(true);
        try {
            assertThat(get(ADMIN, "/admin/hosts")).containsEntry("status", 503);
            HttpResponse<String> down = browser.get("/admin/hosts");
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(down.body()).contains("id=\"hosts-unavailable\"").contains("id=\"host-filters\"");
            assertThat(browser.get("/admin/hosts/" + HOST).body()).contains("id=\"host-unavailable\"");
        } finally {
            simulator.simulator().faults().platformDown(false);
        }
    }

    @Test
    void anUnknownHostIsNotFoundWithItsCode() {
        Map<String, Object> missing = get(ADMIN, "/admin/hosts/host-nope");
        assertThat(missing).containsEntry("status", 404).containsEntry("code", "3022");
        assertThat(missing.get("detail").toString()).contains("host-nope");
        assertThat(get(ADMIN, "/admin/hosts/host-nope/monitoring")).containsEntry("status", 404);
    }

    @Test
    void onlyPlatformAdminsSeeOrPowerHosts() {
        TestTenant t = newTenant();
        String tenantAdmin = t.code() + "-admin";
        users.create(tenantAdmin, PASSWORD, tenantAdmin, t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        for (String user : List.of(t.requester(), t.approver(), tenantAdmin, account(Role.SECURITY_ADMIN),
                account(Role.AUDITOR))) {
            assertThat(status(user, "/admin/hosts")).as(user).isEqualTo(403);
            assertThat(status(user, "/admin/hosts/" + HOST)).as(user).isEqualTo(403);
            assertThat(status(user, "/admin/hosts/" + HOST + "/monitoring")).as(user).isEqualTo(403);
            assertThat(power(user, HOST, "shutdown").getStatusCode().value()).as(user).isEqualTo(403);
            assertThat(power(user, HOST, "start").getStatusCode().value()).as(user).isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM operation WHERE host_id = :h AND state = 'QUEUED'")
                .param("h", HOST).query(Integer.class).single()).isZero();
    }

    /** A running VM of {@code t}'s requester, from one approved request. */
    private String runningVm(TestTenant t) {
        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> !((List<?>) request(t.requester(), id).get("vmIds")).isEmpty());
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status"))
                && vm(t.requester(), vmId).get("hostId") != null);
        return vmId;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }
}

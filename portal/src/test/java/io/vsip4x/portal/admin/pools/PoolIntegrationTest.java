package io.vsip4x.portal.admin.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.state.Vm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The resource pool pages and their JSON, read through the simulator: the statistics as the
 * platform keeps them, the departments each pool is open to, the hosts and VMs of a pool with
 * their owners, an unknown pool, a platform that does not answer, and every other role refused.
 */
class PoolIntegrationTest extends VmOperationsTestSupport {

    private static final long GIB = 1024L * 1024L * 1024L;

    @Autowired
    private MessageSource messages;

    @Test
    void listShowsEachPoolWithTheSimulatorsStatisticsAndTheDepartmentsItIsOpenTo() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        tenants.revoke(other.id(), ResourceKind.POOL, "pool-test");
        String admin = platformAdmin(t);

        String vmId = runningVm(t);
        // Other tests' VMs come and go in the shared pool: compare with the simulator read at the same moment.
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Vm> before = vmsIn("pool-prod");
            Map<String, Object> read = stats(pool(getList(admin, "/admin/pools"), "pool-prod"), "vmStats");
            List<Vm> after = vmsIn("pool-prod");
            assertThat(before).as("no VM came or went while the list was read").isEqualTo(after);
            assertThat(after).extracting(Vm::vmId).contains(vmId);
            assertThat(((Number) read.get("count")).longValue()).isEqualTo(after.size());
            assertThat(((Number) read.get("runCount")).longValue())
                    .isEqualTo(after.stream().filter(vm -> vm.status() == 1).count());
            assertThat(((Number) read.get("cpu")).longValue()).isEqualTo(after.stream().mapToLong(Vm::cpu).sum());
            assertThat(((Number) read.get("memoryBytes")).longValue())
                    .isEqualTo(after.stream().mapToLong(Vm::memoryBytes).sum());
        });
        List<Map<String, Object>> pools = getList(admin, "/admin/pools");

        Map<String, Object> prod = pool(pools, "pool-prod");
        assertThat(prod).containsEntry("name", "生产资源池").containsEntry("type", "ha").containsEntry("ha", true);
        assertThat(((Number) prod.get("totalBytes")).longValue()).isEqualTo(40L * 1024 * GIB);
        assertThat(((Number) prod.get("freeBytes")).longValue()).isLessThan(40L * 1024 * GIB);
        assertThat(stats(prod, "vmStats")).isNotNull();
        List<Host> hosts = simulator.simulator().inventory().hostsOf("pool-prod");
        Map<String, Object> hostStats = stats(prod, "hostStats");
        assertThat(((Number) hostStats.get("count")).longValue()).isEqualTo(hosts.size());
        assertThat(((Number) hostStats.get("cpu")).longValue())
                .isEqualTo(hosts.stream().mapToLong(Host::cpuCores).sum());

        assertThat(codes(prod)).contains(t.code(), other.code());
        assertThat(codes(pool(pools, "pool-test"))).contains(t.code()).doesNotContain(other.code());

        PageClient page = signedInPages(admin);
        HttpResponse<String> list = page.get("/admin/pools");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"admin-tab-pools\"").contains("生产资源池").contains("测试资源池")
                .contains("href=\"/admin/pools/pool-prod\"").contains("href=\"/admin/tenants/" + t.code() + "\"")
                .containsPattern("\\d+ of \\d+ running")
                .contains("GiB free of 40,960.0 GiB");
        assertThat(list.body()).as("types translated, loads explained, departments apart")
                .contains(">High availability<").contains(">Local<").doesNotContain(">ha<")
                .contains(HtmlUtils.htmlEscape(text("pools.stats.loadHint", Locale.ENGLISH)))
                .containsPattern("</a><span class=\"pool-tenant-sep\">,</span>");
    }

    @Test
    void detailShowsTheHostsAndTheVmsWithTheirDepartmentOrMarkedUnowned() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        String outside = "vm-outside-" + UUID.randomUUID().toString().substring(0, 8);
        CreateVmSpec spec = new CreateVmSpec("tpl-centos7", "pool-prod", 1, GIB, 20 * GIB, "vnet-office",
                List.of(outside));
        assertThat(platform.call(c -> c.createVm(spec)).ok()).isTrue();
        try {
            await().atMost(PATIENCE)
                    .until(() -> simulator.simulator().vm(outside).map(vm -> !vm.busy()).orElse(false));

            Map<String, Object> detail = get(admin, "/admin/pools/pool-prod");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> hosts = (List<Map<String, Object>>) detail.get("hosts");
            assertThat(hosts).extracting(h -> h.get("hostId")).containsExactlyElementsOf(
                    simulator.simulator().inventory().hostsOf("pool-prod").stream().map(Host::id).toList());
            assertThat(hosts).allSatisfy(h -> assertThat(h).containsEntry("known", true).containsEntry("online", true));
            assertThat(hosts).allSatisfy(h -> assertThat(((Number) h.get("memoryUsedBytes")).longValue()).isPositive());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> vms = (List<Map<String, Object>>) detail.get("vms");
            assertThat(vms).anySatisfy(vm -> assertThat(vm).containsEntry("vmId", vmId).containsEntry("owned", true)
                    .containsEntry("tenantCode", t.code()).containsEntry("owner", t.requester()));
            assertThat(vms).anySatisfy(vm -> assertThat(vm).containsEntry("vmId", outside)
                    .containsEntry("owned", false).containsEntry("tenantCode", null));
            @SuppressWarnings("unchecked")
            Map<String, Object> pool = (Map<String, Object>) detail.get("pool");
            assertThat(codes(pool)).contains(t.code());
            assertThat(((Number) stats(pool, "vmStats").get("count")).longValue()).isEqualTo(vms.size());

            PageClient page = signedInPages(admin);
            String body = page.get("/admin/pools/pool-prod").body();
            assertThat(body).contains("id=\"admin-tab-pools\"").contains("href=\"/vms/" + vmId + "\"")
                    .doesNotContain("href=\"/vms/" + outside + "\"").contains(outside)
                    .contains(text("pools.vm.unowned", Locale.ENGLISH))
                    .contains("href=\"/admin/hosts/host-01\"").contains("id=\"capacity-form\"");
            String portalName = jdbc.sql("SELECT name FROM vm WHERE vm_id = :id").param("id", vmId)
                    .query(String.class).single();
            assertThat(vms).anySatisfy(vm -> assertThat(vm).containsEntry("vmId", vmId)
                    .containsEntry("name", portalName));
            assertThat(body).as("the portal's name, the id muted beside it")
                    .contains("href=\"/vms/" + vmId + "\">" + HtmlUtils.htmlEscape(portalName) + "</a>")
                    .contains("<small class=\"muted pool-vm-id\">" + vmId + "</small>");
        } finally {
            simulator.simulator().discard(outside);
        }
    }

    @Test
    void unknownPoolIsNotFoundInBothLanguages() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);

        Map<String, Object> problem = get(admin, "/admin/pools/pool-nowhere");
        assertThat(problem).containsEntry("status", 404)
                .containsEntry("detail", "The platform has no resource pool pool-nowhere.");
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(admin, PASSWORD);
        HttpResponse<String> page = zh.get("/admin/pools/pool-nowhere");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains(HtmlUtils.htmlEscape(text("pools.error.unknown", Locale.CHINA,
                "pool-nowhere")));
    }

    @Test
    void pagesStillAnswerWithTheirNoteAndTheApiIs503WhileThePlatformIsDown() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        PageClient page = signedInPages(admin);
        String note = HtmlUtils.htmlEscape(text("admin.platformUnavailable", Locale.ENGLISH));
        String token = PageClient.csrfOf(page.get("/admin/pools/capacity").body());

        simulator.simulator().faults().platformDown(true);
        try {
            HttpResponse<String> asked = page.postForm("/admin/pools/capacity",
                    "cpu=1&memoryMb=1024&diskGb=20&_csrf=" + token, "HX-Request", "true");
            assertThat(asked.statusCode()).as("the planner answers in place").isEqualTo(200);
            assertThat(asked.body()).contains("id=\"capacity-unavailable\"").contains(note)
                    .contains("value=\"1024\"").doesNotContain("capacity-answers");
            HttpResponse<String> list = page.get("/admin/pools");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains(note).contains("id=\"admin-tab-pools\"");
            HttpResponse<String> detail = page.get("/admin/pools/pool-prod");
            assertThat(detail.statusCode()).isEqualTo(200);
            assertThat(detail.body()).contains(note).contains("href=\"/admin/tenants/" + t.code() + "\"");
            assertThat(status(admin, "/admin/pools")).isEqualTo(503);
            assertThat(status(admin, "/admin/pools/pool-prod")).isEqualTo(503);
        } finally {
            simulator.simulator().faults().platformDown(false);
        }
        assertThat(status(admin, "/admin/pools")).as("read again once the platform answers").isEqualTo(200);
    }

    @Test
    void aPlatformSlowOnEveryPoolCostsTheListOneSlowReadNotOnePerPool() {
        String admin = platformAdmin(newTenant());
        int pools = getList(admin, "/admin/pools").size();
        assertThat(pools).as("the demo platform has several pools").isGreaterThan(1);
        Duration slow = Duration.ofMillis(1500);
        simulator.simulator().faults().slow("getRepositoryMonitor", slow, null);
        try {
            long start = System.nanoTime();
            List<Map<String, Object>> listed = getList(admin, "/admin/pools");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(listed).hasSize(pools).allSatisfy(p -> assertThat(p.get("vmStats")).isNotNull());
            assertThat(took).as("pools read side by side").isLessThan(slow.multipliedBy(pools));
        } finally {
            simulator.simulator().faults().clearMethod("getRepositoryMonitor");
        }
    }

    @Test
    void everyOtherRoleIsRefusedThePagesAndTheApi() {
        TestTenant t = newTenant();
        OtherRoles others = otherRoles(t);
        Map<String, Object> shape = Map.of("cpu", 1, "memoryMb", 1024, "diskGb", 20);

        for (String who : others.all()) {
            assertThat(status(who, "/admin/pools")).as("%s lists pools", who).isEqualTo(403);
            assertThat(status(who, "/admin/pools/pool-prod")).as("%s reads a pool", who).isEqualTo(403);
            assertThat(post(who, "/admin/pools/pool-prod/capacity", shape).getStatusCode().value())
                    .as("%s plans in a pool", who).isEqualTo(403);
            assertThat(post(who, "/admin/pools/capacity", shape).getStatusCode().value())
                    .as("%s plans across pools", who).isEqualTo(403);
        }
        for (String who : List.of(t.requester(), t.approver(), others.auditor())) {
            PageClient page = signedInPages(who);
            for (String path : List.of("/admin/pools", "/admin/pools/pool-prod", "/admin/pools/capacity")) {
                assertThat(page.get(path).statusCode()).as("%s opens %s", who, path).isEqualTo(403);
            }
        }
    }

    private List<Vm> vmsIn(String poolId) {
        return simulator.simulator().vms().stream().filter(vm -> poolId.equals(vm.poolId())).toList();
    }

    private static Map<String, Object> pool(List<Map<String, Object>> pools, String repoId) {
        return pools.stream().filter(p -> repoId.equals(p.get("repoId"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stats(Map<String, Object> pool, String which) {
        return (Map<String, Object>) pool.get(which);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> codes(Map<String, Object> pool) {
        return ((List<Map<String, Object>>) pool.get("tenants")).stream().map(g -> g.get("code")).toList();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}

package io.vsip4x.portal.admin.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Where a platform admin sees each VM run and where it may go, with the targets' free capacity as
 * the simulator reports it; a migration or move asked from there through the VM's own actions;
 * batch attribute changes on the platform and the portal's record; and every other role refused.
 */
class PlacementIntegrationTest extends VmOperationsTestSupport {

    private static final long MIB = 1024L * 1024L;

    @Test
    @SuppressWarnings("unchecked")
    void listsAVmWithItsPlaceAndItsTargetsWithTheirFreeCapacity() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        String from = simulator.simulator().vm(vmId).orElseThrow().hostId();

        List<Map<String, Object>> items = (List<Map<String, Object>>) get(admin,
                "/admin/placement?tenant=" + t.code()).get("items");
        assertThat(items).singleElement().satisfies(vm -> assertThat(vm).containsEntry("vmId", vmId)
                .containsEntry("hostId", from).containsEntry("repoId", "pool-prod")
                .containsEntry("tenantCode", t.code()).containsEntry("owner", t.requester()));
        assertThat((List<?>) get(admin, "/admin/placement?tenant=" + t.code() + "&host=nowhere").get("items"))
                .isEmpty();

        Map<String, Object> targets = get(admin, "/admin/vms/" + vmId + "/placement");
        List<Map<String, Object>> migration = (List<Map<String, Object>>) targets.get("migration");
        List<HostInfo> poolHosts = platform.call(c -> c.searchHostList(Map.of("repoName", "pool-prod")));
        assertThat(migration).extracting(h -> h.get("hostId")).doesNotContain(from)
                .containsExactlyInAnyOrderElementsOf(poolHosts.stream().map(HostInfo::hostId)
                        .filter(h -> !h.equals(from)).toList());
        List<VmSummary> all = platform.call(c -> c.searchVmList(Map.of()));
        for (Map<String, Object> target : migration) {
            HostInfo host = poolHosts.stream().filter(h -> h.hostId().equals(target.get("hostId"))).findFirst()
                    .orElseThrow();
            long free = host.memoryTotalBytes() - host.memoryUsedBytes();
            assertThat(((Number) target.get("freeMemoryBytes")).longValue()).isEqualTo(free);
            assertThat(target).containsEntry("cpuCores", host.cpu()).containsEntry("online", host.online())
                    .containsEntry("selectable", host.online()).containsEntry("fits", 2048 * MIB <= free);
            assertThat(((Number) target.get("vmCount")).longValue())
                    .isEqualTo(all.stream().filter(v -> host.hostId().equals(v.hostId())).count());
            assertThat(((Number) target.get("vmCpus")).longValue()).as("vCPUs allocated on the host")
                    .isEqualTo(all.stream().filter(v -> host.hostId().equals(v.hostId())).mapToLong(VmSummary::cpu)
                            .sum());
        }
        List<Map<String, Object>> move = (List<Map<String, Object>>) targets.get("move");
        PoolInfo test = platform.call(c -> c.searchRepository(Map.of())).stream()
                .filter(p -> p.repositoryId().equals("pool-test")).findFirst().orElseThrow();
        assertThat(move).extracting(p -> p.get("repoId")).doesNotContain("pool-prod").contains("pool-test");
        Map<String, Object> pool = move.stream().filter(p -> "pool-test".equals(p.get("repoId"))).findFirst()
                .orElseThrow();
        assertThat(((Number) pool.get("freeBytes")).longValue()).isEqualTo(test.freeBytes());
        assertThat(((Number) pool.get("totalBytes")).longValue()).isEqualTo(test.totalBytes());
        assertThat((List<Map<String, Object>>) pool.get("hosts")).extracting(h -> h.get("hostId"))
                .contains("host-03");

        assertThat(status(admin, "/admin/vms/vm-none-such/placement")).isEqualTo(404);
        String page = pageOf(admin, "/admin/placement/vms/" + vmId);
        assertThat(page).contains("migrate-to-").contains("move-to-host-03").contains(from);
        assertThat(page).as("a running VM cannot be moved: the buttons say so instead of failing with 2049")
                .contains("id=\"move-not-stopped\"").containsPattern("id=\"move-to-host-03\"[^>]*disabled")
                .contains("CPU cores (total)").contains("vCPUs allocated");
        String list = pageOf(admin, "/admin/placement?tenant=" + t.code());
        assertThat(list).as("pool and host filters are choices").contains("<select id=\"placement-pool\"")
                .contains("<option value=\"pool-prod\">").contains("<select id=\"placement-host\"")
                .contains("<option value=\"" + from + "\">");
    }

    @Test
    void theListTakesAPageSizeFromOneTo200() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        runningVms(t, 2);
        Map<String, Object> one = get(admin, "/admin/placement?tenant=" + t.code() + "&size=1");
        assertThat((List<?>) one.get("items")).hasSize(1);
        assertThat(one).containsEntry("size", 1);
        assertThat(((Number) one.get("total")).longValue()).isEqualTo(2);
        assertThat(get(admin, "/admin/placement?tenant=" + t.code())).containsEntry("size", 50);
        for (String bad : List.of("0", "201", "abc", "-1")) {
            assertThat(status(admin, "/admin/placement?size=" + bad)).as(bad).isEqualTo(400);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHostOfflineIsShownButNotOffered() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        assertThat(platform.call(c -> c.shutdownHost("host-03")).ok()).as("host-03 has no running VM").isTrue();
        try {
            await().atMost(PATIENCE).until(() -> !online("host-03"));

            Map<String, Object> pool = ((List<Map<String, Object>>) get(admin, "/admin/vms/" + vmId + "/placement")
                    .get("move")).stream().filter(p -> "pool-test".equals(p.get("repoId"))).findFirst().orElseThrow();
            assertThat((List<Map<String, Object>>) pool.get("hosts")).filteredOn(h -> "host-03".equals(h.get("hostId")))
                    .singleElement().satisfies(h -> assertThat(h).containsEntry("online", false)
                            .containsEntry("selectable", false));
            assertThat(pageOf(admin, "/admin/placement/vms/" + vmId))
                    .containsPattern("id=\"move-to-host-03\"[^>]*disabled");
        } finally {
            // The simulator's hosts are shared: host-03 runs again for the tests after this one.
            assertThat(platform.call(c -> c.startHost("host-03")).ok()).isTrue();
            await().atMost(PATIENCE).until(() -> online("host-03"));
        }
    }

    private boolean online(String hostId) {
        return platform.call(c -> c.searchHostList(Map.of("hostId", hostId))).get(0).online();
    }

    @Test
    void refusalsOfTheChosenTargetAreSurfacedWithTheirCodes() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        String from = simulator.simulator().vm(vmId).orElseThrow().hostId();

        assertThat(assertRefused(act(admin, vmId, "migrate", Map.of("hostId", from)), "2046")).isNotBlank();
        assertThat(assertRefused(act(admin, vmId, "move", Map.of("hostId", "host-03", "repoId", "pool-test")),
                "2049")).isNotBlank();
        assertThat(simulator.simulator().vm(vmId).orElseThrow().hostId()).isEqualTo(from);
    }

    @Test
    void setsAnAttributeOnSeveralVmsAndThePortalFollowsTheClassification() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        List<String> vmIds = runningVms(t, 2);
        // The owner and the tenant are cleared for level 1: a level above would be refused.
        jdbc.sql("UPDATE app_user SET clearance = 1 WHERE username = :u").param("u", t.requester()).update();
        jdbc.sql("UPDATE tenant SET classification_ceiling = 1 WHERE id = :id").param("id", t.id()).update();

        ResponseEntity<Map<String, Object>> usb = setAttribute(admin, vmIds, "usb", false);
        assertThat(usb.getStatusCode().value()).as("answer %s", usb.getBody()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> memory = setAttribute(admin, vmIds, "maxMemoryMb", 4096);
        assertThat(memory.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> level = setAttribute(admin, vmIds, "classification", 1);
        assertThat(level.getStatusCode().value()).isEqualTo(200);
        assertThat(level.getBody()).containsEntry("attribute", "classification");

        for (String vmId : vmIds) {
            Map<String, Object> raw = onPlatform(vmId).raw();
            assertThat(String.valueOf(raw.get("usbEnable"))).isEqualTo("false");
            assertThat(String.valueOf(raw.get("vm.memory.maxmem"))).isEqualTo(String.valueOf(4096 * MIB));
            assertThat(onPlatform(vmId).classification()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT classification FROM vm WHERE vm_id = :id").param("id", vmId)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(auditCount("VM_ATTRIBUTES", vmId, "SUCCESS")).isEqualTo(3);
        }
        assertThat(status(t.requester(), "/vms/" + vmIds.get(0))).as("the owner keeps the VM").isEqualTo(200);
        assertThat(pageOf(admin, "/admin/placement?tenant=" + t.code())).contains("Internal");
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesABadValueAnUnknownVmAndAVmNotThePortals() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);

        assertField(setAttribute(admin, List.of(vmId), "maxCpu", "many"), "value");
        assertField(setAttribute(admin, List.of(vmId), "maxCpu", 1), "value");
        assertField(setAttribute(admin, List.of(vmId), "classification", 9), "value");
        assertField(setAttribute(admin, List.of(vmId), "maxMemoryMb", 3000), "value");
        assertField(setAttribute(admin, List.of(vmId), "usb", "maybe"), "value");
        assertField(setAttribute(admin, List.of(vmId), "colour", 1), "attribute");
        assertField(setAttribute(admin, List.of(), "usb", true), "vmIds");
        ResponseEntity<Map<String, Object>> unknown = setAttribute(admin, List.of(vmId, "vm-none-such"), "usb", false);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody().get("detail").toString()).contains("vm-none-such");

        String outside = jdbc.sql("SELECT vm_id FROM unowned_vm LIMIT 1").query(String.class).optional()
                .orElse("vm-outside-none");
        assertThat(setAttribute(admin, List.of(outside), "usb", false).getStatusCode().value()).isEqualTo(404);
        assertThat(String.valueOf(onPlatform(vmId).raw().get("usbEnable"))).as("nothing changed").isEqualTo("true");
        assertThat(auditCount("VM_ATTRIBUTES", vmId, "DENIED")).isGreaterThanOrEqualTo(7);
    }

    @Test
    void theBatchFormOfThePageSetsTheAttributeAndShowsARefusalInPlace() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        PageClient pages = signedInPages(admin);
        String csrf = PageClient.csrfOf(pages.get("/admin/placement?tenant=" + t.code()).body());

        String done = pages.postForm("/admin/placement/attributes", "vmIds=" + vmId + "&attribute=maxCpu&value=8"
                + "&_csrf=" + PageClient.enc(csrf), "HX-Request", "true").body();
        assertThat(done).contains("placement-attr-done").contains("Maximum vCPUs set to 8 on 1 VMs");
        assertThat(String.valueOf(onPlatform(vmId).raw().get("vm.vcpu.max"))).isEqualTo("8");

        var refused = pages.postForm("/admin/placement/attributes", "vmIds=" + vmId + "&attribute=maxCpu&value=99"
                + "&_csrf=" + PageClient.enc(csrf), "HX-Request", "true");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("from 2").contains("to 16").contains("id=\"placement-attr-refused\"");
        assertThat(refused.headers().firstValue("HX-Retarget")).as("under the form, where success shows")
                .contains("#placement-attributes-result");

        PageClient chinese = new PageClient(port, "zh-CN");
        chinese.signIn(admin, PASSWORD);
        String zhCsrf = PageClient.csrfOf(chinese.get("/admin/placement?tenant=" + t.code()).body());
        String zhDone = chinese.postForm("/admin/placement/attributes", "vmIds=" + vmId
                + "&attribute=maxCpu&value=8&_csrf=" + PageClient.enc(zhCsrf), "HX-Request", "true").body();
        assertThat(zhDone).contains("最大 vCPU 设置为 8");
        assertThat(String.valueOf(onPlatform(vmId).raw().get("vm.vcpu.max"))).isEqualTo("8");
    }

    @Test
    void everyOtherRoleIsRefused() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        OtherRoles others = otherRoles(t);

        for (String user : others.all()) {
            assertThat(status(user, "/admin/placement")).as(user).isEqualTo(403);
            assertThat(status(user, "/admin/vms/" + vmId + "/placement")).as(user).isEqualTo(403);
            assertThat(setAttribute(user, List.of(vmId), "usb", false).getStatusCode().value()).as(user)
                    .isEqualTo(403);
            assertThat(post(user, "/admin/unowned-vms/" + vmId + "/adopt", Map.of("tenant", t.code(),
                    "owner", t.requester())).getStatusCode().value()).as(user).isEqualTo(403);
            PageAs page = new PageAs(user);
            assertThat(page.status("/admin/placement")).as(user).isEqualTo(403);
            assertThat(page.status("/admin/placement/vms/" + vmId)).as(user).isEqualTo(403);
        }
        assertThat(String.valueOf(onPlatform(vmId).raw().get("usbEnable"))).isEqualTo("true");
    }

    private ResponseEntity<Map<String, Object>> setAttribute(String user, List<String> vmIds, String attribute,
            Object value) {
        return post(user, "/admin/vms/attributes", Map.of("vmIds", vmIds, "attribute", attribute, "value", value));
    }

    @SuppressWarnings("unchecked")
    private static void assertField(ResponseEntity<Map<String, Object>> answer, String field) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        assertThat((Map<String, Object>) answer.getBody().get("errors")).containsKey(field);
    }

    private VmSummary onPlatform(String vmId) {
        return platform.call(c -> c.searchVmList(Map.of("vmId", vmId))).stream()
                .filter(v -> v.vmId().equals(vmId)).findFirst().orElseThrow();
    }

    private String pageOf(String user, String path) {
        return new PageAs(user).body(path);
    }

    /** A signed-in page session of {@code user}. */
    private final class PageAs {

        private final PageClient client;

        PageAs(String user) {
            client = signedInPages(user);
        }

        int status(String path) {
            return client.get(path).statusCode();
        }

        String body(String path) {
            return client.get(path).body();
        }
    }
}

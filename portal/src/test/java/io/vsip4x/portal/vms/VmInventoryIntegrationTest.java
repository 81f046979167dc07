package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.sdk.codes.ResultCodes;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * The VM list at {@code GET /api/v1/vms}: search by name, id and address, each filter, each
 * order, pages with their total, who sees what, and the refusals of bad parameters.
 */
class VmInventoryIntegrationTest extends PortalTestSupport {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    ClearanceSettings clearances;

    private TestTenant t;
    private VmSeeder seeder;
    private long userId;
    private long colleagueId;
    private String colleague;
    private String admin;

    @BeforeEach
    void seed() {
        t = newTenant();
        seeder = new VmSeeder(jdbc, t.id());
        colleague = t.code() + "-colleague";
        admin = t.code() + "-admin";
        users.create(colleague, PASSWORD, "同事 " + t.code(), t.id(), Set.of(Role.USER));
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        // db_gamma is of level 1: the user and the tenant admin are cleared for it, the approver is not.
        clearances.setCeiling(t.id(), 1);
        clearances.setClearance(t.requester(), 1);
        clearances.setClearance(admin, 1);
        userId = idOf(t.requester());
        colleagueId = idOf(colleague);
        String c = t.code();
        seeder.add(new VmSeeder.Seed("vm-" + c + "-a1", "web-alpha", userId, 1, "pool-prod", "host-1", "tpl-centos7",
                0, "10.20.0.5,192.168.7.5", START.plusSeconds(1)));
        seeder.add(new VmSeeder.Seed("vm-" + c + "-b2", "web-beta", userId, 0, "pool-test", "host-2", "tpl-kylin10",
                0, "10.20.0.6", START.plusSeconds(2)));
        seeder.add(new VmSeeder.Seed("vm-" + c + "-c3", "db_gamma", userId, 4, "pool-prod", "host-2", "tpl-centos7",
                1, null, START.plusSeconds(3)));
        seeder.add(new VmSeeder.Seed("vm-" + c + "-d4", "cache-delta", colleagueId, 1, "pool-prod", "host-3",
                "tpl-win2019", 0, "10.21.3.4", START.plusSeconds(4)));
        seeder.add(new VmSeeder.Seed("vm-" + c + "-e5", "web-epsilon", colleagueId, 7, "pool-test", "host-1",
                "tpl-centos7", 0, null, START.plusSeconds(5)));
        jdbc.sql("UPDATE vm SET lifecycle = 'DELETED' WHERE vm_id = :id").param("id", "vm-" + c + "-e5").update();
        seeder.add(new VmSeeder.Seed("vm-" + c + "-f6", "web-zeta", colleagueId, 1, "pool-prod", "host-1",
                "tpl-centos7", 0, null, START.plusSeconds(6)));
    }

    @AfterEach
    void remove() {
        seeder.removeTenant();
    }

    @Test
    void searchFindsVmsByNameIdAndAddress() {
        String c = t.code();
        assertThat(names(admin, "q=web")).containsExactly("web-zeta", "web-beta", "web-alpha");
        assertThat(names(admin, "q=ALPHA")).as("names match whatever the case").containsExactly("web-alpha");
        assertThat(names(admin, "q=vm-" + c + "-d4")).containsExactly("cache-delta");
        assertThat(names(admin, "q=vm-" + c + "-")).hasSize(5);
        assertThat(names(admin, "q=192.168.7")).as("the second address").containsExactly("web-alpha");
        assertThat(names(admin, "q=10.20.0.")).containsExactly("web-beta", "web-alpha");
        assertThat(names(admin, "q=0.6")).as("an address matches from its start only").isEmpty();
        assertThat(names(admin, "q=db_")).as("_ is a letter, not a wildcard").containsExactly("db_gamma");
        assertThat(names(vmItemsFor(admin, "%"))).as("%% is a letter, not a wildcard").isEmpty();
        assertThat(names(vmItemsFor(admin, "web-b"))).containsExactly("web-beta");
        assertThat(names(admin, "q=epsilon")).as("deleted VMs are left out").isEmpty();

        Map<String, Object> alpha = vmItems(admin, "/vms?q=web-alpha").get(0);
        assertThat(alpha).containsEntry("ipAddresses", List.of("10.20.0.5", "192.168.7.5"))
                .containsEntry("repoName", "pool-prod").containsEntry("hostId", "host-1");
        assertThat(vm(admin, "vm-" + c + "-a1")).as("one VM's answer carries its addresses too")
                .containsEntry("ipAddresses", List.of("10.20.0.5", "192.168.7.5"));
    }

    @Test
    void eachVmShowsItsNewestOperation() {
        String alpha = "vm-" + t.code() + "-a1";
        String beta = "vm-" + t.code() + "-b2";
        operation(alpha, "START_VM", "FAILED", "2101");
        operation(alpha, "SHUTDOWN_VM", "DONE", "0");
        operation(beta, "SHUTDOWN_VM", "DONE", "0");
        operation(beta, "START_VM", "FAILED", "2101");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        vmItems(admin, "/vms?q=web").forEach(vm -> byName.put(vm.get("name").toString(), vm));
        assertThat(byName.get("web-alpha").get("lastOperation")).isEqualTo(Map.of("operation", "shutdownVm",
                "state", "DONE", "code", "0", "codeText", ResultCodes.find("0").orElseThrow().en()));
        assertThat(byName.get("web-beta").get("lastOperation")).isEqualTo(Map.of("operation", "startVm",
                "state", "FAILED", "code", "2101", "codeText", ResultCodes.find("2101").orElseThrow().en()));
        assertThat(byName.get("web-zeta").get("lastOperation")).isNull();
        assertThat(byName.values()).allSatisfy(vm -> assertThat(vm).containsEntry("busy", false));
    }

    @Test
    void eachFilterNarrowsTheList() {
        assertThat(names(admin, "status=1")).containsExactly("web-zeta", "cache-delta", "web-alpha");
        assertThat(names(admin, "status=0,4")).containsExactly("db_gamma", "web-beta");
        assertThat(names(admin, "status=0&status=4")).containsExactly("db_gamma", "web-beta");
        assertThat(names(admin, "repoName=pool-test")).containsExactly("web-beta");
        assertThat(names(admin, "hostId=host-2")).containsExactly("db_gamma", "web-beta");
        assertThat(names(admin, "owner=" + colleague)).containsExactly("web-zeta", "cache-delta");
        assertThat(names(admin, "templateId=tpl-win2019")).containsExactly("cache-delta");
        assertThat(names(admin, "classification=1")).as("the exact level").containsExactly("db_gamma");
        assertThat(names(admin, "classification=0&status=1&repoName=pool-prod&hostId=host-1&q=web"))
                .containsExactly("web-zeta", "web-alpha");
        assertThat(names(admin, "owner=nobody")).isEmpty();
    }

    @Test
    void sortsAndPagesCarryTheTotal() {
        assertThat(names(admin, "sort=name")).containsExactly("cache-delta", "db_gamma", "web-alpha", "web-beta",
                "web-zeta");
        assertThat(names(admin, "sort=-name")).containsExactly("web-zeta", "web-beta", "web-alpha", "db_gamma",
                "cache-delta");
        assertThat(names(admin, "sort=created")).containsExactly("web-alpha", "web-beta", "db_gamma",
                "cache-delta", "web-zeta");
        assertThat(names(admin, "")).as("newest first by default").containsExactly("web-zeta", "cache-delta",
                "db_gamma", "web-beta", "web-alpha");
        assertThat(names(admin, "sort=-created")).isEqualTo(names(admin, ""));
        assertThat(names(admin, "sort=status")).containsExactly("web-beta", "cache-delta", "web-alpha",
                "web-zeta", "db_gamma");
        assertThat(names(admin, "sort=host")).containsExactly("web-alpha", "web-zeta", "db_gamma", "web-beta",
                "cache-delta");
        assertThat(names(admin, "sort=owner")).as("by username: -colleague before -user, then by name")
                .containsExactly("cache-delta", "web-zeta", "db_gamma", "web-alpha", "web-beta");

        Map<String, Object> second = get(admin, "/vms?sort=name&page=1&size=2");
        assertThat(second).containsEntry("page", 1).containsEntry("size", 2).containsEntry("total", 5);
        assertThat(names((List<?>) second.get("items"))).containsExactly("web-alpha", "web-beta");
        Map<String, Object> last = get(admin, "/vms?sort=name&page=2&size=2");
        assertThat(names((List<?>) last.get("items"))).containsExactly("web-zeta");
        Map<String, Object> beyond = get(admin, "/vms?sort=name&page=9&size=2");
        assertThat(beyond).containsEntry("total", 5).containsEntry("items", List.of());
        assertThat(get(admin, "/vms")).containsEntry("page", 0).containsEntry("size", 50).containsEntry("total", 5);
    }

    @Test
    void eachPersonSeesWhatTheirRoleAndClearanceAllow() {
        assertThat(names(t.requester(), "")).as("a user sees their own VMs")
                .containsExactly("db_gamma", "web-beta", "web-alpha");
        assertThat(names(t.requester(), "owner=" + colleague)).as("a filter never widens").isEmpty();
        assertThat(names(colleague, "")).containsExactly("web-zeta", "cache-delta");
        assertThat(names(t.approver(), "")).as("an approver sees the whole tenant up to their clearance")
                .containsExactly("web-zeta", "cache-delta", "web-beta", "web-alpha");
        assertThat(names(admin, "")).as("a tenant admin sees the whole tenant").hasSize(5);
        TestTenant other = newTenant();
        assertThat(get(other.approver(), "/vms?q=vm-" + t.code())).as("another tenant sees nothing")
                .containsEntry("total", 0).containsEntry("items", List.of());
        assertThat(status(other.approver(), "/vms/vm-" + t.code() + "-a1")).isEqualTo(404);
        String operator = t.code() + "-ops";
        users.create(operator, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        assertThat(get(operator, "/vms?q=vm-" + t.code())).as("a platform admin sees every tenant up to clearance")
                .containsEntry("total", 4);

        // db_gamma is of level 1: above the approver's clearance 0, it is neither listed nor counted.
        assertThat(names(admin, "classification=1")).containsExactly("db_gamma");
        assertThat(names(t.approver(), "classification=1")).isEmpty();
        assertThat(get(t.approver(), "/vms")).containsEntry("total", 4);
        assertThat(get(admin, "/vms")).containsEntry("total", 5);
        // The tenant's ceiling caps every clearance.
        clearances.setCeiling(t.id(), 0);
        assertThat(get(admin, "/vms")).containsEntry("total", 4);
        clearances.setCeiling(t.id(), 1);

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String mine = page.get("/vms").body();
        assertThat(mine).contains("web-alpha", "web-beta", "db_gamma").doesNotContain("cache-delta", "web-zeta")
                .as("no owner filter for those who see only their own VMs").doesNotContain("id=\"vm-owner\"");
        PageClient approver = new PageClient(port, "en");
        approver.signIn(t.approver(), PASSWORD);
        String tenant = approver.get("/vms").body();
        assertThat(tenant).contains("web-alpha", "cache-delta", "web-zeta", "id=\"vm-owner\"")
                .doesNotContain("db_gamma");
        PageClient stranger = new PageClient(port, "en");
        stranger.signIn(other.requester(), PASSWORD);
        assertThat(stranger.get("/vms?q=web").body()).doesNotContain("web-alpha").contains("No VM matches");
    }

    @Test
    void invalidParametersAreRefusedNamingTheParameter() {
        assertRefused("size=0", "size", "The page size must be a whole number from 1 to 200.");
        assertRefused("size=201", "size", "The page size must be a whole number from 1 to 200.");
        assertRefused("size=ten", "size", "The page size must be a whole number from 1 to 200.");
        assertRefused("page=-1", "page", "The page must be a whole number from 0.");
        assertRefused("page=1.5", "page", "The page must be a whole number from 0.");
        assertRefused("sort=size", "sort",
                "The order must be one of: name, -name, status, created, -created, host, owner.");
        assertRefused("status=10", "status", "The status must be a status code of the spec (0–9, 11, 12).");
        assertRefused("status=1,running", "status", "The status must be a status code of the spec (0–9, 11, 12).");
        assertRefused("classification=secret", "classification",
                "The classification must be a whole number from 0.");
        assertRefused("q=" + "x".repeat(101), "q", "The search may be at most 100 characters long.");

        ResponseEntity<Map<String, Object>> chinese = api(admin).get().uri("/vms?size=500")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN").retrieve().toEntity(JSON_MAP);
        assertThat(chinese.getStatusCode().value()).isEqualTo(400);
        assertThat(chinese.getBody().get("errors")).isEqualTo(Map.of("size", "每页数量须为 1 到 200 之间的整数。"));

        PageClient page = new PageClient(port, "en");
        page.signIn(admin, PASSWORD);
        HttpResponse<String> refused = page.get("/vms?sort=sideways");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The order must be one of: name, -name, status, created, -created, "
                + "host, owner.");
    }

    private void assertRefused(String query, String parameter, String message) {
        ResponseEntity<Map<String, Object>> answer = api(admin).get().uri("/vms?" + query).retrieve()
                .toEntity(JSON_MAP);
        assertThat(answer.getStatusCode().value()).as(query).isEqualTo(400);
        assertThat(answer.getBody().get("errors")).as(query).isEqualTo(Map.of(parameter, message));
        assertThat(answer.getBody().get("detail")).as(query)
                .isEqualTo("Some values are not valid; see errors for each field.");
    }

    private List<String> names(String user, String query) {
        return names(vmItems(user, "/vms?" + query));
    }

    private List<?> vmItemsFor(String user, String q) {
        return (List<?>) api(user).get().uri("/vms?q={q}", q).retrieve().body(JSON_MAP).get("items");
    }

    private static List<String> names(List<?> items) {
        return items.stream().map(vm -> ((Map<?, ?>) vm).get("name").toString()).toList();
    }

    private void operation(String vmId, String kind, String state, String code) {
        jdbc.sql("""
                INSERT INTO operation (kind, vm_id, state, result_code, completed_at)
                VALUES (:kind, :vmId, :state, :code, NOW(3))""")
                .param("kind", kind).param("vmId", vmId).param("state", state).param("code", code).update();
    }

    private long idOf(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
            new ParameterizedTypeReference<>() {
            };
}

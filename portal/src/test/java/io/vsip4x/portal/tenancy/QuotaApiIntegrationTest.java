package io.vsip4x.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetails;

/** {@code /api/v1/quota} and the platform admin's {@code /api/v1/tenants}. */
class QuotaApiIntegrationTest extends PortalTestSupport {

    /** A platform admin of the tests' own, signing in with the tests' password. */
    private static final String ADMIN = "quota-api-admin";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final Map<String, Object> LIMITS = Map.of("cpu", 12, "memoryMb", 24576, "diskGb", 600,
            "dataDiskGb", 300, "vms", 6, "snapshots", 10, "backups", 4);

    @Autowired
    private QuotaService quotas;
    @Autowired
    private UserCaps caps;

    @BeforeEach
    void platformAdmin() {
        if (jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", ADMIN).query(Integer.class)
                .single() == 0) {
            users.create(ADMIN, PASSWORD, "平台管理员", null, Set.of(Role.PLATFORM_ADMIN));
        }
    }

    @Test
    void callerReadsTheirDepartmentsLimitsUsedReservedAndFree() {
        TestTenant t = newTenant(new Quota(8, 16384, 400, 4));
        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);

        Map<String, Object> quota = get(t.requester(), "/quota");

        assertThat(quota).containsEntry("tenant", t.code()).doesNotContainKey("personal");
        assertThat(quota.get("limits")).isEqualTo(Map.of("cpu", 8, "memoryMb", 16384, "diskGb", 400, "dataDiskGb", 0,
                "vms", 4, "snapshots", 0, "backups", 0));
        assertThat(QuotaConcurrencyIntegrationTest.total(quota)).containsEntry("cpu", 2L)
                .containsEntry("memoryMb", 2048L).containsEntry("diskGb", 40L).containsEntry("vms", 1L);
        assertThat(quota.get("free")).isEqualTo(Map.of("cpu", 6, "memoryMb", 14336, "diskGb", 360, "dataDiskGb", 0,
                "vms", 3, "snapshots", 0, "backups", 0));
    }

    @Test
    void accountWithoutDepartmentHasNoQuota() {
        ResponseEntity<Map<String, Object>> answer = api(ADMIN).get().uri("/quota").retrieve().toEntity(JSON);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody()).containsEntry("type", "urn:vsip4x:problem:quota.error.noTenant");
    }

    @Test
    void personalCapsAreShownBesideTheDepartmentsQuota() {
        TestTenant t = newTenant();
        caps.set(as(ADMIN), tenants.find(t.id()).orElseThrow(), userId(t.requester()),
                new CapForm("4", "", "", "", "1", "", ""));

        Map<String, Object> personal = cast(get(t.requester(), "/quota").get("personal"));

        assertThat(cast(personal.get("limits"))).containsEntry("cpu", 4).containsEntry("vms", 1)
                .containsEntry("memoryMb", null);
        assertThat(cast(personal.get("used"))).containsEntry("vms", 0);
        assertThat(get(t.approver(), "/quota")).doesNotContainKey("personal");
    }

    @Test
    void platformAdminReadsAndSetsADepartmentsLimits() {
        TestTenant t = newTenant();

        ResponseEntity<Map<String, Object>> put = put(ADMIN, "/tenants/" + t.code() + "/quota",
                Map.of("limits", LIMITS));

        assertThat(put.getStatusCode().value()).isEqualTo(200);
        assertThat(put.getBody().get("limits")).isEqualTo(LIMITS);
        assertThat(get(ADMIN, "/tenants/" + t.code() + "/quota")).containsEntry("limits", LIMITS)
                .containsKeys("used", "reserved", "free");
        assertThat(get(t.requester(), "/quota")).containsEntry("limits", LIMITS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'TENANT_QUOTA_SET' AND target = :t")
                .param("t", "tenant:" + t.code()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void badLimitsAreRefusedFieldByFieldAndChangeNothing() {
        TestTenant t = newTenant();
        Map<String, Object> before = get(ADMIN, "/tenants/" + t.code() + "/quota");
        Map<String, Object> missing = new HashMap<>(LIMITS);
        missing.remove("backups");
        Map<String, Object> wrong = new HashMap<>(LIMITS);
        wrong.put("cpu", -1);
        wrong.put("memoryMb", 1.5);
        wrong.put("vms", "6");
        wrong.put("gpus", 2);

        assertThat(errors(put(ADMIN, "/tenants/" + t.code() + "/quota", Map.of("limits", missing))))
                .containsOnlyKeys("limits.backups");
        assertThat(errors(put(ADMIN, "/tenants/" + t.code() + "/quota", Map.of("limits", wrong))))
                .containsOnlyKeys("limits.cpu", "limits.memoryMb", "limits.vms", "limits.gpus")
                .containsEntry("limits.cpu", "Enter a whole number from 0 to 2000000000.");
        assertThat(put(ADMIN, "/tenants/" + t.code() + "/quota", Map.of("cpu", 1)).getStatusCode().value())
                .isEqualTo(400);
        assertThat(get(ADMIN, "/tenants/" + t.code() + "/quota")).isEqualTo(before);
    }

    @Test
    void onlyPlatformAdminsReachTheTenantsApi() {
        TestTenant t = newTenant();
        for (String who : List.of(t.requester(), t.approver())) {
            assertThat(status(who, "/tenants")).isEqualTo(403);
            assertThat(status(who, "/tenants/" + t.code())).isEqualTo(403);
            assertThat(status(who, "/tenants/" + t.code() + "/quota")).isEqualTo(403);
            assertThat(put(who, "/tenants/" + t.code() + "/quota", Map.of("limits", LIMITS)).getStatusCode().value())
                    .isEqualTo(403);
            assertThat(post(who, "/tenants", Map.of("code", "nope")).getStatusCode().value()).isEqualTo(403);
        }
        assertThat(status(ADMIN, "/tenants/no-such-tenant")).isEqualTo(404);
    }

    @Test
    void platformAdminCreatesADepartmentWithItsResources() {
        String code = "api-" + System.nanoTime() % 1_000_000;
        Map<String, Object> body = Map.of("code", code, "name", "接口部门", "limits", LIMITS,
                "vmCap", Map.of("cpu", 4, "memoryMb", 8192), "ceiling", 1, "leaseMaxDays", 30,
                "templates", List.of("tpl-centos7"), "pools", List.of("pool-prod"), "networks", List.of("vnet-office"));

        ResponseEntity<Map<String, Object>> created = post(ADMIN, "/tenants", body);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        Map<String, Object> tenant = get(ADMIN, "/tenants/" + code);
        assertThat(tenant).containsEntry("name", "接口部门").containsEntry("limits", LIMITS)
                .containsEntry("ceiling", 1).containsEntry("leaseMaxDays", 30)
                .containsEntry("templates", List.of("tpl-centos7")).containsEntry("pools", List.of("pool-prod"));
        assertThat(cast(tenant.get("vmCap"))).containsEntry("cpu", 4).containsEntry("diskGb", null);
        assertThat(getList(ADMIN, "/tenants")).extracting(m -> m.get("code")).contains(code);

        assertThat(errors(post(ADMIN, "/tenants", body))).containsOnlyKeys("code");
        Map<String, Object> bad = new HashMap<>(body);
        bad.put("code", "Bad Code");
        bad.put("templates", List.of("tpl-none"));
        assertThat(errors(post(ADMIN, "/tenants", bad))).containsOnlyKeys("code", "templates");
    }

    @Test
    void shrinkingIsNeverAnExcessEvenBeyondTheQuota() {
        TestTenant t = newTenant(new Quota(8, 16384, 400, 4));
        long id = submit(t.requester(), smallRequest(2));
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        long requester = userId(t.requester());
        tenants.setQuota(t.id(), Quota.ZERO);
        caps.set(as(ADMIN), tenants.find(t.id()).orElseThrow(), requester, new CapForm("0", "0", "0", "0", "0", "0",
                "0"));

        // A resize from 2 vCPU / 2 GiB to 1 vCPU / 1 GiB, with the disk unchanged.
        assertThat(quotas.excesses(t.id(), requester, new Quota(-1, -1024, 0, 0))).isEmpty();
        assertThat(quotas.excesses(t.id(), requester, new Quota(-2, -2048, 0, 0, -1, 0, 0))).isEmpty();
        assertThat(quotas.excesses(t.id(), requester, new Quota(1, -1024, 0, 0)))
                .extracting(e -> e.resource() + (e.personal() ? " personal" : ""))
                .containsExactlyInAnyOrder("CPU", "CPU personal");
    }

    private ResponseEntity<Map<String, Object>> put(String user, String path, Object body) {
        return api(user).put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JSON);
    }

    private static Map<String, Object> errors(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        return cast(answer.getBody().get("errors"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    private CurrentUser as(String username) {
        UserDetails details = users.loadUserByUsername(username);
        return UserService.of(UsernamePasswordAuthenticationToken.authenticated(details, null,
                details.getAuthorities()));
    }
}

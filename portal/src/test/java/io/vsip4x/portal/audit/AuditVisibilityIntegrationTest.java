package io.vsip4x.portal.audit;

import static io.vsip4x.portal.audit.AuditTestData.Row;
import static io.vsip4x.portal.audit.AuditTestData.insert;
import static io.vsip4x.portal.audit.AuditTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Who reads which events (auditors all, security admins the auditors' and their own, tenant
 * admins their tenant's, everyone else their own), one event with its seal and correlated events,
 * and the API's refusals: bad parameters (400, named, in the reader's language) and writes (405).
 */
class AuditVisibilityIntegrationTest extends PortalTestSupport {

    private static final Instant AT = Instant.parse("2026-11-25T03:00:00Z");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    AuditSealer sealer;

    @Test
    void eachRoleSeesItsShareOfTheEvents() {
        TestTenant mine = newTenant();
        TestTenant other = newTenant();
        String admin = mine.code() + "-admin";
        users.create(admin, PASSWORD, "管理员", mine.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        String auditor = account("aud", Role.AUDITOR);
        String security = account("sec", Role.SECURITY_ADMIN);
        String platform = account("ops", Role.PLATFORM_ADMIN);
        String action = unique("VIS_");

        long ofMyTenant = insert(jdbc, Row.of(AT, mine.approver(), action, "a").tenant(mine.code()));
        long ofOtherTenant = insert(jdbc, Row.of(AT.plusSeconds(1), other.requester(), action, "b")
                .tenant(other.code()));
        long ofAuditor = insert(jdbc, Row.of(AT.plusSeconds(2), auditor, action, "c").role("AUDITOR"));
        long ofSecurity = insert(jdbc, Row.of(AT.plusSeconds(3), security, action, "d"));
        long ofRequester = insert(jdbc, Row.of(AT.plusSeconds(4), mine.requester(), action, "e").tenant(mine.code()));
        long ofPlatform = insert(jdbc, Row.of(AT.plusSeconds(5), platform, action, "f"));

        String filter = "/audit?action=" + action;
        assertThat(ids(auditor, filter)).containsExactly(ofPlatform, ofRequester, ofSecurity, ofAuditor,
                ofOtherTenant, ofMyTenant);
        assertThat(ids(admin, filter)).containsExactly(ofRequester, ofMyTenant);
        assertThat(ids(mine.requester(), filter)).containsExactly(ofRequester);
        assertThat(ids(security, filter)).containsExactly(ofSecurity, ofAuditor);
        assertThat(ids(platform, filter)).containsExactly(ofPlatform);
        assertThat(ids(admin, filter + "&tenant=" + other.code())).as("a filter never widens").isEmpty();

        assertThat(status(mine.requester(), "/audit/events/" + ofRequester)).isEqualTo(200);
        assertThat(status(mine.requester(), "/audit/events/" + ofMyTenant)).isEqualTo(404);
        assertThat(status(admin, "/audit/events/" + ofOtherTenant)).isEqualTo(404);
        assertThat(status(security, "/audit/events/" + ofAuditor)).isEqualTo(200);
        assertThat(status(security, "/audit/events/" + ofPlatform)).isEqualTo(404);
        assertThat(RestClientStatus.anonymous(port, "/api/v1/audit")).as("sign-in required").isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventShowsItsSealAndItsCorrelatedEventsOldestFirst() {
        String auditor = account("aud", Role.AUDITOR);
        String correlation = unique("corr-");
        String action = unique("COR_");
        long start = insert(jdbc, Row.of(AT, "corr-user", action, "vm-1").correlated(correlation));
        long callback = insert(jdbc, Row.of(AT.plusSeconds(30), "platform", action, "vm-1").correlated(correlation)
                .result("FAILURE", "1203", "资源不足 🚫"));
        long outcome = insert(jdbc, Row.of(AT.plusSeconds(10), "system", action, "vm-1").correlated(correlation));
        sealer.sealAll();

        Map<String, Object> detail = get(auditor, "/audit/events/" + callback);
        assertThat((Map<String, Object>) detail.get("event")).containsEntry("message", "资源不足 🚫")
                .containsEntry("code", "1203").containsEntry("correlationId", correlation);
        Map<String, Object> seal = (Map<String, Object>) detail.get("seal");
        assertThat(seal).containsKeys("seq", "hash");
        assertThat(((String) seal.get("hash"))).hasSize(64);
        assertThat(((List<Map<String, Object>>) detail.get("correlated")).stream()
                .map(e -> ((Number) e.get("id")).longValue())).containsExactly(start, outcome, callback);

        long unsealed = jdbc.sql("SELECT MAX(id) + 1000000 FROM audit_event").query(Long.class).single();
        assertThat(status(auditor, "/audit/events/" + unsealed)).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badParametersAnswer400NamingTheParameterInTheReadersLanguage() {
        String auditor = account("aud", Role.AUDITOR);
        for (String[] bad : new String[][] {{"from=yesterday", "from"}, {"to=2026-13-01T00:00", "to"},
                {"size=0", "size"}, {"size=201", "size"}, {"size=ten", "size"}, {"cursor=abc", "cursor"},
                {"cursor=12-", "cursor"}, {"result=MAYBE", "result"},
                {"from=2026-11-02T00:00Z&to=2026-11-01T00:00Z", "to"}, {"from=%2B10000-01-01T00:00Z", "from"},
                {"to=%2B292278995-01-01T00:00Z", "to"}, {"from=1969-12-31T23:59Z", "from"},
                {"cursor=99999999999999999-1", "cursor"}}) {
            ResponseEntity<Map<String, Object>> answer = api(auditor).get().uri("/audit?" + bad[0]).retrieve()
                    .toEntity(JSON);
            assertThat(answer.getStatusCode().value()).as(bad[0]).isEqualTo(400);
            Map<String, String> errors = (Map<String, String>) answer.getBody().get("errors");
            assertThat(errors).as(bad[0]).containsOnlyKeys(bad[1]);
            assertThat(errors.get(bad[1])).as(bad[0]).startsWith("Parameter " + bad[1]);
        }
        ResponseEntity<Map<String, Object>> chinese = api(auditor).get().uri("/audit?size=500")
                .header("Accept-Language", "zh-CN").retrieve().toEntity(JSON);
        assertThat(chinese.getStatusCode().value()).isEqualTo(400);
        assertThat(((Map<String, String>) chinese.getBody().get("errors")).get("size"))
                .isEqualTo("参数 size：每页数量须为 1 到 200 之间的整数。");
        assertThat(api(auditor).get().uri("/audit/chart?to=nope").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(400);
        assertThat(api(auditor).get().uri("/audit/export.csv?result=NONE").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theAuditApiAcceptsNoWrites() {
        TestTenant t = newTenant();
        String security = account("sec", Role.SECURITY_ADMIN);
        long event = insert(jdbc, Row.of(AT, t.requester(), unique("RO_"), "x").tenant(t.code()));
        String auditor = account("aud", Role.AUDITOR);
        for (String user : List.of(t.requester(), security, auditor)) {
            for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
                for (String path : List.of("/audit", "/audit/events/" + event, "/audit/export.csv", "/audit/chart",
                        "/audit/anything/else")) {
                    ResponseEntity<Map<String, Object>> answer = api(user).method(method).uri(path)
                            .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(Map.of("x", 1))
                            .retrieve().toEntity(JSON);
                    assertThat(answer.getStatusCode().value()).as("%s %s by %s", method, path, user).isEqualTo(405);
                }
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE id = :id").param("id", event)
                .query(Long.class).single()).isEqualTo(1);
    }

    private String account(String prefix, Role role) {
        String name = unique(prefix);
        users.create(name, PASSWORD, "测试 " + name, null, Set.of(role));
        return name;
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String user, String path) {
        Map<String, Object> page = get(user, path);
        assertThat(page).as("answer to %s", user).containsKey("items");
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .map(item -> ((Number) item.get("id")).longValue()).toList();
    }

    /** Calls without credentials. */
    private static final class RestClientStatus {
        static int anonymous(int port, String path) {
            return org.springframework.web.client.RestClient.create("http://127.0.0.1:" + port).get().uri(path)
                    .retrieve().onStatus(s -> true, (rq, rs) -> { }).toBodilessEntity().getStatusCode().value();
        }
    }
}

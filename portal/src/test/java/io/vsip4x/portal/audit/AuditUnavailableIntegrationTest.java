package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * An action whose audit event cannot be stored does not happen, and says so. The database refuses
 * the events of one account of the test's own (a trigger that signals an error), as a full disk or
 * a revoked grant would.
 */
class AuditUnavailableIntegrationTest extends PortalTestSupport {

    private static final String TRIGGER = "audit_event_refused_in_coverage_test";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @AfterEach
    void dropTrigger() {
        jdbc.sql("DROP TRIGGER IF EXISTS " + TRIGGER).update();
    }

    @Test
    void aQuotaChangeWhoseEventCannotBeStoredIsNotMadeAndAnswers503() {
        TestTenant t = newTenant();
        String admin = "pa" + UUID.randomUUID().toString().substring(0, 8);
        users.create(admin, PASSWORD, "平台管理员 " + admin, null, Set.of(Role.PLATFORM_ADMIN));
        Map<String, Object> before = jdbc.sql("SELECT * FROM tenant WHERE id = :id").param("id", t.id())
                .query().singleRow();
        apiAuthorization(admin, PASSWORD); // a platform admin's token is made (and logged) before the refusal
        refuseEventsOf(admin);

        ResponseEntity<Map<String, Object>> en = putLimits(admin, t.code(), "en");
        ResponseEntity<Map<String, Object>> zh = putLimits(admin, t.code(), "zh-CN");

        assertThat(en.getStatusCode().value()).isEqualTo(503);
        assertThat(en.getBody()).containsEntry("detail",
                "The audit log could not be written; the action was not carried out.");
        assertThat(zh.getStatusCode().value()).isEqualTo(503);
        assertThat(zh.getBody()).containsEntry("detail", "审计日志无法写入，操作未执行。");
        assertThat(jdbc.sql("SELECT * FROM tenant WHERE id = :id").param("id", t.id()).query().singleRow())
                .as("the quota is as it was").isEqualTo(before);
        assertThat(eventsOf(admin)).isZero();
    }

    @Test
    void aRequestWhoseEventCannotBeStoredIsNotSubmittedAndAPageSaysSo() {
        TestTenant t = newTenant();
        refuseEventsOf(t.requester());

        ResponseEntity<Map<String, Object>> submitted = post(t.requester(), "/requests", smallRequest(1));

        assertThat(submitted.getStatusCode().value()).isEqualTo(503);
        assertThat(submitted.getBody()).containsEntry("detail",
                "The audit log could not be written; the action was not carried out.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).as("no request").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM quota_reservation r JOIN vm_request q ON q.id = r.request_id "
                + "WHERE q.tenant_id = :t").param("t", t.id()).query(Integer.class).single()).isZero();
        assertThat(eventsOf(t.requester())).isZero();

        jdbc.sql("DROP TRIGGER " + TRIGGER).update();
        assertThat(post(t.requester(), "/requests", smallRequest(1)).getStatusCode().value())
                .as("accepted once the log takes events again").isEqualTo(201);
    }

    private void refuseEventsOf(String actor) {
        jdbc.sql("""
                CREATE TRIGGER %s BEFORE INSERT ON audit_event FOR EACH ROW
                BEGIN
                    IF NEW.actor = '%s' THEN
                        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit events refused by the test';
                    END IF;
                END""".formatted(TRIGGER, actor)).update();
    }

    private ResponseEntity<Map<String, Object>> putLimits(String user, String tenant, String language) {
        RestClient client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> {
                    h.set(HttpHeaders.AUTHORIZATION, apiAuthorization(user, PASSWORD));
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        return client.put().uri("/tenants/" + tenant + "/quota").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("limits", Map.of("cpu", 12, "memoryMb", 24576, "diskGb", 600, "dataDiskGb", 300,
                        "vms", 6, "snapshots", 10, "backups", 4)))
                .retrieve().toEntity(JSON);
    }

    /** The events of {@code actor}, but for making the API token it signs in with (when it needs one). */
    private int eventsOf(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action <> 'API_TOKEN_CREATED'")
                .param("a", actor).query(Integer.class).single();
    }
}

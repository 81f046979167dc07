package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Auditors read every audit page and change nothing anywhere, through the pages or the API. */
class AuditorReadOnlyIntegrationTest extends AccountTestSupport {

    @Test
    void auditorsChangesAreRefusedThroughTheApiAndNothingChanges() {
        TestTenant t = newTenant();
        long request = submit(t.requester(), smallRequest(1));
        String auditor = newAccount("au", Role.AUDITOR);
        RestClient api = client(auditor, PASSWORD, "en");
        long account = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();

        List<String[]> changes = List.of(
                new String[] {"POST", "/requests"},
                new String[] {"POST", "/requests/" + request + "/approve"},
                new String[] {"POST", "/requests/" + request + "/reject"},
                new String[] {"POST", "/vms/vm-any/start"},
                new String[] {"POST", "/vms/vm-any/shutdown"},
                new String[] {"POST", "/accounts"},
                new String[] {"PUT", "/accounts/" + account},
                new String[] {"POST", "/accounts/" + account + "/lock"},
                new String[] {"POST", "/accounts/" + account + "/password-reset"});
        for (String[] change : changes) {
            Object body = change[1].equals("/requests") ? smallRequest(1) : Map.of("reason", "x");
            ResponseEntity<Map<String, Object>> answer = send(api, change[0], change[1], body);
            assertThat(answer.getStatusCode().value()).as("%s %s", change[0], change[1]).isEqualTo(403);
            assertThat(answer.getBody()).containsEntry("detail", "Auditors read; they cannot change anything.");
        }

        assertThat(request(t.requester(), request)).containsEntry("state", "PENDING");
        assertThat(column(t.requester(), "locked", Boolean.class)).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action = 'REFUSED'")
                .param("a", auditor).query(Integer.class).single()).isEqualTo(changes.size());
        // Reading stays open to them.
        assertThat(statusAs(auditor, PASSWORD, "/me")).isEqualTo(200);
    }

    @Test
    void auditorsChangesAreRefusedThroughThePagesAndTheAuditPageIsTheirs() {
        TestTenant t = newTenant();
        long request = submit(t.approver(), smallRequest(1));
        String auditor = newAccount("au", Role.AUDITOR);
        long account = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        PageClient browser = new PageClient(port, "en");

        HttpResponse<String> audit = browser.signIn(auditor, PASSWORD);
        assertThat(audit.uri().getPath()).isEqualTo("/audit");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("Audit log");
        String token = PageClient.csrfOf(audit.body());

        for (String path : List.of("/requests", "/approvals/" + request + "/approve",
                "/approvals/" + request + "/reject", "/vms/vm-any/start", "/admin/accounts",
                "/admin/accounts/" + account, "/admin/accounts/" + account + "/lock")) {
            HttpResponse<String> answer = browser.postForm(path, "reason=x&displayName=x&_csrf=" + token);
            assertThat(answer.statusCode()).as("POST %s", path).isEqualTo(403);
        }
        assertThat(request(t.approver(), request)).containsEntry("state", "PENDING");
        assertThat(column(t.requester(), "display_name", String.class)).startsWith("用户");

        HttpResponse<String> again = browser.get("/audit");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("POST /admin/accounts/" + account + "/lock");
    }
}

package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * One's own password is changed only with the current one: a security admin does not reset their
 * own, and guessing the current password on the change form locks the account like failed sign-ins.
 */
class OwnPasswordIntegrationTest extends AccountTestSupport {

    @Test
    void aSecurityAdminCannotResetTheirOwnPasswordByApiOrPage() {
        String admin = newSecurityAdmin();
        long own = column(admin, "id", Long.class);
        String hash = column(admin, "password_hash", String.class);

        ResponseEntity<Map<String, Object>> refused = send(client(admin, PASSWORD, "en"), "POST",
                "/accounts/" + own + "/password-reset", Map.of("mustChangePassword", false));
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat((String) refused.getBody().get("detail")).contains("cannot reset your own password")
                .contains("/account/password");
        assertThat(refused.getBody()).doesNotContainKey("generatedPassword");
        assertThat(column(admin, "password_hash", String.class)).isEqualTo(hash);
        assertThat(statusAs(admin, PASSWORD, "/me")).isEqualTo(200);

        PageClient page = new PageClient(port, "en");
        page.signIn(admin, PASSWORD);
        String form = page.get("/admin/accounts/" + own).body();
        assertThat(form).contains("id=\"reset-self\"").doesNotContain("id=\"reset-form\"");
        HttpResponse<String> posted = page.postForm("/admin/accounts/" + own + "/password",
                "mustChangePassword=false&_csrf=" + PageClient.enc(PageClient.csrfOf(form)));
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.body()).contains("cannot reset your own password");
        assertThat(column(admin, "password_hash", String.class)).isEqualTo(hash);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :t AND action = 'ACCOUNT_PASSWORD_RESET'")
                .param("t", admin).query(Integer.class).single()).isZero();
    }

    @Test
    void guessingTheCurrentPasswordOnTheFormLocksTheAccountAndEndsTheSession() {
        String name = newTenant().requester();
        PageClient page = new PageClient(port, "en");
        page.signIn(name, PASSWORD);
        String csrf = PageClient.csrfOf(page.get("/account/password").body());
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> wrong = guess(page, csrf);
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(column(name, "failed_attempts", Integer.class)).isEqualTo(i);
        }
        HttpResponse<String> fifth = guess(page, csrf);
        assertThat(fifth.uri().toString()).endsWith("/login?locked");
        assertThat(fifth.body())
                .containsPattern("locked after too many failed sign-ins; try again after \\d\\d:\\d\\d");
        assertThat(column(name, "locked_until", java.sql.Timestamp.class)).isNotNull();
        assertThat(page.get("/vms").uri().getPath()).isEqualTo("/login");
        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(401);
    }

    /**
     * The API signs in with the password on every call, so it holds no session to guess in; a wrong
     * current password still counts as a failed sign-in until the next successful one.
     */
    @Test
    void aWrongCurrentPasswordByApiCountsAsAFailedSignIn() {
        String name = newTenant().requester();
        ResponseEntity<Map<String, Object>> wrong = send(client(name, PASSWORD, "en"), "PUT", "/account/password",
                Map.of("currentPassword", "a-guess", "newPassword", "Another-pass-77",
                        "confirmPassword", "Another-pass-77"));
        assertThat(wrong.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(wrong)).containsKey("currentPassword");
        assertThat(column(name, "failed_attempts", Integer.class)).isEqualTo(1);
        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(200);
    }

    private static HttpResponse<String> guess(PageClient page, String csrf) {
        return page.postForm("/account/password", "currentPassword=wrong-guess&newPassword=Another-pass-77"
                + "&confirmPassword=Another-pass-77&_csrf=" + PageClient.enc(csrf));
    }
}

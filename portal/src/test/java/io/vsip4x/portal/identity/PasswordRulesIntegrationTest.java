package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Password rules on every change, the history of five, and the forced change after a reset. */
class PasswordRulesIntegrationTest extends AccountTestSupport {

    @Test
    void eachRuleRefusesWithItsOwnLocalizedReasonAndKeepsTheOldPassword() {
        TestTenant t = newTenant();
        String name = t.requester();
        RestClient en = client(name, PASSWORD, "en");
        RestClient zh = client(name, PASSWORD, "zh-CN");

        assertThat(refusal(en, PASSWORD, "Short-1", "newPassword"))
                .isEqualTo("The password must have at least 10 characters.");
        assertThat(refusal(zh, PASSWORD, "Short-1", "newPassword")).isEqualTo("密码至少需要 10 个字符。");
        assertThat(refusal(en, PASSWORD, name.toUpperCase(Locale.ROOT), "newPassword"))
                .isEqualTo("The password must not contain the account name.");
        assertThat(refusal(en, PASSWORD, "x-" + name.toUpperCase(Locale.ROOT) + "-42", "newPassword"))
                .isEqualTo("The password must not contain the account name.");
        assertThat(refusal(en, PASSWORD, PASSWORD, "newPassword"))
                .isEqualTo("The password must not be one of the last 5 passwords of the account.");
        assertThat(refusal(zh, "wrong-password-1", "Another-Good-1", "currentPassword")).isEqualTo("当前密码不正确。");
        assertThat(refusal(en, PASSWORD, "Ü".repeat(40), "newPassword"))
                .isEqualTo("The password may have at most 72 bytes.");
        assertThat(refusal(en, PASSWORD, " ".repeat(12), "newPassword"))
                .isEqualTo("The password must not be only spaces or one character repeated.");
        assertThat(refusal(zh, PASSWORD, "a".repeat(12), "newPassword")).isEqualTo("密码不能全是空格或同一个字符。");
        assertThat(refusal(en, PASSWORD, "\u200ba".repeat(12), "newPassword"))
                .as("one character between zero-width spaces")
                .isEqualTo("The password must not be only spaces or one character repeated.");

        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :t AND action = 'PASSWORD_CHANGE' "
                + "AND result = 'DENIED'").param("t", name).query(Integer.class).single()).isEqualTo(10);
    }

    @Test
    void noneOfTheLastFivePasswordsComesBackButTheSixthMay() {
        TestTenant t = newTenant();
        String name = t.requester();
        String current = PASSWORD;
        for (int i = 1; i <= 5; i++) {
            String next = "Rotation-pass-" + i;
            assertThat(change(name, current, next).getStatusCode().value()).as("change %d", i).isEqualTo(204);
            current = next;
        }

        // The last five are 1 to 5; the first password is the sixth back.
        for (int i = 1; i <= 4; i++) {
            ResponseEntity<Map<String, Object>> refused = change(name, current, "Rotation-pass-" + i);
            assertThat(refused.getStatusCode().value()).as("reuse of %d", i).isEqualTo(400);
            assertThat(errors(refused)).containsKey("newPassword");
        }
        assertThat(change(name, current, PASSWORD).getStatusCode().value()).isEqualTo(204);
        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM password_history h JOIN app_user u ON u.id = h.user_id "
                + "WHERE u.username = :u").param("u", name).query(Integer.class).single()).isEqualTo(5);
        assertThat(column(name, "password_changed_at", java.sql.Timestamp.class)).isNotNull();
    }

    @Test
    void mustChangeHoldsThePagesToThePasswordPageUntilChanged() {
        TestTenant t = newTenant();
        RestClient admin = client(newSecurityAdmin(), PASSWORD, "en");
        String name = unique("mc");
        Map<String, Object> body = userBody(name, t.code(), "First-password-1");
        body.put("mustChangePassword", true);
        assertThat(send(admin, "POST", "/accounts", body).getStatusCode().value()).isEqualTo(201);

        PageClient browser = new PageClient(port, "zh-CN");
        HttpResponse<String> landed = browser.signIn(name, "First-password-1");
        assertThat(landed.uri().getPath()).isEqualTo("/account/password");
        assertThat(landed.body()).contains("id=\"must-change\"").contains("请先设置新密码");
        assertThat(browser.get("/vms").uri().getPath()).isEqualTo("/account/password");
        assertThat(browser.get("/requests/new").uri().getPath()).isEqualTo("/account/password");

        // The current password is required, and the rules apply.
        String token = PageClient.csrfOf(landed.body());
        HttpResponse<String> wrong = browser.postForm("/account/password", "currentPassword=nope"
                + "&newPassword=Second-password-2&confirmPassword=Second-password-2&_csrf=" + token);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"currentPassword-error\"").contains("当前密码不正确。");
        HttpResponse<String> mismatch = browser.postForm("/account/password", "currentPassword=First-password-1"
                + "&newPassword=Second-password-2&confirmPassword=Second-password-3&_csrf=" + token);
        assertThat(mismatch.body()).contains("id=\"confirmPassword-error\"").contains("两次输入的新密码不一致。");

        HttpResponse<String> changed = browser.postForm("/account/password", "currentPassword=First-password-1"
                + "&newPassword=Second-password-2&confirmPassword=Second-password-2&_csrf=" + token);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.uri().getPath()).isEqualTo("/vms");
        assertThat(browser.get("/requests/new").statusCode()).isEqualTo(200);
        assertThat(column(name, "must_change_password", Boolean.class)).isFalse();
        assertThat(statusAs(name, "Second-password-2", "/requests")).isEqualTo(200);
    }

    @Test
    void mustChangeRefusesTheApiWithAClearProblemUntilChanged() {
        TestTenant t = newTenant();
        RestClient admin = client(newSecurityAdmin(), PASSWORD, "en");
        long id = ((Number) jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single()).longValue();
        String password = (String) send(admin, "POST", "/accounts/" + id + "/password-reset", null).getBody()
                .get("generatedPassword");

        RestClient user = client(t.requester(), password, "zh-CN");
        ResponseEntity<Map<String, Object>> held = send(user, "POST", "/requests", smallRequest(1));
        assertThat(held.getStatusCode().value()).isEqualTo(403);
        assertThat(held.getBody()).containsEntry("type", "urn:vsip4x:problem:password.error.mustChange");
        assertThat((String) held.getBody().get("detail")).startsWith("请先修改密码");

        assertThat(send(user, "PUT", "/account/password", Map.of("currentPassword", password,
                "newPassword", "Brand-new-pass-1")).getStatusCode().value()).isEqualTo(204);
        assertThat(statusAs(t.requester(), "Brand-new-pass-1", "/requests")).isEqualTo(200);
    }

    private ResponseEntity<Map<String, Object>> change(String name, String current, String next) {
        return send(client(name, current, "en"), "PUT", "/account/password",
                Map.of("currentPassword", current, "newPassword", next));
    }

    private String refusal(RestClient client, String current, String next, String field) {
        ResponseEntity<Map<String, Object>> answer = send(client, "PUT", "/account/password",
                Map.of("currentPassword", current, "newPassword", next));
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(400);
        return errors(answer).get(field);
    }
}

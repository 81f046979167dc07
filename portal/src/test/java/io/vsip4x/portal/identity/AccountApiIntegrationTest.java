package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Security admins manage accounts through the API: every rule refuses with a reason and changes nothing. */
class AccountApiIntegrationTest extends AccountTestSupport {

    @Test
    void securityAdminCreatesEditsLocksAndUnlocksAnAccountAndEveryChangeIsAudited() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        RestClient api = client(admin, PASSWORD, "en");
        String name = unique("new");

        ResponseEntity<Map<String, Object>> created = send(api, "POST", "/accounts",
                userBody(name, t.code(), "Correct-Horse-9"));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        Map<String, Object> account = map(created.getBody().get("account"));
        assertThat(created.getBody().get("generatedPassword")).isNull();
        assertThat(account).containsEntry("username", name).containsEntry("tenant", t.code())
                .containsEntry("clearance", 1).containsEntry("locked", false).containsEntry("version", 0);
        assertThat((List<Object>) account.get("roles")).containsExactly("USER");
        assertThat(statusAs(name, "Correct-Horse-9", "/me")).isEqualTo(200);
        long id = ((Number) account.get("id")).longValue();

        // Listed by tenant and by text, not under another tenant.
        assertThat(names(api, "/accounts?tenant=" + t.code())).contains(name, t.requester());
        assertThat(names(api, "/accounts?q=" + name)).containsExactly(name);
        assertThat(names(api, "/accounts?tenant=-&q=" + name)).isEmpty();

        Map<String, Object> edit = editBody(account);
        edit.put("displayName", "改名 " + name);
        edit.put("roles", List.of("USER", "APPROVER"));
        edit.put("clearance", 2);
        ResponseEntity<Map<String, Object>> edited = send(api, "PUT", "/accounts/" + id, edit);
        assertThat(edited.getStatusCode().value()).as("%s", edited.getBody()).isEqualTo(200);
        assertThat(edited.getBody()).containsEntry("displayName", "改名 " + name).containsEntry("clearance", 2)
                .containsEntry("version", 1);
        assertThat((List<Object>) edited.getBody().get("roles")).containsExactlyInAnyOrder("USER", "APPROVER");

        assertThat(send(api, "POST", "/accounts/" + id + "/lock", null).getBody()).containsEntry("locked", true);
        assertThat(statusAs(name, "Correct-Horse-9", "/me")).isEqualTo(401);
        assertThat(send(api, "POST", "/accounts/" + id + "/unlock", null).getBody()).containsEntry("locked", false);
        assertThat(statusAs(name, "Correct-Horse-9", "/me")).isEqualTo(200);

        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE actor = :a AND target = :t ORDER BY id")
                .param("a", admin).param("t", name).query(String.class).list())
                .containsExactly("ACCOUNT_CREATE", "ACCOUNT_UPDATE", "ACCOUNT_LOCK", "ACCOUNT_UNLOCK");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE params LIKE '%Correct-Horse-9%'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void madeUpPasswordIsAnsweredOnceAndMustBeChangedAtFirstSignIn() {
        TestTenant t = newTenant();
        RestClient api = client(newSecurityAdmin(), PASSWORD, "en");
        String name = unique("gen");
        Map<String, Object> body = userBody(name, t.code(), null);
        body.remove("mustChangePassword");

        ResponseEntity<Map<String, Object>> created = send(api, "POST", "/accounts", body);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String password = (String) created.getBody().get("generatedPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(map(created.getBody().get("account"))).containsEntry("mustChangePassword", true);
        long id = ((Number) map(created.getBody().get("account")).get("id")).longValue();
        assertThat(get(api, "/accounts/" + id)).doesNotContainKey("generatedPassword");

        // Signed in, but held to changing the password first.
        RestClient user = client(name, password, "en");
        ResponseEntity<Map<String, Object>> held = send(user, "GET", "/requests", null);
        assertThat(held.getStatusCode().value()).isEqualTo(403);
        assertThat((String) held.getBody().get("detail")).contains("Change your password first");

        // A reset makes up another one, shown once; the old one stops working.
        ResponseEntity<Map<String, Object>> reset = send(api, "POST", "/accounts/" + id + "/password-reset",
                Map.of("mustChangePassword", false));
        String second = (String) reset.getBody().get("generatedPassword");
        assertThat(second).isNotBlank().isNotEqualTo(password);
        assertThat(statusAs(name, password, "/me")).isEqualTo(401);
        assertThat(statusAs(name, second, "/requests")).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :t AND action = 'ACCOUNT_PASSWORD_RESET'")
                .param("t", name).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void roleSeparationIsRefusedNamingTheConflictingRoles() {
        RestClient api = client(newSecurityAdmin(), PASSWORD, "en");
        String name = unique("sep");
        Map<String, Object> body = userBody(name, null, null);
        body.put("roles", List.of("AUDITOR", "PLATFORM_ADMIN"));

        ResponseEntity<Map<String, Object>> refused = send(api, "POST", "/accounts", body);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(refused).get("roles")).contains("Platform admin and Auditor cannot go together");
        assertThat(exists(name)).isFalse();

        RestClient zh = client(newSecurityAdmin(), PASSWORD, "zh-CN");
        body.put("roles", List.of("SECURITY_ADMIN", "AUDITOR", "PLATFORM_ADMIN"));
        assertThat(errors(send(zh, "POST", "/accounts", body)).get("roles"))
                .contains("平台管理员、安全管理员和审计员不能同时担任");

        TestTenant t = newTenant();
        Map<String, Object> approvingAuditor = userBody(name, t.code(), null);
        approvingAuditor.put("roles", List.of("AUDITOR", "APPROVER"));
        assertThat(errors(send(api, "POST", "/accounts", approvingAuditor)).get("roles"))
                .isEqualTo("Security admins and auditors hold no role in a department: Auditor cannot go with "
                        + "Approver.");
        assertThat(exists(name)).isFalse();
    }

    @Test
    void roleSeparationIsRefusedWhenAnEditWouldBreakIt() {
        RestClient api = client(newSecurityAdmin(), PASSWORD, "en");
        String auditor = newAccount("au", Role.AUDITOR);
        Map<String, Object> account = byName(api, auditor);
        Map<String, Object> edit = editBody(account);
        edit.put("roles", List.of("AUDITOR", "SECURITY_ADMIN"));

        ResponseEntity<Map<String, Object>> refused = send(api, "PUT", "/accounts/" + account.get("id"), edit);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(refused).get("roles")).contains("Security admin and Auditor");
        assertThat(jdbc.sql("SELECT role FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = :u")
                .param("u", auditor).query(String.class).list()).containsExactly("AUDITOR");
    }

    @Test
    void tenantScopedRolesNeedATenantAndFieldsAreChecked() {
        RestClient api = client(newSecurityAdmin(), PASSWORD, "en");
        Map<String, Object> body = userBody("x", null, "short");
        body.put("roles", List.of("USER", "APPROVER"));
        body.put("email", "not-an-address");
        body.put("clearance", 9);

        ResponseEntity<Map<String, Object>> refused = send(api, "POST", "/accounts", body);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(refused)).containsEntry("tenant", "The roles User and Approver need a department.")
                .containsEntry("email", "This is not an e-mail address.")
                .containsEntry("clearance", "The clearance is a level from 0 to 4.")
                .containsEntry("password", "The password must have at least 10 characters.")
                .containsKey("username");

        body.put("username", unique("t"));
        body.put("tenant", "no-such-tenant");
        assertThat(errors(send(api, "POST", "/accounts", body)))
                .containsEntry("tenant", "There is no department no-such-tenant.");
        body.put("username", "sam");
        assertThat(errors(send(api, "POST", "/accounts", body))).containsEntry("username",
                "The account name sam is taken.");
    }

    @Test
    void securityAdminCannotChangeTheirOwnRolesNorLockThemselves() {
        String admin = newSecurityAdmin();
        RestClient api = client(admin, PASSWORD, "en");
        Map<String, Object> self = byName(api, admin);
        Map<String, Object> edit = editBody(self);
        edit.put("roles", List.of("AUDITOR"));

        ResponseEntity<Map<String, Object>> roles = send(api, "PUT", "/accounts/" + self.get("id"), edit);
        assertThat(roles.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(roles).get("roles")).contains("cannot change your own roles");

        ResponseEntity<Map<String, Object>> lock = send(api, "POST", "/accounts/" + self.get("id") + "/lock", null);
        assertThat(lock.getStatusCode().value()).isEqualTo(403);
        assertThat((String) lock.getBody().get("detail")).isEqualTo("You cannot lock your own account.");
        assertThat(column(admin, "locked", Boolean.class)).isFalse();

        // Their own display name is theirs to change.
        Map<String, Object> rename = editBody(self);
        rename.put("displayName", "新名字");
        assertThat(send(api, "PUT", "/accounts/" + self.get("id"), rename).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void twoAdminsEditingAtOnceGiveOneSaveAndA409() {
        TestTenant t = newTenant();
        RestClient first = client(newSecurityAdmin(), PASSWORD, "en");
        RestClient second = client(newSecurityAdmin(), PASSWORD, "en");
        Map<String, Object> account = byName(first, t.requester());
        Map<String, Object> one = editBody(account);
        one.put("displayName", "first");
        Map<String, Object> other = editBody(account);
        other.put("displayName", "second");

        assertThat(send(first, "PUT", "/accounts/" + account.get("id"), one).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> lost = send(second, "PUT", "/accounts/" + account.get("id"), other);

        assertThat(lost.getStatusCode().value()).isEqualTo(409);
        assertThat((String) lost.getBody().get("detail")).isEqualTo("Somebody else changed account "
                + t.requester() + " meanwhile; reload it and make your change again.");
        assertThat(column(t.requester(), "display_name", String.class)).isEqualTo("first");
    }

    @Test
    void onlySecurityAdminsManageAccounts() {
        TestTenant t = newTenant();
        assertThat(status(t.approver(), "/accounts")).isEqualTo(403);
        assertThat(post(t.approver(), "/accounts", userBody(unique("x"), t.code(), null)).getStatusCode().value())
                .isEqualTo(403);
        assertThat(statusAs(newAccount("pa", Role.PLATFORM_ADMIN), PASSWORD, "/accounts")).isEqualTo(403);
    }

    private Map<String, Object> get(RestClient api, String path) {
        return api.get().uri(path).retrieve().body(JSON);
    }

    private List<String> names(RestClient api, String path) {
        List<Map<String, Object>> list = api.get().uri(path).retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<>() {
                });
        return list.stream().map(a -> (String) a.get("username")).toList();
    }

    private Map<String, Object> byName(RestClient api, String username) {
        List<Map<String, Object>> list = api.get().uri("/accounts?q=" + username).retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<>() {
                });
        return list.stream().filter(a -> username.equals(a.get("username"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> editBody(Map<String, Object> account) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", account.get("displayName"));
        body.put("email", account.get("email"));
        body.put("tenant", account.get("tenant"));
        body.put("roles", account.get("roles"));
        body.put("clearance", account.get("clearance"));
        body.put("version", account.get("version"));
        return body;
    }

    private boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", username)
                .query(Integer.class).single() > 0;
    }
}

package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.SignInPolicy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The API with a password or a personal token: HTTP Basic refused (after the password) for
 * accounts whose policy needs a UKEY, tokens signing their account in with the same checks as a
 * password, and refused when expired, revoked or unknown.
 */
class ApiTokenApiIntegrationTest extends AccountTestSupport {

    @Autowired
    SignInPolicies policies;

    @Test
    void basicIsRefusedBeforeThePasswordForAccountsNeedingAUkeyAndAcceptedOtherwise() {
        String auditor = newAccount("au", Role.AUDITOR);
        String admin = newAccount("pa", Role.PLATFORM_ADMIN);
        TestTenant t = newTenant();

        for (String name : List.of(auditor, admin, newSecurityAdmin())) {
            ResponseEntity<Map<String, Object>> en = send(basic(name, PASSWORD, "en"), "GET", "/me", null);
            assertThat(en.getStatusCode().value()).as(name).isEqualTo(401);
            assertThat(en.getBody()).containsEntry("type", "urn:vsip4x:problem:error.signIn.ukeyRequired");
            assertThat(en.getBody().get("detail").toString()).contains("API token", "Authorization: Bearer");
        }
        ResponseEntity<Map<String, Object>> zh = send(basic(auditor, PASSWORD, "zh-CN"), "GET", "/me", null);
        assertThat(zh.getBody().get("detail").toString()).contains("API 令牌");
        // A wrong password gets the same answer: Basic never looks at it, so guesses tell and lock nothing.
        ResponseEntity<Map<String, Object>> wrong = send(basic(auditor, "not-it-1", "en"), "GET", "/me", null);
        assertThat(wrong.getStatusCode().value()).isEqualTo(401);
        assertThat(wrong.getBody()).containsEntry("type", "urn:vsip4x:problem:error.signIn.ukeyRequired");
        ResponseEntity<Map<String, Object>> nobody = send(basic("nobody-" + auditor, "not-it-1", "zh-CN"), "GET",
                "/me", null);
        assertThat(nobody.getBody()).as("an unknown name reads as a wrong password")
                .containsEntry("type", "urn:vsip4x:problem:error.signIn.badCredentials")
                .containsEntry("detail", "用户名或密码错误。");
        assertThat(column(auditor, "failed_attempts", Integer.class)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action = 'SIGN_IN' "
                        + "AND result = 'DENIED' AND params LIKE '%UKEY_REQUIRED%'")
                .param("a", auditor).query(Integer.class).single()).isEqualTo(3);

        // A tenant's user: EITHER by default, PASSWORD keeps Basic, UKEY or BOTH for the tenant refuse it.
        assertThat(send(basic(t.requester(), PASSWORD, "en"), "GET", "/me", null).getStatusCode().value())
                .isEqualTo(200);
        String tenant = Long.toString(t.id());
        try {
            for (SignInMethod method : SignInMethod.values()) {
                policies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, tenant, method, false), null);
                int status = send(basic(t.requester(), PASSWORD, "en"), "GET", "/me", null).getStatusCode().value();
                assertThat(status).as("%s", method).isEqualTo(method.needsUkey() ? 401 : 200);
            }
            // The test support signs such a person in with a token of theirs.
            assertThat(get(t.requester(), "/me")).containsEntry("username", t.requester());
        } finally {
            policies.clear(SignInPolicy.Scope.TENANT, tenant);
        }
    }

    @Test
    void aTokenSignsItsAccountInWithTheChecksOfAPassword() {
        String auditor = newAccount("au", Role.AUDITOR);
        String token = apiTokens.create(id(auditor), "script", null, ukeyFactors(auditor)).secret();
        RestClient api = bearer(token, "en");

        assertThat(send(api, "GET", "/me", null).getBody()).containsEntry("username", auditor)
                .containsEntry("roles", List.of("AUDITOR"));
        ResponseEntity<Map<String, Object>> write = send(api, "POST", "/requests", smallRequest(1));
        assertThat(write.getStatusCode().value()).isEqualTo(403);
        assertThat(write.getBody()).containsEntry("detail", "Auditors read; they cannot change anything.");

        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", auditor).update();
        ResponseEntity<Map<String, Object>> locked = send(api, "GET", "/me", null);
        assertThat(locked.getStatusCode().value()).isEqualTo(401);
        assertThat(locked.getBody()).containsEntry("type", "urn:vsip4x:problem:login.locked");
        Instant until = Instant.now().plus(Duration.ofMinutes(10));
        jdbc.sql("UPDATE app_user SET locked = FALSE, locked_until = :t WHERE username = :u")
                .param("t", Timestamp.from(until)).param("u", auditor).update();
        assertThat(send(api, "GET", "/me", null).getBody()).containsEntry("type", "urn:vsip4x:problem:login.locked");

        jdbc.sql("UPDATE app_user SET locked_until = NULL, enabled = FALSE WHERE username = :u")
                .param("u", auditor).update();
        ResponseEntity<Map<String, Object>> disabled = send(api, "GET", "/me", null);
        assertThat(disabled.getStatusCode().value()).isEqualTo(401);
        assertThat(disabled.getBody()).containsEntry("type", "urn:vsip4x:problem:error.signIn");

        jdbc.sql("UPDATE app_user SET enabled = TRUE, must_change_password = TRUE WHERE username = :u")
                .param("u", auditor).update();
        assertThat(send(api, "GET", "/me", null).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> held = send(api, "GET", "/audit", null);
        assertThat(held.getStatusCode().value()).isEqualTo(403);
        assertThat(held.getBody()).containsEntry("type", "urn:vsip4x:problem:password.error.mustChange");
    }

    @Test
    void expiredRevokedAndUnknownTokensAreRefused() {
        String auditor = newAccount("au", Role.AUDITOR);
        ApiTokens.Created expiring = apiTokens.create(id(auditor), "old", 1, ukeyFactors(auditor));
        ApiTokens.Created revoking = apiTokens.create(id(auditor), "gone", 30, ukeyFactors(auditor));
        assertThat(send(bearer(expiring.secret(), "en"), "GET", "/me", null).getStatusCode().value()).isEqualTo(200);

        jdbc.sql("UPDATE api_token SET expires_at = :t WHERE id = :id")
                .param("t", Timestamp.from(Instant.now().minusSeconds(1))).param("id", expiring.token().id()).update();
        assertRefused(expiring.secret());
        assertThat(apiTokens.find(expiring.token().id()).orElseThrow().status()).isEqualTo(ApiToken.EXPIRED);

        RestClient api = bearer(revoking.secret(), "en");
        ResponseEntity<Map<String, Object>> revoked = send(api, "DELETE", "/me/api-tokens/" + revoking.token().id(),
                null);
        assertThat(revoked.getStatusCode().value()).isEqualTo(200);
        assertThat(revoked.getBody()).containsEntry("status", "REVOKED").doesNotContainKey("secret");
        assertRefused(revoking.secret());

        assertRefused(ApiTokens.PREFIX + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertRefused("not-a-token");
        assertRefused("");
        ResponseEntity<Map<String, Object>> zh = send(bearer("x", "zh-CN"), "GET", "/me", null);
        assertThat(zh.getBody().get("detail").toString()).contains("API 令牌");
    }

    @Test
    void tokensAreListedAndRevokedByTheirOwnerAndBySecurityAdminsOnly() {
        TestTenant t = newTenant();
        String auditor = newAccount("au", Role.AUDITOR);
        ApiTokens.Created mine = apiTokens.create(id(auditor), "laptop", 7, ukeyFactors(auditor));
        ApiTokens.Created other = apiTokens.create(id(t.requester()), "ci", 7, ukeyFactors(t.requester()));
        ApiTokens.Created third = apiTokens.create(id(t.requester()), "spare", 7, ukeyFactors(t.requester()));

        List<Map<String, Object>> listed = list(bearer(mine.secret(), "en"), "/me/api-tokens");
        assertThat(listed).extracting(m -> m.get("name")).containsExactly("laptop");
        assertThat(listed.get(0)).containsEntry("status", "ACTIVE").containsEntry("username", auditor)
                .doesNotContainKeys("secret", "tokenHash");
        assertThat(listed.toString()).doesNotContain(mine.secret());

        // Somebody else's token is none of theirs (404), nor is the list of everyone's (403).
        RestClient user = client(t.requester(), PASSWORD, "en");
        assertThat(send(user, "DELETE", "/me/api-tokens/" + mine.token().id(), null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(send(user, "GET", "/api-tokens", null).getStatusCode().value()).isEqualTo(403);
        assertThat(send(user, "DELETE", "/api-tokens/" + mine.token().id(), null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(apiTokens.find(mine.token().id()).orElseThrow().active()).isTrue();
        // Tokens are made on the page only.
        assertThat(send(user, "POST", "/me/api-tokens", Map.of("name", "x")).getStatusCode().value())
                .isEqualTo(405);

        String securityAdmin = newSecurityAdmin();
        RestClient sa = client(securityAdmin, PASSWORD, "en");
        assertThat(list(sa, "/api-tokens?account=" + t.requester())).extracting(m -> m.get("name"))
                .containsExactly("spare", "ci");
        ResponseEntity<Map<String, Object>> revoked = send(sa, "DELETE", "/api-tokens/" + other.token().id(), null);
        assertThat(revoked.getBody()).containsEntry("status", "REVOKED");
        assertRefused(other.secret());
        assertThat(send(bearer(third.secret(), "en"), "GET", "/me", null).getStatusCode().value()).isEqualTo(200);
        // Revoking again changes nothing and logs nothing more.
        assertThat(send(sa, "DELETE", "/api-tokens/" + other.token().id(), null).getStatusCode().value())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'API_TOKEN_REVOKED' AND actor = :a "
                        + "AND target_type = 'API_TOKEN' AND target = :t AND params LIKE :owner")
                .param("a", securityAdmin).param("t", Long.toString(other.token().id()))
                .param("owner", "%" + t.requester() + "%").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void lastUseIsNotedAtMostOnceAMinute() {
        String auditor = newAccount("au", Role.AUDITOR);
        ApiTokens.Created created = apiTokens.create(id(auditor), "cron", 5, ukeyFactors(auditor));
        assertThat(created.token().lastUsedAt()).isNull();
        RestClient api = bearer(created.secret(), "en");

        send(api, "GET", "/me", null);
        Instant first = lastUsed(created.token().id());
        assertThat(first).isNotNull();
        Instant halfMinuteAgo = Instant.now().minusSeconds(30);
        setLastUsed(created.token().id(), halfMinuteAgo);
        send(api, "GET", "/me", null);
        assertThat(lastUsed(created.token().id())).isEqualTo(halfMinuteAgo.truncatedTo(ChronoUnit.MILLIS));
        setLastUsed(created.token().id(), Instant.now().minusSeconds(61));
        send(api, "GET", "/me", null);
        assertThat(lastUsed(created.token().id())).isAfter(halfMinuteAgo);
    }

    private void assertRefused(String token) {
        ResponseEntity<Map<String, Object>> answer = send(bearer(token, "en"), "GET", "/me", null);
        assertThat(answer.getStatusCode().value()).as("token refused").isEqualTo(401);
        assertThat(answer.getBody()).containsEntry("type", "urn:vsip4x:problem:error.signIn.badToken");
        assertThat(answer.getBody().get("detail").toString()).contains("not valid", "expired", "revoked",
                "Make a new one");
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }

    private Instant lastUsed(long tokenId) {
        Timestamp at = jdbc.sql("SELECT last_used_at FROM api_token WHERE id = :id").param("id", tokenId)
                .query(Timestamp.class).single();
        return at == null ? null : at.toInstant();
    }

    private void setLastUsed(long tokenId, Instant at) {
        jdbc.sql("UPDATE api_token SET last_used_at = :t WHERE id = :id").param("t", Timestamp.from(at))
                .param("id", tokenId).update();
    }

    private long id(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    private List<Map<String, Object>> list(RestClient api, String path) {
        return api.get().uri(path).retrieve().body(new ParameterizedTypeReference<>() {
        });
    }

    /** A client with HTTP Basic whatever the account's policy. */
    private RestClient basic(String username, String password, String language) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> {
                    h.setBasicAuth(username, password);
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private RestClient bearer(String token, String language) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> {
                    h.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}

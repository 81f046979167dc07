package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.SignInPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * An API token is worth no more than the sign-in that made it: a token made after a password alone
 * stops working once its account needs a UKEY (its tenant's policy, or a role that needs both
 * factors), a token made with the UKEY keeps working, and stops when that key's binding is revoked.
 */
class ApiTokenFactorsIntegrationTest extends UkeyTestSupport {

    private static final Pattern SECRET = Pattern.compile("id=\"api-token-secret\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SignInPolicies policies;

    private String policyTenant;

    @AfterEach
    void clearTenantPolicy() {
        if (policyTenant != null) {
            policies.clear(SignInPolicy.Scope.TENANT, policyTenant);
        }
    }

    @Test
    void aTokenMadeWithAPasswordStopsWhenTheAccountNeedsAUkey() throws Exception {
        TestTenant tenant = newTenant();
        String alice = tenant.requester();
        PageClient page = client();
        page.signIn(alice, PASSWORD);
        String token = makeToken(page, "password made");
        assertThat(signedInWith(token)).isEqualTo("PASSWORD");
        assertThat(me(token, "en").statusCode()).isEqualTo(200);

        policy(tenant, SignInMethod.BOTH);
        HttpResponse<String> refused = me(token, "en");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        Map<String, Object> problem = json(refused);
        assertThat(problem).containsEntry("type", "urn:vsip4x:problem:error.signIn.tokenWeaker");
        assertThat(problem.get("detail").toString()).contains("weaker sign-in", "UKEY", "make a new one");
        assertThat(json(me(token, "zh-CN")).get("detail").toString()).contains("UKEY", "重新创建");
        policy(tenant, SignInMethod.UKEY);
        assertThat(me(token, "en").statusCode()).isEqualTo(401);
        policy(tenant, SignInMethod.PASSWORD);
        assertThat(me(token, "en").statusCode()).as("a password still does").isEqualTo(200);
        policies.clear(SignInPolicy.Scope.TENANT, policyTenant);

        // Made a platform admin (whose role needs both factors): the token made with a password stops.
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, 'PLATFORM_ADMIN')").param("id", id(alice))
                .update();
        try {
            assertThat(json(me(token, "en"))).containsEntry("type", "urn:vsip4x:problem:error.signIn.tokenWeaker");
        } finally {
            jdbc.sql("DELETE FROM user_role WHERE user_id = :id AND role = 'PLATFORM_ADMIN'").param("id", id(alice))
                    .update();
        }
        assertThat(me(token, "en").statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenMadeWithPasswordAndUkeyWorksUntilTheKeysBindingIsRevoked() throws Exception {
        String auditor = person(Role.AUDITOR);
        PageClient page = client();
        assertThat(page.signIn(auditor, PASSWORD).uri().getPath()).isEqualTo("/audit");
        String token = makeToken(page, "both factors");
        long binding = ukeyBindings.active(ukeyFor(auditor).sid()).orElseThrow().id();
        assertThat(signedInWith(token)).isEqualTo("BOTH");
        assertThat(jdbc.sql("SELECT ukey_binding_id FROM api_token WHERE token_hash = :h").param("h", sha256(token))
                .query(Long.class).single()).isEqualTo(binding);
        assertThat(json(me(token, "en"))).containsEntry("username", auditor);
        assertThat(jdbc.sql("SELECT params FROM audit_event WHERE action = 'API_TOKEN_CREATED' AND actor = :a")
                .param("a", auditor).query(String.class).single()).contains("signedInWith=BOTH");

        ukeyBindings.revoke(binding, null, "lost");
        HttpResponse<String> refused = me(token, "en");
        assertThat(refused.statusCode()).isEqualTo(401);
        Map<String, Object> problem = json(refused);
        assertThat(problem).containsEntry("type", "urn:vsip4x:problem:error.signIn.tokenKeyRevoked");
        assertThat(problem.get("detail").toString()).contains("revoked");
    }

    @Test
    void aTokenMadeWithAUkeyAloneDoesForAUkeyPolicyButNotForBoth() throws Exception {
        TestTenant tenant = newTenant();
        policy(tenant, SignInMethod.UKEY);
        PageClient page = client();
        assertThat(refusal(page.signInWithUkey(tenant.requester()))).isNull();
        String token = makeToken(page, "key made");
        assertThat(signedInWith(token)).isEqualTo("UKEY");
        assertThat(me(token, "en").statusCode()).isEqualTo(200);
        policy(tenant, SignInMethod.BOTH);
        assertThat(json(me(token, "en"))).containsEntry("type", "urn:vsip4x:problem:error.signIn.tokenWeaker");
        policy(tenant, SignInMethod.EITHER);
        assertThat(me(token, "en").statusCode()).isEqualTo(200);
    }

    /** Tokens made before their factors were recorded count as made with a password alone. */
    @Test
    void anOlderTokenCountsAsMadeWithAPasswordAlone() throws Exception {
        String auditor = person(Role.AUDITOR);
        String token = ApiTokens.PREFIX + "older-token-" + auditor;
        jdbc.sql("INSERT INTO api_token (account_id, name, token_hash, expires_at) VALUES (:a, 'older', :h, :e)")
                .param("a", id(auditor)).param("h", sha256(token))
                .param("e", Timestamp.from(Instant.now().plusSeconds(3600))).update();
        assertThat(signedInWith(token)).isEqualTo("PASSWORD");
        assertThat(json(me(token, "en"))).containsEntry("type", "urn:vsip4x:problem:error.signIn.tokenWeaker");
        assertThat(jdbc.sql("SELECT last_used_at FROM api_token WHERE token_hash = :h").param("h", sha256(token))
                .query(Timestamp.class).optional()).as("a refused token was not used").isEmpty();
    }

    private void policy(TestTenant tenant, SignInMethod method) {
        policyTenant = Long.toString(tenant.id());
        policies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, policyTenant, method, false), null);
    }

    /** Makes a token on the API tokens page and reads it from the answer. */
    private static String makeToken(PageClient page, String name) {
        String csrf = PageClient.csrfOf(page.get(ApiTokenController.PAGE).body());
        HttpResponse<String> made = page.postForm(ApiTokenController.PAGE, "name=" + PageClient.enc(name)
                + "&days=30&_csrf=" + PageClient.enc(csrf));
        assertThat(made.statusCode()).isEqualTo(200);
        Matcher m = SECRET.matcher(made.body());
        assertThat(m.find()).as("the new token on the page").isTrue();
        return m.group(1);
    }

    private String signedInWith(String token) throws Exception {
        return jdbc.sql("SELECT signed_in_with FROM api_token WHERE token_hash = :h").param("h", sha256(token))
                .query(String.class).single();
    }

    private HttpResponse<String> me(String token, String language) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Accept-Language", language).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        return JSON.readValue(response.body(), Map.class);
    }

    private long id(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}

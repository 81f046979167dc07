package io.vsip4x.portal.identity.ukey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.TestUkeys;
import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * What keeps the UKEY sign-in's open endpoints from being flooded: a limit per client address
 * (429 for a challenge, {@code ?ukey=tooMany} for a signed answer, one log row a minute), while
 * every attempt under the limit is logged, even one without a challenge of its session; and only
 * the exact challenge spends a challenge.
 */
class UkeyLimitsIntegrationTest extends PortalTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    UkeyRateLimiter limiter;

    @Test
    void anAddressCallingTooOftenIsHeldBackAndLoggedOnceAMinute() throws Exception {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        long before = lastAuditId();
        int challengesBefore = challengeRows();
        UkeyRateLimits usual = limiter.limits();
        limiter.reconfigure(new UkeyRateLimits(1, 3));
        try {
            PageClient client = new PageClient(port, "en");
            String csrf = TestUkeys.csrfOf(client.get("/login").body());
            for (int i = 0; i < 3; i++) {
                assertThat(challenge(client, csrf, "en").statusCode()).as("call %d", i).isEqualTo(200);
            }
            HttpResponse<String> held = challenge(client, csrf, "en");
            assertThat(held.statusCode()).isEqualTo(429);
            // An encoded path is the same endpoint to Spring, and to the limit.
            assertThat(client.postForm("/login/ukey/challeng%65", "", "X-CSRF-TOKEN", csrf).statusCode())
                    .isEqualTo(429);
            assertThat(client.postForm("/login/uke%79", "sid=" + key.sid() + "&_csrf=" + PageClient.enc(csrf))
                    .uri().getQuery()).isEqualTo("ukey=tooMany");
            assertThat(held.headers().firstValue("Retry-After")).hasValueSatisfying(
                    s -> assertThat(Long.parseLong(s)).isBetween(1L, 60L));
            Map<String, Object> problem = json(held.body());
            assertThat(problem).containsEntry("status", 429)
                    .containsEntry("type", "urn:vsip4x:problem:ukey.refused.tooMany");
            assertThat(problem.get("detail").toString()).contains("Too many UKEY sign-in attempts");
            assertThat(json(challenge(client, csrf, "zh-CN").body()).get("detail").toString())
                    .contains("过于频繁");

            // The signed answer goes back to the sign-in page, which says why.
            HttpResponse<String> answer = client.postForm("/login/ukey", "challenge=x&certUser=" + key.certUser()
                    + "&sid=" + key.sid() + "&signature=c2ln&_csrf=" + PageClient.enc(csrf));
            assertThat(answer.uri().getPath()).isEqualTo("/login");
            assertThat(answer.uri().getQuery()).isEqualTo("ukey=tooMany");
            assertThat(answer.body()).contains("Too many UKEY sign-in attempts from this computer.");

            // A flood writes nothing more: no challenge rows, no refusals, one held-back row.
            for (int i = 0; i < 40; i++) {
                client.postForm("/login/ukey", "sid=" + key.sid() + "&_csrf=" + PageClient.enc(csrf));
                challenge(client, csrf, "en");
            }
            assertThat(challengeRows()).isEqualTo(challengesBefore + 3);
            assertThat(auditSince(before, "UKEY_SIGN_IN_REFUSED")).isZero();
            assertThat(auditSince(before, "UKEY_RATE_LIMITED")).isEqualTo(1);
            Map<String, Object> row = jdbc.sql("SELECT actor, client_addr, target_type, target, params, result "
                            + "FROM audit_event WHERE id > :before AND action = 'UKEY_RATE_LIMITED'")
                    .param("before", before).query().singleRow();
            assertThat(row).containsEntry("actor", "anonymous").containsEntry("client_addr", "127.0.0.1")
                    .containsEntry("target_type", "ADDRESS").containsEntry("target", "127.0.0.1")
                    .containsEntry("result", "DENIED");
            assertThat(row.get("params").toString()).contains("path=/login/ukey/challenge", "perMinute=1");
        } finally {
            limiter.reconfigure(usual);
        }
        // Under the usual limit the same address signs in again.
        PageClient again = new PageClient(port, "en");
        assertThat(again.signInWithUkey(key).uri().getPath()).isNotEqualTo("/login");
    }

    @Test
    void postsWithoutAChallengeOfTheirSessionAreLoggedEachUnderTheLimit() {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        long before = lastAuditId();
        PageClient client = new PageClient(port, "en");
        String csrf = TestUkeys.csrfOf(client.get("/login").body());
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> refused = client.postForm("/login/ukey", "sid=" + key.sid() + "&_csrf="
                    + PageClient.enc(csrf));
            assertThat(refused.uri().getQuery()).isEqualTo("ukey=invalid");
            HttpResponse<String> unknown = client.postForm("/login/ukey", "challenge=vsip4x-ukey:1:made-up&certUser="
                    + key.certUser() + "&sid=" + key.sid() + "&signature=c2ln&_csrf=" + PageClient.enc(csrf));
            assertThat(unknown.uri().getQuery()).isEqualTo("ukey=unknown");
        }
        assertThat(auditSince(before, "UKEY_SIGN_IN_REFUSED")).isEqualTo(20);
    }

    @Test
    void onlyTheExactChallengeSpendsIt() throws Exception {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        PageClient client = new PageClient(port, "en");
        String csrf = TestUkeys.csrfOf(client.get("/login").body());
        String challenge = json(challenge(client, csrf, "en").body()).get("challenge").toString();
        String upper = challenge.toUpperCase(Locale.ROOT);
        assertThat(upper).isNotEqualTo(challenge);

        for (String variant : new String[] {upper, challenge + " ", challenge + "  "}) {
            HttpResponse<String> refused = answer(client, csrf, key, variant);
            assertThat(refused.uri().getQuery()).as("'%s'", variant).isEqualTo("ukey=unknown");
        }
        assertThat(jdbc.sql("SELECT used_at IS NULL FROM ukey_challenge WHERE challenge = :c")
                .param("c", challenge).query(Boolean.class).single()).as("still unspent").isTrue();
        HttpResponse<String> signedIn = answer(client, csrf, key, challenge);
        assertThat(signedIn.uri().getQuery()).isNull();
        assertThat(signedIn.uri().getPath()).isNotEqualTo("/login");
    }

    private HttpResponse<String> answer(PageClient client, String csrf, IssuedUkey key, String challenge) {
        String signature = Sm2.sign(key.privateKey(), challenge.getBytes(StandardCharsets.UTF_8));
        return client.postForm("/login/ukey", "challenge=" + PageClient.enc(challenge) + "&certUser="
                + PageClient.enc(key.certUser()) + "&sid=" + PageClient.enc(key.sid()) + "&signature="
                + PageClient.enc(signature) + "&_csrf=" + PageClient.enc(csrf));
    }

    private static HttpResponse<String> challenge(PageClient client, String csrf, String language) throws Exception {
        return client.http().send(HttpRequest.newBuilder(URI.create(client.base() + "/login/ukey/challenge"))
                        .header("X-CSRF-TOKEN", csrf).header("Accept", "application/json")
                        .header("Accept-Language", language).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private long lastAuditId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
    }

    private int auditSince(long before, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE id > :before AND action = :action")
                .param("before", before).param("action", action).query(Integer.class).single();
    }

    private int challengeRows() {
        return jdbc.sql("SELECT COUNT(*) FROM ukey_challenge").query(Integer.class).single();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return JSON.readValue(body, Map.class);
    }
}

package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestClock;
import io.vsip4x.portal.identity.ukey.UkeyBinding;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signing in with a UKEY alone, through the simulator's {@code ukeyLogin} and software middleware:
 * the key's own signature signs its bound account in; a replayed, expired or foreign challenge, a
 * signature by another key, a key the platform does not know, an unbound or revoked key, a locked
 * account and an unreachable platform are refused with their reason, and every attempt is logged.
 */
class UkeySignInIntegrationTest extends UkeyTestSupport {

    @Autowired
    TestClock clock;

    @Test
    void theKeyBoundToAnAccountSignsItInThroughTheMiddleware() {
        TestTenant tenant = newTenant();
        PageClient client = client();
        challenge(client);
        String anonymous = sessionId(client);
        HttpResponse<String> landed = client.signInWithUkey(tenant.requester());
        assertThat(landed.uri().getPath()).isEqualTo("/vms");
        assertThat(sessionId(client)).as("a new session id at sign-in").isNotNull().isNotEqualTo(anonymous);
        assertThat(landed.body()).contains(tenant.requester());
        String sid = ukeyFor(tenant.requester()).sid();
        List<Map<String, Object>> rows = audit("UKEY_SIGN_IN", sid);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("actor", tenant.requester()).containsEntry("result", "SUCCESS");
        assertThat((String) rows.get(0).get("params")).contains("sid=" + sid).contains("steps=UKEY");
        assertThat(audit("SIGN_IN", tenant.requester())).extracting(r -> r.get("result")).containsExactly("SUCCESS");
        assertThat(ukeyBindings.active(sid).orElseThrow().lastUsedAt()).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE (actor = :a OR target = :sid) AND (params "
                        + "LIKE '%signature%' OR params LIKE '%token%' OR params LIKE '%pin%')")
                .param("a", tenant.requester()).param("sid", sid).query(Long.class).single())
                .as("no signature, token or PIN in the log").isZero();
    }

    @Test
    void aSpentChallengeIsRefusedAsUsedEvenWhenItsFirstUseFailed() {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        IssuedUkey other = ukeyFor(tenant.approver());
        PageClient client = client();
        String challenge = challenge(client);
        assertThat(refusal(answer(client, "/login", challenge, key, signed(other, challenge)))).isEqualTo("signature");
        HttpResponse<String> replay = answer(client, "/login", challenge, key, signed(key, challenge));
        assertThat(refusal(replay)).isEqualTo("used");
        assertThat(replay.body()).contains("id=\"ukey-refused\"");
        notSignedIn(client);
        assertThat(audit("UKEY_SIGN_IN_REFUSED", key.sid())).extracting(r -> r.get("message"))
                .containsExactly("signature", "used");
        assertThat(audit("UKEY_SIGN_IN_REFUSED", key.sid()).get(1)).containsEntry("result", "DENIED");
    }

    @Test
    void anExpiredChallengeIsRefused() {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        PageClient client = client();
        String challenge = challenge(client);
        clock.advance(Duration.ofSeconds(61));
        try {
            assertThat(refusal(answer(client, "/login", challenge, key, signed(key, challenge)))).isEqualTo("expired");
        } finally {
            clock.reset();
        }
        notSignedIn(client);
        assertThat(audit("UKEY_SIGN_IN_REFUSED", key.sid())).extracting(r -> r.get("message"))
                .containsExactly("expired");
    }

    @Test
    void anotherSessionsChallengeIsUnknown() {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        String challenge = challenge(client());
        PageClient thief = client();
        assertThat(refusal(answer(thief, "/login", challenge, key, signed(key, challenge)))).isEqualTo("unknown");
        assertThat(refusal(answer(thief, "/login", "vsip4x-ukey:1:made-up-challenge-text", key, "c2ln")))
                .isEqualTo("unknown");
        notSignedIn(thief);
    }

    @Test
    void aKeyThePlatformDoesNotKnowIsRefused() {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        simulator.simulator().revokeUkey(key.sid());
        PageClient client = client();
        assertThat(refusal(signInWith(client, key))).isEqualTo("unknownKey");
        notSignedIn(client);
        assertThat(audit("UKEY_SIGN_IN_REFUSED", key.sid())).extracting(r -> r.get("message"))
                .containsExactly("unknownKey");
    }

    @Test
    void anUnboundOrRevokedKeySignsNobodyIn() {
        TestTenant tenant = newTenant();
        IssuedUkey loose = unboundKey(tenant.code() + "-loose");
        PageClient client = client();
        assertThat(refusal(signInWith(client, loose))).isEqualTo("unbound");

        IssuedUkey key = ukeyFor(tenant.approver());
        long binding = ukeyBindings.active(key.sid()).orElseThrow().id();
        ukeyBindings.revoke(binding, null, "lost");
        assertThat(refusal(signInWith(client, key))).isEqualTo("revoked");
        notSignedIn(client);
        assertThat(audit("UKEY_SIGN_IN_REFUSED", loose.sid())).extracting(r -> r.get("message"))
                .containsExactly("unbound");
        List<Map<String, Object>> revoked = audit("UKEY_SIGN_IN_REFUSED", key.sid());
        assertThat(revoked).extracting(r -> r.get("message")).containsExactly("revoked");
        assertThat(revoked.get(0)).containsEntry("actor", tenant.approver());
    }

    @Test
    void aLockedAccountIsRefusedWithItsKey() {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", tenant.requester()).update();
        PageClient client = client();
        assertThat(refusal(signInWith(client, key))).isEqualTo("locked");
        notSignedIn(client);
        assertThat(audit("UKEY_SIGN_IN_REFUSED", key.sid()).get(0)).containsEntry("actor", tenant.requester())
                .containsEntry("message", "locked");
    }

    @Test
    void anUnreachablePlatformRefusesAndMissingFieldsAreInvalid() {
        TestTenant tenant = newTenant();
        IssuedUkey key = ukeyFor(tenant.requester());
        PageClient client = client();
        simulator.simulator().faults().platformDown(true);
        try {
            assertThat(refusal(signInWith(client, key))).isEqualTo("platform");
        } finally {
            simulator.simulator().faults().platformDown(false);
        }
        String csrf = io.vsip4x.portal.TestUkeys.csrfOf(client.get("/login").body());
        HttpResponse<String> missing = client.postForm("/login/ukey", "sid=" + key.sid() + "&_csrf=" + csrf);
        assertThat(refusal(missing)).isEqualTo("invalid");
        notSignedIn(client);
        // Every attempt is logged, even one without a challenge (the rate limit bounds how many).
        assertThat(audit("UKEY_SIGN_IN_REFUSED", key.sid())).extracting(r -> r.get("message"))
                .containsExactly("platform", "invalid");
        // Missing fields beside a challenge of the session: logged too.
        String challenge = challenge(client);
        HttpResponse<String> unsigned = client.postForm("/login/ukey", "challenge=" + PageClient.enc(challenge)
                + "&sid=" + key.sid() + "&_csrf=" + io.vsip4x.portal.TestUkeys.csrfOf(client.get("/login").body()));
        assertThat(refusal(unsigned)).isEqualTo("invalid");
        assertThat(audit("UKEY_SIGN_IN_REFUSED", key.sid())).extracting(r -> r.get("message"))
                .containsExactly("platform", "invalid", "invalid");
    }

    @Test
    void theDemoKeysAreBoundToTheDemoAccountsAndSignThemIn() {
        List<IssuedUkey> demo = simulator.simulator().demoUkeys();
        assertThat(demo).extracting(IssuedUkey::certUser)
                .contains("alice", "dave", "bob", "erin", "paula", "sam", "audrey");
        for (IssuedUkey key : demo) {
            UkeyBinding binding = ukeyBindings.active(key.sid()).orElseThrow();
            assertThat(binding.username()).isEqualTo(key.certUser());
            assertThat(binding.platformUserId()).isEqualTo(key.userId());
        }
        IssuedUkey bob = demo.stream().filter(k -> k.certUser().equals("bob")).findFirst().orElseThrow();
        assertThat(client().signInWithUkey(bob).uri().getPath()).isEqualTo("/vms");
    }

    @Test
    void theEmbeddedSimulatorTakesOnlyCallsSignedWithThePortalsKey() {
        Vsip4xSettings unsignedSettings = new Vsip4xSettings("127.0.0.1", simulator.baseUrl(), "portal",
                "portal-secret", null, URI.create("http://127.0.0.1:" + port + "/platform/callback"),
                Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThatThrownBy(() -> new HttpVsip4xClient(unsignedSettings).searchHostList(Map.of()))
                .isInstanceOf(Vsip4xException.class);
        Vsip4xSettings signedSettings = new Vsip4xSettings("127.0.0.1", simulator.baseUrl(), "portal",
                "portal-secret", simulator.portalPrivateKey(), URI.create("http://127.0.0.1:" + port
                        + "/platform/callback"), Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThat(new HttpVsip4xClient(signedSettings).searchHostList(Map.of())).isNotEmpty();
    }

    @Test
    void theChallengeNeedsTheCsrfToken() {
        PageClient client = client();
        client.get("/login");
        HttpResponse<String> answer = client.postForm("/login/ukey/challenge", "");
        assertThat(answer.statusCode()).isEqualTo(403);
    }
}

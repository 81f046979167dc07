package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestUkeys;
import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.SignInPolicy;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sign-in policy: auditors (as platform and security admins) need the password and then their
 * own UKEY; a tenant's policy may allow passwords only, a UKEY only, or both; a session signed in
 * with a key whose policy ends it on removal is watched, and ends when the page reports the key gone.
 */
class UkeyPolicyIntegrationTest extends UkeyTestSupport {

    @Autowired
    SignInPolicies policies;

    private String policyTenant;

    @AfterEach
    void clearTenantPolicy() {
        if (policyTenant != null) {
            policies.clear(SignInPolicy.Scope.TENANT, policyTenant);
        }
    }

    private void tenantPolicy(TestTenant tenant, SignInMethod method, boolean endOnRemoval) {
        policyTenant = Long.toString(tenant.id());
        policies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, policyTenant, method, endOnRemoval), null);
    }

    @Test
    void anAuditorsPasswordLeadsToTheSecondStepAndTheirKeyCompletesIt() {
        String auditor = person(Role.AUDITOR);
        PageClient client = client();
        client.get("/login");
        String anonymous = sessionId(client);
        HttpResponse<String> second = client.signInWithPassword(auditor, PASSWORD);
        assertThat(second.uri().getPath()).isEqualTo(TestUkeys.SECOND_FACTOR);
        String pending = sessionId(client);
        assertThat(pending).as("a new session id once the password is verified").isNotEqualTo(anonymous);
        assertThat(second.body()).contains("测试 " + auditor).contains("data-ukey-middleware=\"http://127.0.0.1:");
        notSignedIn(client);
        assertThat(client.get(TestUkeys.SECOND_FACTOR).uri().getPath()).isEqualTo(TestUkeys.SECOND_FACTOR);
        assertThat(audit("SECOND_FACTOR_REQUIRED", auditor)).hasSize(1);
        assertThat(audit("SIGN_IN", auditor)).as("no sign-in yet, nor a refusal").isEmpty();

        HttpResponse<String> landed = TestUkeys.signWithKey(client.http(), client.base(), "en",
                client.get(TestUkeys.SECOND_FACTOR).body(), ukeyFor(auditor));
        assertThat(landed.uri().getPath()).isEqualTo("/audit");
        assertThat(sessionId(client)).as("a new session id at sign-in").isNotEqualTo(pending);
        assertThat(audit("SIGN_IN", auditor)).extracting(r -> r.get("result")).containsExactly("SUCCESS");
        assertThat((String) audit("UKEY_SIGN_IN", ukeyFor(auditor).sid()).get(0).get("params"))
                .contains("steps=BOTH");
        assertThat(client.get(TestUkeys.SECOND_FACTOR).uri().getPath()).as("no step left").isEqualTo("/login");
    }

    @Test
    void theSecondStepRefusesAnotherAccountsKeyAndAnUnboundOne() {
        String auditor = person(Role.AUDITOR);
        TestTenant tenant = newTenant();
        IssuedUkey foreign = ukeyFor(tenant.requester());
        PageClient client = client();
        client.signInWithPassword(auditor, PASSWORD);
        String challenge = challenge(client, TestUkeys.SECOND_FACTOR);
        HttpResponse<String> refused = answer(client, TestUkeys.SECOND_FACTOR, challenge, foreign,
                signed(foreign, challenge));
        assertThat(refused.uri().getPath()).isEqualTo(TestUkeys.SECOND_FACTOR);
        assertThat(refusal(refused)).isEqualTo("otherAccount");
        assertThat(refused.body()).contains("id=\"ukey-refused\"");

        IssuedUkey loose = unboundKey(auditor + "-loose");
        challenge = challenge(client, TestUkeys.SECOND_FACTOR);
        assertThat(refusal(answer(client, TestUkeys.SECOND_FACTOR, challenge, loose, signed(loose, challenge))))
                .isEqualTo("unbound");
        notSignedIn(client);
        assertThat(audit("UKEY_SIGN_IN_REFUSED", foreign.sid()).get(0)).containsEntry("actor", auditor)
                .containsEntry("message", "otherAccount");
    }

    @Test
    void aKeyAloneDoesNotSignInAnAccountThatNeedsThePasswordFirst() {
        String auditor = person(Role.AUDITOR);
        PageClient client = client();
        assertThat(refusal(signInWith(client, ukeyFor(auditor)))).isEqualTo("passwordFirst");
        notSignedIn(client);
    }

    @Test
    void aPasswordOnlyTenantRefusesKeys() {
        TestTenant tenant = newTenant();
        tenantPolicy(tenant, SignInMethod.PASSWORD, false);
        PageClient client = client();
        assertThat(refusal(signInWith(client, ukeyFor(tenant.requester())))).isEqualTo("passwordOnly");
        notSignedIn(client);
        assertThat(client.signIn(tenant.requester(), PASSWORD).uri().getPath()).isEqualTo("/vms");
    }

    @Test
    void aStricterPolicyEndsTheSessionsItNoLongerAllowsAtTheirNextRequest() {
        TestTenant tenant = newTenant();
        PageClient byPassword = client();
        assertThat(byPassword.signIn(tenant.requester(), PASSWORD).uri().getPath()).isEqualTo("/vms");
        PageClient byKey = client();
        assertThat(byKey.signInWithUkey(tenant.requester()).uri().getPath()).isEqualTo("/vms");

        tenantPolicy(tenant, SignInMethod.UKEY, false);
        assertThat(byPassword.get("/vms").uri().getPath()).as("a password alone no longer does").isEqualTo("/login");
        assertThat(byKey.get("/vms").uri().getPath()).as("the key still does").isEqualTo("/vms");

        tenantPolicy(tenant, SignInMethod.BOTH, false);
        assertThat(byKey.get("/vms").uri().getPath()).as("a key alone no longer does").isEqualTo("/login");
    }

    @Test
    void aUkeyOnlyTenantRefusesTheRightPassword() {
        TestTenant tenant = newTenant();
        tenantPolicy(tenant, SignInMethod.UKEY, false);
        PageClient client = client();
        HttpResponse<String> refused = client.signInWithPassword(tenant.requester(), PASSWORD);
        assertThat(refusal(refused)).isEqualTo("ukeyOnly");
        notSignedIn(client);
        // The password sign-in's own refusal, with its reason; no key was used.
        assertThat(audit("SIGN_IN", tenant.requester())).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("result", "DENIED").containsEntry("message", "ukey only")
                .containsEntry("params", "reason=UKEY_ONLY").containsEntry("actor", tenant.requester()));
        assertThat(audit("UKEY_SIGN_IN_REFUSED", tenant.requester())).isEmpty();
        assertThat(jdbc.sql("SELECT failed_attempts FROM app_user WHERE username = :u")
                .param("u", tenant.requester()).query(Integer.class).single()).as("not a wrong password").isZero();
        // A wrong password answers exactly the same and counts for nothing: the password is no factor here.
        for (int i = 0; i < 6; i++) {
            assertThat(refusal(client.signInWithPassword(tenant.requester(), "wrong-" + i))).isEqualTo("ukeyOnly");
        }
        assertThat(jdbc.sql("SELECT failed_attempts FROM app_user WHERE username = :u")
                .param("u", tenant.requester()).query(Integer.class).single()).as("guesses lock nothing").isZero();
        assertThat(client.signInWithUkey(tenant.requester()).uri().getPath()).isEqualTo("/vms");
    }

    @Test
    void aTwoFactorTenantAsksForTheKeyAfterThePassword() {
        TestTenant tenant = newTenant();
        tenantPolicy(tenant, SignInMethod.BOTH, false);
        PageClient client = client();
        assertThat(client.signInWithPassword(tenant.requester(), PASSWORD).uri().getPath())
                .isEqualTo(TestUkeys.SECOND_FACTOR);
        assertThat(client.signIn(tenant.requester(), PASSWORD).uri().getPath()).isEqualTo("/vms");
    }

    @Test
    void aWatchedSessionEndsWhenThePageReportsItsKeyRemoved() {
        TestTenant tenant = newTenant();
        tenantPolicy(tenant, SignInMethod.EITHER, true);
        PageClient client = client();
        HttpResponse<String> landed = client.signInWithUkey(tenant.requester());
        String sid = ukeyFor(tenant.requester()).sid();
        assertThat(landed.body()).contains("id=\"ukey-watch\"").contains("data-sid=\"" + sid + "\"");
        String csrf = PageClient.csrfOf(landed.body());
        HttpResponse<String> removed = client.postForm("/login/ukey/removed", "", "X-CSRF-TOKEN", csrf,
                "Accept", "application/json");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).contains("/login?ukey=removed");
        notSignedIn(client);
        assertThat(audit("UKEY_REMOVED", sid)).extracting(r -> r.get("actor")).containsExactly(tenant.requester());
    }

    @Test
    void aPasswordSessionIsNotTheRemovalsToEnd() {
        TestTenant tenant = newTenant();
        PageClient client = client();
        HttpResponse<String> landed = client.signIn(tenant.requester(), PASSWORD);
        assertThat(landed.body()).doesNotContain("id=\"ukey-watch\"");
        HttpResponse<String> removed = client.postForm("/login/ukey/removed", "", "X-CSRF-TOKEN",
                PageClient.csrfOf(landed.body()), "Accept", "application/json");
        assertThat(removed.statusCode()).isEqualTo(409);
        assertThat(client.get("/vms").uri().getPath()).isEqualTo("/vms");
    }
}

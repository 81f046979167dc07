package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.audit.AuditTestData;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the newcomer's trial of UKEY sign-in found (issue 8): revoking a key ends the sessions it
 * signed in; a key bound to another platform user than the platform names is refused as such,
 * with both ids in the log; a locked account is told who unlocks it; and the audit pages show
 * the refusals' reasons in the reader's language.
 */
class UkeyFixesIntegrationTest extends UkeyTestSupport {

    @Test
    void revokingAKeyEndsTheSessionItSignedInAtItsNextRequest() {
        TestTenant tenant = newTenant();
        PageClient withKey = client();
        assertThat(withKey.signInWithUkey(tenant.requester()).uri().getPath()).isEqualTo("/vms");
        PageClient withPassword = client();
        assertThat(withPassword.signIn(tenant.requester(), PASSWORD).uri().getPath()).isEqualTo("/vms");
        PageClient htmx = client();
        assertThat(htmx.signInWithUkey(tenant.requester()).uri().getPath()).isEqualTo("/vms");
        String sid = ukeyFor(tenant.requester()).sid();
        assertThat(withKey.get("/vms").uri().getPath()).as("the key still stands").isEqualTo("/vms");

        assertThat(ukeyBindings.revoke(ukeyBindings.active(sid).orElseThrow().id(), null, "lost")).isTrue();

        HttpResponse<String> ended = withKey.get("/vms");
        assertThat(ended.uri().getPath()).isEqualTo("/login");
        assertThat(refusal(ended)).isEqualTo("sessionRevoked");
        assertThat(ended.body()).contains("id=\"ukey-refused\"",
                "The binding of this UKEY was revoked, so the session has ended.");
        notSignedIn(withKey);
        HttpResponse<String> partial = htmx.get("/vms", "HX-Request", "true");
        assertThat(partial.statusCode()).isEqualTo(401);
        assertThat(partial.headers().firstValue("HX-Redirect")).hasValue("/login?ukey=sessionRevoked");
        notSignedIn(htmx);
        assertThat(withPassword.get("/vms").uri().getPath()).as("a password's session is not the key's")
                .isEqualTo("/vms");

        List<Map<String, Object>> rows = audit("UKEY_SESSION_REVOKED", sid);
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row).containsEntry("actor", tenant.requester())
                .containsEntry("params", "sid=" + sid));
    }

    @Test
    void aKeyBoundToAnotherPlatformUserIsAMismatchLoggedWithBothIds() {
        TestTenant tenant = newTenant();
        String name = tenant.code() + "-typo";
        IssuedUkey key = simulator.simulator().issueUkey(name, "M-" + name, "mpu-" + name, "错绑 " + name);
        long account = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", tenant.requester())
                .query(Long.class).single();
        ukeyBindings.bind(account, key.sid(), key.certUser(), "mpu-" + name + "2", "typo", null);

        PageClient client = client();
        HttpResponse<String> refused = signInWith(client, key);
        assertThat(refusal(refused)).isEqualTo("mismatch");
        assertThat(refused.body()).contains("This UKEY is bound, but the platform names another user for it.",
                "check the key&#39;s binding");
        notSignedIn(client);
        List<Map<String, Object>> rows = audit("UKEY_SIGN_IN_REFUSED", key.sid());
        assertThat(rows).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("actor", tenant.requester()).containsEntry("result", "DENIED")
                .containsEntry("message", "mismatch")
                .containsEntry("params", "sid=" + key.sid() + ", reason=mismatch, boundPlatformUserId=mpu-"
                        + name + "2, platformUserId=mpu-" + name));

        // The person reads their own refusal in the log, in their language; the code stays beside it.
        PageClient reader = client();
        reader.signIn(tenant.requester(), PASSWORD);
        String list = reader.get("/audit?action=UKEY_SIGN_IN_REFUSED").body();
        assertThat(list).contains("The key is bound, but the platform names another platform user")
                .doesNotContain(">mismatch<");
        long id = jdbc.sql("SELECT MAX(id) FROM audit_event WHERE action = 'UKEY_SIGN_IN_REFUSED' AND target = :t")
                .param("t", key.sid()).query(Long.class).single();
        String event = reader.get("/audit/events/" + id).body();
        assertThat(event).contains("The key is bound, but the platform names another platform user", ">mismatch<");
        PageClient chinese = new PageClient(port, "zh-CN");
        chinese.signIn(tenant.requester(), PASSWORD);
        assertThat(chinese.get("/audit?action=UKEY_SIGN_IN_REFUSED").body())
                .contains("UKEY 已绑定，但平台认定的是另一位平台用户");
    }

    @Test
    void anUnboundKeyIsToldAboutTheKeyAndALockedAccountWhoUnlocksIt() {
        TestTenant tenant = newTenant();
        PageClient client = client();
        HttpResponse<String> unbound = signInWith(client, unboundKey(tenant.code() + "-loose"));
        assertThat(refusal(unbound)).isEqualTo("unbound");
        assertThat(unbound.body()).contains("This UKEY is not bound to any account.");

        IssuedUkey key = ukeyFor(tenant.requester());
        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", tenant.requester()).update();
        HttpResponse<String> locked = signInWith(client, key);
        assertThat(refusal(locked)).isEqualTo("locked");
        assertThat(locked.body()).contains("Ask a security administrator to unlock it.");
        PageClient chinese = new PageClient(port, "zh-CN");
        assertThat(signInWith(chinese, key).body()).contains("请联系安全管理员解锁");
    }

    @Test
    void aRefusedPasswordsReasonReadsTranslatedInTheLog() {
        TestTenant tenant = newTenant();
        for (String reason : List.of("ukey only", "bad credentials")) {
            AuditTestData.insert(jdbc, AuditTestData.Row.of(Instant.now(), tenant.requester(), "SIGN_IN",
                    tenant.requester()).result("DENIED", null, reason));
        }
        PageClient reader = client();
        reader.signIn(tenant.requester(), PASSWORD);
        assertThat(reader.get("/audit?action=SIGN_IN").body())
                .contains("Right password, but the account signs in with its UKEY only", "Wrong username or password")
                .doesNotContain(">ukey only<", ">bad credentials<");
    }
}

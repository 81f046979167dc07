package io.vsip4x.portal.identity.ukey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.PortalException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No security admin locks themselves out with a UKEY change (revoking their own last key, or a
 * policy that makes them need a key they do not hold), and no change leaves every security admin
 * unable to sign in. Each refusal is a 409 that says why and changes nothing.
 */
class SignInPolicyLockOutIntegrationTest extends UkeyAdminTestSupport {

    private static final String NO_ADMIN = "accounts.ukeys.error.noSecurityAdmin";

    @Autowired
    SignInPolicies policies;
    @Autowired
    UkeyBindings bindings;
    @Autowired
    UkeyBindingService bindingService;
    @Autowired
    SignInPolicyService policyService;
    @Autowired
    PlatformTransactionManager transactions;

    /** The newcomer's finding: security admins from BOTH to UKEY by an admin without a key. */
    @Test
    void aPolicyAfterWhichTheAdminNeedsAKeyTheyDoNotHoldIsRefusedWhateverItWasBefore() {
        SignInPolicy roleRow = policies.of(SignInPolicy.Scope.ROLE, Role.SECURITY_ADMIN.name());
        assertThat(roleRow.method()).isEqualTo(SignInMethod.BOTH);
        // Through the service: over the API this admin would use a token, which binds their test key.
        String admin = newSecurityAdmin();
        try {
            assertThatThrownBy(() -> policyService.set(as(admin), "ROLE", Role.SECURITY_ADMIN.name(),
                    new SignInPolicyService.Change("UKEY", true)))
                    .isInstanceOfSatisfying(PortalException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(409);
                        assertThat(e.messageKey()).isEqualTo("accounts.signInPolicy.error.lockOut");
                    });
            assertThat(policies.of(SignInPolicy.Scope.ROLE, Role.SECURITY_ADMIN.name())).isEqualTo(roleRow);
            assertThat(actions(admin, "ROLE:SECURITY_ADMIN")).isEmpty();
        } finally {
            policies.set(roleRow, null);
        }
    }

    @Test
    void anAdminCannotRevokeTheirOwnLastKeyWhileTheirPolicyNeedsOne() {
        String other = newSecurityAdmin();
        ukeyFor(other);
        String admin = newSecurityAdmin();
        // Signing in binds the admin's test key (the second step of BOTH).
        PageClient page = new PageClient(port, "zh-CN");
        String csrf = PageClient.csrfOf(page.signIn(admin, PASSWORD).body());
        long own = jdbc.sql("SELECT id FROM ukey_binding WHERE account_id = :a AND revoked_at IS NULL")
                .param("a", accountId(admin)).query(Long.class).single();
        String sid = bindings.find(own).orElseThrow().sid();

        HttpResponse<String> onPage = page.postForm("/admin/ukeys/" + own + "/revoke",
                "reason=" + PageClient.enc("不用了") + "&_csrf=" + PageClient.enc(csrf));
        assertThat(onPage.statusCode()).isEqualTo(409);
        assertThat(onPage.body()).contains("UKEY " + sid + " 是您自己仅剩的有效 UKEY，而您的登录策略需要 UKEY");
        String form = "reason=" + PageClient.enc("不用了") + "&_csrf=" + PageClient.enc(csrf);
        HttpResponse<String> htmx = page.postForm("/admin/ukeys/" + own + "/revoke", form, "HX-Request", "true");
        assertThat(htmx.statusCode()).isEqualTo(409);
        assertThat(htmx.headers().firstValue("HX-Retarget")).hasValue("#flash");
        assertThat(htmx.body()).contains("吊销后您将无法登录");

        ResponseEntity<Map<String, Object>> api = send(admin, "POST", "/ukey-bindings/" + own + "/revoke",
                Map.of("reason", "not needed"));
        assertThat(api.getStatusCode().value()).isEqualTo(409);
        assertThat(api.getBody().get("detail")).isEqualTo("UKEY " + sid + " is the last active UKEY of your own "
                + "account, and your sign-in policy needs one: revoking it would lock you out. Have another security "
                + "admin bind a new key to you first, or change the policy. Nothing was changed.");
        assertThat(bindings.find(own).orElseThrow().active()).isTrue();
        assertThat(actions(admin, sid)).doesNotContain("UKEY_REVOKED");

        // Another security admin, who can sign in, may revoke it.
        assertThat(send(other, "POST", "/ukey-bindings/" + own + "/revoke", Map.of("reason", "lost"))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(bindings.find(own).orElseThrow().active()).isFalse();
    }

    /** Revoking the key of the only security admin who could sign in, by one who signed in otherwise. */
    @Test
    void aRevocationAfterWhichNoSecurityAdminCouldSignInIsRefused() {
        String admin = newSecurityAdmin();
        String only = newSecurityAdmin();
        long key = bindings.bind(accountId(only), unique("ONLY-").toUpperCase(), "唯一", unique("pu-"), "", null);

        alone(List.of(admin, only), () -> assertThatThrownBy(() -> bindingService.revoke(as(admin), key, "lost"))
                .isInstanceOfSatisfying(PortalException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.messageKey()).isEqualTo(NO_ADMIN);
                }));
        assertThat(bindings.find(key).orElseThrow().active()).isTrue();
    }

    /** A policy that leaves only admins without keys needing one, by an admin it does not change. */
    @Test
    void aPolicyAfterWhichNoSecurityAdminCouldSignInIsRefused() {
        TestTenant t = newTenant();
        String admin = unique("sat");
        users.create(admin, PASSWORD, "部门里的安全管理员", t.id(), Set.of(Role.SECURITY_ADMIN));
        String other = newSecurityAdmin();
        SignInPolicy roleRow = policies.of(SignInPolicy.Scope.ROLE, Role.SECURITY_ADMIN.name());

        alone(List.of(admin, other), () -> {
            // Security admins need only a password, but this one's department needs both factors.
            policies.clear(SignInPolicy.Scope.ROLE, Role.SECURITY_ADMIN.name());
            policies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, Long.toString(t.id()), SignInMethod.BOTH,
                    false), null);
            assertThatThrownBy(() -> policyService.set(as(admin), "ROLE", Role.SECURITY_ADMIN.name(),
                    new SignInPolicyService.Change("UKEY", false)))
                    .isInstanceOfSatisfying(PortalException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(409);
                        assertThat(e.messageKey()).isEqualTo(NO_ADMIN);
                    });
        });
        assertThat(policies.of(SignInPolicy.Scope.ROLE, Role.SECURITY_ADMIN.name())).isEqualTo(roleRow);
        assertThat(policies.of(SignInPolicy.Scope.TENANT, Long.toString(t.id()))).isNull();
    }

    /**
     * Runs {@code check} as if {@code admins} were the only enabled security admins, in a
     * transaction rolled back afterwards (the other tests' admins stay as they were).
     */
    private void alone(List<String> admins, Runnable check) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username NOT IN (:keep) AND id IN "
                            + "(SELECT user_id FROM user_role WHERE role = 'SECURITY_ADMIN')")
                    .param("keep", admins).update();
            check.run();
            status.setRollbackOnly();
        });
    }

    private CurrentUser as(String username) {
        return new CurrentUser(accountId(username), username, username, null, null, Set.of(Role.SECURITY_ADMIN), 0);
    }
}

package io.vsip4x.portal.identity.ukey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** Security admins set the sign-in method per role and per tenant through the API. */
class SignInPolicyIntegrationTest extends UkeyAdminTestSupport {

    @Autowired
    SignInPolicies policies;

    @Test
    void everyRoleAndTenantIsListedWithTheOversightRolesNeedingBothFactorsByDefault() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();

        List<Map<String, Object>> rows = getList(admin, "/sign-in-policies");

        assertThat(rows.stream().filter(r -> "ROLE".equals(r.get("scope"))).map(r -> r.get("key")))
                .containsExactly("USER", "TENANT_ADMIN", "APPROVER", "PLATFORM_ADMIN", "SECURITY_ADMIN", "AUDITOR");
        assertThat(row(rows, "ROLE", "AUDITOR")).containsEntry("method", "BOTH").containsEntry("set", true);
        assertThat(row(rows, "ROLE", "SECURITY_ADMIN")).containsEntry("method", "BOTH");
        assertThat(row(rows, "ROLE", "PLATFORM_ADMIN")).containsEntry("method", "BOTH");
        assertThat(row(rows, "TENANT", Long.toString(t.id()))).containsEntry("tenantCode", t.code())
                .containsEntry("method", "EITHER").containsEntry("endOnRemoval", false).containsEntry("set", false);
    }

    @Test
    void aTenantsPolicyIsSetChangesItsAccountsAndIsClearedAgainEachChangeAudited() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        String path = "/sign-in-policies/TENANT/" + t.id();
        long requester = accountId(t.requester());

        ResponseEntity<Map<String, Object>> set = send(admin, "PUT", path,
                Map.of("method", "UKEY", "endOnRemoval", true));

        assertThat(set.getStatusCode().value()).as("%s", set.getBody()).isEqualTo(200);
        assertThat(set.getBody()).containsEntry("method", "UKEY").containsEntry("endOnRemoval", true)
                .containsEntry("set", true);
        assertThat(policies.ofAccount(requester)).isEqualTo(new EffectivePolicy(SignInMethod.UKEY, true));

        assertThat(send(admin, "PUT", path, Map.of("method", "both")).getBody()).containsEntry("method", "BOTH")
                .containsEntry("endOnRemoval", false);
        assertThat(policies.ofAccount(requester)).isEqualTo(new EffectivePolicy(SignInMethod.BOTH, false));

        ResponseEntity<Map<String, Object>> cleared = send(admin, "DELETE", path, null);
        assertThat(cleared.getStatusCode().value()).isEqualTo(200);
        assertThat(cleared.getBody()).containsEntry("method", "EITHER").containsEntry("set", false);
        assertThat(policies.ofAccount(requester)).isEqualTo(EffectivePolicy.DEFAULT);
        assertThat(send(admin, "DELETE", path, null).getStatusCode().value()).isEqualTo(404);

        String target = "TENANT:" + t.code();
        assertThat(actions(admin, target)).containsExactly("SIGN_IN_POLICY_CHANGED", "SIGN_IN_POLICY_CHANGED",
                "SIGN_IN_POLICY_CHANGED");
        assertThat(jdbc.sql("SELECT params FROM audit_event WHERE actor = :a AND target = :t ORDER BY id")
                .param("a", admin).param("t", target).query(String.class).list()).containsExactly(
                "method=UKEY, endOnRemoval=true, before=-",
                "method=BOTH, endOnRemoval=false, before=UKEY, beforeEndOnRemoval=true",
                "method=-, before=BOTH, beforeEndOnRemoval=false");
    }

    @Test
    void aRolesPolicyAppliesToItsAccountsAsTheStrictestOfTheirScopes() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        String tenantAdmin = unique("ta");
        users.create(tenantAdmin, PASSWORD, "部门管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        try {
            assertThat(send(admin, "PUT", "/sign-in-policies/ROLE/tenant_admin", Map.of("method", "PASSWORD"))
                    .getStatusCode().value()).isEqualTo(200);
            assertThat(send(admin, "PUT", "/sign-in-policies/TENANT/" + t.id(), Map.of("method", "EITHER",
                    "endOnRemoval", true)).getStatusCode().value()).isEqualTo(200);

            assertThat(policies.ofAccount(accountId(tenantAdmin)))
                    .isEqualTo(new EffectivePolicy(SignInMethod.PASSWORD, true));
            assertThat(policies.ofAccount(accountId(t.requester())))
                    .isEqualTo(new EffectivePolicy(SignInMethod.EITHER, true));
            assertThat(actions(admin, "ROLE:TENANT_ADMIN")).containsExactly("SIGN_IN_POLICY_CHANGED");
        } finally {
            policies.clear(SignInPolicy.Scope.ROLE, Role.TENANT_ADMIN.name());
        }
    }

    @Test
    void unknownScopesAndMethodsAreRefusedAndChangeNothing() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        String path = "/sign-in-policies/TENANT/" + t.id();

        ResponseEntity<Map<String, Object>> badMethod = send(admin, "PUT", path, Map.of("method", "RETINA"));
        assertThat(badMethod.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(badMethod)).containsEntry("method",
                "There is no sign-in method RETINA: choose EITHER, PASSWORD, UKEY or BOTH.");
        ResponseEntity<Map<String, Object>> noMethod = send(admin, "PUT", path, Map.of("endOnRemoval", true));
        assertThat(errors(noMethod)).containsEntry("method", "Choose a sign-in method.");

        assertThat(send(admin, "PUT", "/sign-in-policies/ROLE/JANITOR", Map.of("method", "UKEY"))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(send(admin, "PUT", "/sign-in-policies/TENANT/999999999", Map.of("method", "UKEY"))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(send(admin, "PUT", "/sign-in-policies/PLANET/" + t.id(), Map.of("method", "UKEY"))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(policies.of(SignInPolicy.Scope.TENANT, Long.toString(t.id()))).isNull();
        assertThat(policies.of(SignInPolicy.Scope.ROLE, "JANITOR")).isNull();
    }

    @Test
    void anAdminCannotMakeTheirOwnAccountNeedAKeyItDoesNotHave() {
        SignInPolicy roleRow = policies.of(SignInPolicy.Scope.ROLE, Role.SECURITY_ADMIN.name());
        TestTenant t = newTenant();
        String admin = unique("sat");
        users.create(admin, PASSWORD, "部门里的安全管理员", t.id(), Set.of(Role.SECURITY_ADMIN));
        String path = "/sign-in-policies/TENANT/" + t.id();
        try {
            // As if security admins needed only a password: this one has no key.
            policies.clear(SignInPolicy.Scope.ROLE, Role.SECURITY_ADMIN.name());

            ResponseEntity<Map<String, Object>> refused = send(admin, "PUT", path, Map.of("method", "BOTH"));

            assertThat(refused.getStatusCode().value()).isEqualTo(409);
            assertThat(refused.getBody().get("detail")).isEqualTo("After this change your own account would need "
                    + "a UKEY, and none is bound to it: have another security admin bind yours first. "
                    + "Nothing was changed.");
            assertThat(policies.of(SignInPolicy.Scope.TENANT, Long.toString(t.id()))).isNull();
            assertThat(actions(admin, "TENANT:" + t.code())).isEmpty();
            assertThat(send(admin, "PUT", path, Map.of("method", "PASSWORD")).getStatusCode().value())
                    .isEqualTo(200);
        } finally {
            policies.set(roleRow, null);
        }
    }

    @Test
    void everyOtherRoleIsRefused() {
        TestTenant t = newTenant();
        String tenantAdmin = unique("ta");
        users.create(tenantAdmin, PASSWORD, "部门管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        List<String> others = List.of(t.requester(), t.approver(), tenantAdmin,
                newAccount("pa", Role.PLATFORM_ADMIN), newAccount("au", Role.AUDITOR));
        String path = "/sign-in-policies/TENANT/" + t.id();

        for (String other : others) {
            assertThat(status(other, "/sign-in-policies")).as(other).isEqualTo(403);
            assertThat(send(other, "PUT", path, Map.of("method", "PASSWORD")).getStatusCode().value()).as(other)
                    .isEqualTo(403);
            assertThat(send(other, "DELETE", "/sign-in-policies/ROLE/AUDITOR", null).getStatusCode().value())
                    .as(other).isEqualTo(403);
        }
        assertThat(policies.of(SignInPolicy.Scope.TENANT, Long.toString(t.id()))).isNull();
        assertThat(policies.of(SignInPolicy.Scope.ROLE, "AUDITOR").method()).isEqualTo(SignInMethod.BOTH);
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String scope, String key) {
        return rows.stream().filter(r -> scope.equals(r.get("scope")) && key.equals(r.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + scope + "/" + key));
    }
}

package io.vsip4x.portal.identity.ukey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Security admins bind UKEYs to accounts and revoke them through the API; every rule refuses with a reason. */
class UkeyBindingApiIntegrationTest extends UkeyAdminTestSupport {

    @Test
    void securityAdminBindsAKeyFindsItAndRevokesItWithAReasonAndEachStepIsAudited() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        Map<String, Object> body = bindBody(t.requester());
        String sid = (String) body.get("sid");

        ResponseEntity<Map<String, Object>> bound = post(admin, "/ukey-bindings", body);

        assertThat(bound.getStatusCode().value()).as("%s", bound.getBody()).isEqualTo(201);
        long id = ((Number) bound.getBody().get("id")).longValue();
        assertThat(bound.getHeaders().getLocation()).hasToString("/api/v1/ukey-bindings/" + id);
        assertThat(bound.getBody()).containsEntry("username", t.requester()).containsEntry("sid", sid)
                .containsEntry("certUser", body.get("certUser"))
                .containsEntry("platformUserId", body.get("platformUserId"))
                .containsEntry("label", "办公室 UKEY").containsEntry("revokedAt", null)
                .containsEntry("lastUsedAt", null);
        assertThat(get(admin, "/ukey-bindings/" + id)).containsEntry("sid", sid);
        assertThat(getList(admin, "/ukey-bindings?account=" + t.requester())).extracting(b -> b.get("sid"))
                .containsExactly(sid);
        assertThat(getList(admin, "/ukey-bindings")).extracting(b -> b.get("sid")).contains(sid);

        // Revoking needs a reason; without one nothing changes.
        ResponseEntity<Map<String, Object>> noReason = post(admin, "/ukey-bindings/" + id + "/revoke",
                Map.of("reason", "  "));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(noReason)).containsEntry("reason", "Say why the binding is revoked.");
        assertThat(get(admin, "/ukey-bindings/" + id)).containsEntry("revokedAt", null);

        ResponseEntity<Map<String, Object>> revoked = post(admin, "/ukey-bindings/" + id + "/revoke",
                Map.of("reason", "员工离职"));
        assertThat(revoked.getStatusCode().value()).as("%s", revoked.getBody()).isEqualTo(200);
        assertThat(revoked.getBody()).containsEntry("revokeReason", "员工离职");
        assertThat(revoked.getBody().get("revokedAt")).isNotNull();

        ResponseEntity<Map<String, Object>> again = post(admin, "/ukey-bindings/" + id + "/revoke",
                Map.of("reason", "再次"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().get("detail")).isEqualTo("This binding of UKEY " + sid + " is revoked already.");

        // A revoked key may be bound afresh, here to the approver.
        Map<String, Object> rebind = bindBody(t.approver());
        rebind.put("sid", sid);
        long second = bind(admin, rebind);
        assertThat(getList(admin, "/ukey-bindings?account=" + t.approver())).extracting(b -> b.get("id"))
                .containsExactly((int) second);

        assertThat(actions(admin, sid)).containsExactly("UKEY_BOUND", "UKEY_REVOKED", "UKEY_BOUND");
        assertThat(params("UKEY_REVOKED", sid)).contains("account=" + t.requester(), "reason=员工离职");
        assertThat(params("UKEY_BOUND", sid)).contains("account=" + t.approver(),
                "platformUserId=" + rebind.get("platformUserId"));
    }

    @Test
    void malformedFieldsAreRefusedOnePerFieldAndBindNothing() {
        String admin = newSecurityAdmin();
        Map<String, Object> body = bindBody("nobody-" + unique("x"));
        body.put("sid", "key with spaces");
        body.put("certUser", "c".repeat(129));
        body.put("platformUserId", "pu/1");
        body.put("label", "l".repeat(101));

        ResponseEntity<Map<String, Object>> refused = post(admin, "/ukey-bindings", body);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(refused))
                .containsEntry("username", "There is no account " + body.get("username") + ".")
                .containsEntry("sid", "A serial is 1 to 64 letters, digits, dots, hyphens or underscores.")
                .containsEntry("certUser", "A certificate user is 1 to 128 characters, without control characters.")
                .containsEntry("platformUserId",
                        "A platform user id is 1 to 64 letters, digits, dots, @, hyphens or underscores.")
                .containsEntry("label", "At most 100 characters, without control characters.");

        ResponseEntity<Map<String, Object>> empty = post(admin, "/ukey-bindings", Map.of());
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(empty)).containsOnlyKeys("username", "sid", "certUser", "platformUserId")
                .containsEntry("sid", "This field is required.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ukey_binding WHERE sid = 'key with spaces'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void aKeyBoundAlreadyAPlatformUserOfAnotherAccountAndTheAdminsOwnAccountAreRefused() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        Map<String, Object> first = bindBody(t.requester());
        bind(admin, first);

        Map<String, Object> sameKey = bindBody(t.approver());
        sameKey.put("sid", first.get("sid"));
        ResponseEntity<Map<String, Object>> keyTaken = post(admin, "/ukey-bindings", sameKey);
        assertThat(keyTaken.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(keyTaken)).containsOnlyKeys("sid").containsEntry("sid",
                "UKEY " + first.get("sid") + " is bound to account " + t.requester() + ": revoke that binding first.");

        Map<String, Object> samePlatformUser = bindBody(t.approver());
        samePlatformUser.put("platformUserId", first.get("platformUserId"));
        ResponseEntity<Map<String, Object>> userTaken = post(admin, "/ukey-bindings", samePlatformUser);
        assertThat(userTaken.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(userTaken)).containsOnlyKeys("platformUserId").containsEntry("platformUserId",
                "Platform user " + first.get("platformUserId") + " has a UKEY bound to another account, "
                        + t.requester() + ".");

        // A second key of the same person (the same platform user) is fine.
        Map<String, Object> spare = bindBody(t.requester());
        spare.put("platformUserId", first.get("platformUserId"));
        bind(admin, spare);

        ResponseEntity<Map<String, Object>> own = post(admin, "/ukey-bindings", bindBody(admin));
        assertThat(own.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(own)).containsOnlyKeys("username").containsEntry("username",
                "You cannot bind a UKEY to your own account: another security admin must.");

        String locked = newAccount("lk", Role.AUDITOR);
        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", locked).update();
        String disabled = newAccount("off", Role.PLATFORM_ADMIN);
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = :u").param("u", disabled).update();
        for (String name : List.of(locked, disabled)) {
            ResponseEntity<Map<String, Object>> refused = post(admin, "/ukey-bindings", bindBody(name));
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(errors(refused)).containsEntry("username",
                    "Account " + name + " is disabled or locked: no UKEY can be bound to it.");
        }
        // Nothing bound to them but the admin's own test key (whose API token needs it).
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ukey_binding WHERE account_id IN (:ids) AND sid <> :own")
                .param("ids", List.of(accountId(admin), accountId(locked), accountId(disabled)))
                .param("own", "T-" + admin).query(Integer.class).single()).isZero();
        assertThat(getList(admin, "/ukey-bindings?account=" + t.approver())).isEmpty();
    }

    @Test
    void everyOtherRoleIsRefusedAndTheRefusalIsAudited() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        long id = bind(admin, bindBody(t.requester()));
        String tenantAdmin = unique("ta");
        users.create(tenantAdmin, PASSWORD, "部门管理员", t.id(), java.util.Set.of(Role.USER, Role.TENANT_ADMIN));
        List<String> others = List.of(t.requester(), t.approver(), tenantAdmin,
                newAccount("pa", Role.PLATFORM_ADMIN), newAccount("au", Role.AUDITOR));

        for (String other : others) {
            assertThat(status(other, "/ukey-bindings")).as(other).isEqualTo(403);
            assertThat(status(other, "/ukey-bindings/" + id)).as(other).isEqualTo(403);
            assertThat(post(other, "/ukey-bindings", bindBody(t.approver())).getStatusCode().value()).as(other)
                    .isEqualTo(403);
            assertThat(post(other, "/ukey-bindings/" + id + "/revoke", Map.of("reason", "x"))
                    .getStatusCode().value()).as(other).isEqualTo(403);
        }
        assertThat(get(admin, "/ukey-bindings/" + id)).containsEntry("revokedAt", null);
        assertThat(getList(admin, "/ukey-bindings?account=" + t.approver())).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action = 'REFUSED'")
                .param("a", t.requester()).query(Integer.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(status(admin, "/ukey-bindings/999999999")).isEqualTo(404);
    }
}

package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps security admins from locking themselves, or all security admins, out with a UKEY change:
 * read the state before a change, make the change in the same transaction, then {@link #check}
 * the state after it. A refusal is thrown before anything is logged, so the transaction rolls the
 * change back.
 */
@Component
class SignInGuard {

    private final SignInPolicies policies;
    private final UkeyBindings bindings;
    private final JdbcClient jdbc;

    SignInGuard(SignInPolicies policies, UkeyBindings bindings, JdbcClient jdbc) {
        this.policies = policies;
        this.bindings = bindings;
        this.jdbc = jdbc;
    }

    /**
     * What the guard compares.
     *
     * @param ownMethod the acting admin's effective method
     * @param able      whether any enabled, unlocked security admin could sign in: their policy
     *                  needs no UKEY, or they hold an active binding
     */
    record State(SignInMethod ownMethod, boolean able) {
    }

    /**
     * The state of {@code admin} and of all security admins now. It first locks the security admins'
     * account rows until the transaction ends, so that two changes checked at once (two admins
     * revoking each other's last key) run one after the other and the second sees the first.
     */
    State read(CurrentUser admin) {
        jdbc.sql("SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id "
                        + "WHERE r.role = 'SECURITY_ADMIN' ORDER BY u.id FOR UPDATE")
                .query(Long.class).list();
        return new State(policies.ofAccount(admin.id()).method(), able());
    }

    /**
     * Refuses (409) a policy change after which the admin's own account needs a UKEY it does not
     * hold (when the change altered the admin's method), or after which no security admin could
     * sign in (when one could before).
     */
    void checkPolicy(CurrentUser admin, State before) {
        SignInMethod after = policies.ofAccount(admin.id()).method();
        if (after != before.ownMethod() && after.needsUkey() && !hasKey(admin.id())) {
            throw PortalException.conflict("accounts.signInPolicy.error.lockOut");
        }
        checkOthers(before);
    }

    /**
     * Refuses (409) a revocation of the admin's own last active key while their policy needs one,
     * or one after which no security admin could sign in (when one could before).
     */
    void checkRevoke(CurrentUser admin, UkeyBinding revoked, State before) {
        if (revoked.accountId() == admin.id() && policies.ofAccount(admin.id()).method().needsUkey()
                && !hasKey(admin.id())) {
            throw PortalException.conflict("accounts.ukeys.error.lastOwnKey", revoked.sid());
        }
        checkOthers(before);
    }

    private void checkOthers(State before) {
        if (before.able() && !able()) {
            throw PortalException.conflict("accounts.ukeys.error.noSecurityAdmin");
        }
    }

    private boolean hasKey(long accountId) {
        return bindings.ofAccount(accountId).stream().anyMatch(UkeyBinding::active);
    }

    private boolean able() {
        boolean keyed = jdbc.sql("""
                        SELECT COUNT(*) FROM app_user u JOIN user_role r ON r.user_id = u.id
                          JOIN ukey_binding b ON b.account_id = u.id AND b.revoked_at IS NULL
                         WHERE r.role = :role AND u.enabled AND NOT u.locked""")
                .param("role", Role.SECURITY_ADMIN.name()).query(Long.class).single() > 0;
        if (keyed) {
            return true;
        }
        List<Long> admins = jdbc.sql("""
                        SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
                         WHERE r.role = :role AND u.enabled AND NOT u.locked""")
                .param("role", Role.SECURITY_ADMIN.name()).query(Long.class).list();
        return admins.stream().anyMatch(id -> !policies.ofAccount(id).method().needsUkey());
    }
}

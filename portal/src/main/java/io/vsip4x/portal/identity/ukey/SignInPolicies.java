package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.identity.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-in policy per role and per tenant ({@code sign_in_policy}), and the one that applies
 * to an account: the strictest of its roles' and its tenant's. Platform admins, security admins
 * and auditors need both factors until a security admin says otherwise. Callers check rights
 * and audit.
 */
@Service
public class SignInPolicies {

    private final JdbcClient jdbc;

    SignInPolicies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What applies to an account with {@code roles} in {@code tenantId} ({@code null}: none). */
    @Transactional(readOnly = true)
    public EffectivePolicy effective(Collection<Role> roles, Long tenantId) {
        List<String> roleNames = roles.stream().map(Enum::name).toList();
        List<SignInPolicy> rows = new ArrayList<>();
        if (!roleNames.isEmpty()) {
            rows.addAll(jdbc.sql("SELECT scope_type, scope_key, method, end_on_removal FROM sign_in_policy "
                            + "WHERE scope_type = 'ROLE' AND scope_key IN (:roles)")
                    .param("roles", roleNames).query(SignInPolicies::row).list());
        }
        if (tenantId != null) {
            rows.addAll(jdbc.sql("SELECT scope_type, scope_key, method, end_on_removal FROM sign_in_policy "
                            + "WHERE scope_type = 'TENANT' AND scope_key = :tenant")
                    .param("tenant", tenantId.toString()).query(SignInPolicies::row).list());
        }
        SignInMethod method = SignInMethod.EITHER;
        boolean endOnRemoval = false;
        for (SignInPolicy row : rows) {
            method = method.stricter(row.method());
            endOnRemoval |= row.endOnRemoval();
        }
        return new EffectivePolicy(method, endOnRemoval);
    }

    /** What applies to the account {@code accountId}, read from its roles and tenant. */
    @Transactional(readOnly = true)
    public EffectivePolicy ofAccount(long accountId) {
        List<Role> roles = jdbc.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", accountId)
                .query((rs, n) -> Role.valueOf(rs.getString(1))).list();
        Long tenant = jdbc.sql("SELECT tenant_id FROM app_user WHERE id = :id").param("id", accountId)
                .query((rs, n) -> rs.getObject(1, Long.class)).optional().orElse(null);
        return effective(roles, tenant);
    }

    /** Every policy row, roles first. */
    @Transactional(readOnly = true)
    public List<SignInPolicy> all() {
        return jdbc.sql("SELECT scope_type, scope_key, method, end_on_removal FROM sign_in_policy "
                        + "ORDER BY scope_type, scope_key")
                .query(SignInPolicies::row).list();
    }

    /** The row of one scope, or {@code null} when it has none (EITHER applies). */
    @Transactional(readOnly = true)
    public SignInPolicy of(SignInPolicy.Scope scope, String key) {
        return jdbc.sql("SELECT scope_type, scope_key, method, end_on_removal FROM sign_in_policy "
                        + "WHERE scope_type = :type AND scope_key = :key")
                .param("type", scope.name()).param("key", key)
                .query(SignInPolicies::row).optional().orElse(null);
    }

    /** Writes one scope's row, replacing what it had; {@code byAccount} is who changed it. */
    @Transactional
    public void set(SignInPolicy policy, Long byAccount) {
        jdbc.sql("INSERT INTO sign_in_policy (scope_type, scope_key, method, end_on_removal, updated_by) "
                        + "VALUES (:type, :key, :method, :end, :by) ON DUPLICATE KEY UPDATE method = :method, "
                        + "end_on_removal = :end, updated_by = :by, updated_at = CURRENT_TIMESTAMP(3)")
                .param("type", policy.scope().name()).param("key", policy.key())
                .param("method", policy.method().name()).param("end", policy.endOnRemoval())
                .param("by", byAccount).update();
    }

    /** Removes one scope's row, so that scope adds nothing to the accounts in it. */
    @Transactional
    public boolean clear(SignInPolicy.Scope scope, String key) {
        return jdbc.sql("DELETE FROM sign_in_policy WHERE scope_type = :type AND scope_key = :key")
                .param("type", scope.name()).param("key", key).update() > 0;
    }

    private static SignInPolicy row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SignInPolicy(SignInPolicy.Scope.valueOf(rs.getString(1)), rs.getString(2),
                SignInMethod.valueOf(rs.getString(3)), rs.getBoolean(4));
    }
}

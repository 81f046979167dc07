package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What security admins do with the sign-in policy: read one row per role and per tenant, set a
 * scope's method and whether removing the key ends the session, or clear it (the default, a
 * password or a UKEY, applies then). Every change is written to the operation log.
 */
@Service
public class SignInPolicyService {

    private static final Logger log = LoggerFactory.getLogger(SignInPolicyService.class);

    private final SignInPolicies policies;
    private final SignInGuard guard;
    private final TenantService tenants;
    private final AuditService audit;

    SignInPolicyService(SignInPolicies policies, SignInGuard guard, TenantService tenants, AuditService audit) {
        this.policies = policies;
        this.guard = guard;
        this.tenants = tenants;
        this.audit = audit;
    }

    /**
     * One scope and what applies to it.
     *
     * @param scope        a role or a tenant
     * @param key          the role's name or the tenant's id
     * @param tenantCode   the tenant's code, or {@code null} for a role
     * @param tenantName   the tenant's name, or {@code null} for a role
     * @param method       the scope's method; {@link SignInMethod#EITHER} without a row
     * @param endOnRemoval whether a UKEY session of the scope's accounts ends when the key is removed
     * @param set          whether the scope has a row of its own
     */
    public record Row(SignInPolicy.Scope scope, String key, String tenantCode, String tenantName,
            SignInMethod method, boolean endOnRemoval, boolean set) {
    }

    /** What a security admin asks a scope to need. */
    public record Change(String method, Boolean endOnRemoval) {
    }

    /** Every role, then every tenant by code, each with its row or the default. */
    @Transactional(readOnly = true)
    public List<Row> rows() {
        Map<String, SignInPolicy> stored = policies.all().stream()
                .collect(Collectors.toMap(p -> p.scope() + "/" + p.key(), Function.identity()));
        List<Row> rows = new ArrayList<>();
        for (Role role : Role.values()) {
            rows.add(row(SignInPolicy.Scope.ROLE, role.name(), null, null, stored));
        }
        for (Tenant t : tenants.all().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList()) {
            rows.add(row(SignInPolicy.Scope.TENANT, Long.toString(t.id()), t.code(), t.name(), stored));
        }
        return rows;
    }

    /** One scope's row, or the default; 404 when there is no such role or tenant. */
    @Transactional(readOnly = true)
    public Row row(String scope, String key) {
        SignInPolicy.Scope s = scope(scope);
        String k = key(s, key);
        return rows().stream().filter(r -> r.scope() == s && r.key().equals(k)).findFirst()
                .orElseThrow(() -> PortalException.notFound("accounts.signInPolicy.error.noScope", scope, key));
    }

    /**
     * Sets a scope's method and removal rule.
     *
     * @throws PortalException 404 when there is no such role or tenant; 409 when the admin's own
     *                         account would come to need a UKEY it does not have, or no security
     *                         admin could sign in any more (nothing changes)
     * @throws FieldProblems   when the method is missing or unknown
     */
    @Transactional
    public Row set(CurrentUser admin, String scope, String key, Change change) {
        // The guard's locks first, so that what is read as "before" is what this change replaces.
        SignInGuard.State was = guard.read(admin);
        Row before = row(scope, key);
        SignInMethod method = method(change.method());
        boolean endOnRemoval = change.endOnRemoval() != null && change.endOnRemoval();
        policies.set(new SignInPolicy(before.scope(), before.key(), method, endOnRemoval), admin.id());
        // Thrown before anything is logged: the transaction rolls the change back.
        guard.checkPolicy(admin, was);
        Row after = row(scope, key);
        audit.event("SIGN_IN_POLICY_CHANGED")
                .target("SIGN_IN_POLICY", describe(after))
                .params("method=" + method + ", endOnRemoval=" + endOnRemoval + ", " + state(before))
                .record();
        log.info("Security admin '{}' set the sign-in policy of {} to {}", admin.username(), describe(after), method);
        return after;
    }

    /**
     * Clears a scope's row, so it adds nothing to its accounts' policy.
     *
     * @throws PortalException 404 when there is no such role or tenant, or it has no row; 409 as
     *                         {@link #set} (a cleared row may leave a stricter one in force)
     */
    @Transactional
    public Row clear(CurrentUser admin, String scope, String key) {
        SignInGuard.State was = guard.read(admin);
        Row before = row(scope, key);
        if (!before.set() || !policies.clear(before.scope(), before.key())) {
            throw PortalException.notFound("accounts.signInPolicy.error.notSet", describe(before));
        }
        guard.checkPolicy(admin, was);
        audit.event("SIGN_IN_POLICY_CHANGED")
                .target("SIGN_IN_POLICY", describe(before))
                .params("method=-, " + state(before))
                .record();
        log.info("Security admin '{}' cleared the sign-in policy of {}", admin.username(), describe(before));
        return row(scope, key);
    }

    private static Row row(SignInPolicy.Scope scope, String key, String code, String name,
            Map<String, SignInPolicy> stored) {
        SignInPolicy p = stored.get(scope + "/" + key);
        return p == null ? new Row(scope, key, code, name, SignInMethod.EITHER, false, false)
                : new Row(scope, key, code, name, p.method(), p.endOnRemoval(), true);
    }

    private static SignInPolicy.Scope scope(String scope) {
        try {
            return SignInPolicy.Scope.valueOf(scope == null ? "" : scope.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PortalException.notFound("accounts.signInPolicy.error.noScope", scope, "");
        }
    }

    private static String key(SignInPolicy.Scope scope, String key) {
        String k = key == null ? "" : key.strip();
        return scope == SignInPolicy.Scope.ROLE ? k.toUpperCase(Locale.ROOT) : k;
    }

    private static SignInMethod method(String method) {
        if (method == null || method.isBlank()) {
            throw FieldProblems.of("method", "accounts.signInPolicy.error.methodRequired");
        }
        try {
            return SignInMethod.valueOf(method.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw FieldProblems.of("method", "accounts.signInPolicy.error.methodUnknown", method.strip());
        }
    }

    /** The scope for the operation log: {@code ROLE:AUDITOR} or {@code TENANT:finance}. */
    private static String describe(Row row) {
        return row.scope() + ":" + (row.tenantCode() == null ? row.key() : row.tenantCode());
    }

    /** The scope's row before a change: its method and its removal rule, or {@code -} without a row. */
    private static String state(Row row) {
        return row.set() ? "before=" + row.method() + ", beforeEndOnRemoval=" + row.endOnRemoval() : "before=-";
    }
}

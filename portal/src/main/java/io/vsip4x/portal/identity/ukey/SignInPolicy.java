package io.vsip4x.portal.identity.ukey;

import java.util.Objects;

/**
 * One row of the sign-in policy.
 *
 * @param scope        whether it applies to a role or a tenant
 * @param key          the role's name or the tenant's id
 * @param method       how the accounts in scope sign in
 * @param endOnRemoval whether a UKEY session of those accounts ends when the key leaves the computer
 */
public record SignInPolicy(Scope scope, String key, SignInMethod method, boolean endOnRemoval) {

    /** What a policy row applies to. */
    public enum Scope {
        ROLE, TENANT
    }

    public SignInPolicy {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(method, "method");
    }
}

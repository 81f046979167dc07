package io.vsip4x.portal.identity.ukey;

/**
 * What applies to one account: the strictest method of its roles and tenant, and whether any of
 * them ends a UKEY session when the key is removed.
 */
public record EffectivePolicy(SignInMethod method, boolean endOnRemoval) {

    /** No policy row: a password or a UKEY, and removal ends nothing. */
    public static final EffectivePolicy DEFAULT = new EffectivePolicy(SignInMethod.EITHER, false);
}

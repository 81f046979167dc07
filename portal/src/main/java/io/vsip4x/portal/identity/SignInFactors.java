package io.vsip4x.portal.identity;

import io.vsip4x.portal.identity.ukey.SignInMethod;

/**
 * How the page session that made an API token had signed in: with the password, with a UKEY (then
 * the binding of that key), or both. A token is worth no more than that sign-in: it stops working
 * when its account's policy asks for more ({@link #satisfies}), or when its key's binding is revoked.
 *
 * @param password       whether the password was one of the factors
 * @param ukeyBindingId  the binding of the UKEY that was one, or {@code null} when none was
 */
public record SignInFactors(boolean password, Long ukeyBindingId) {

    /** A password alone: what tokens made before factors were recorded count as. */
    public static final SignInFactors PASSWORD_ONLY = new SignInFactors(true, null);

    /** A password and the UKEY of the binding {@code bindingId}. */
    public static SignInFactors both(long bindingId) {
        return new SignInFactors(true, bindingId);
    }

    /** The UKEY of the binding {@code bindingId} alone. */
    public static SignInFactors ukeyOnly(long bindingId) {
        return new SignInFactors(false, bindingId);
    }

    /** The factors stored as {@code code} ({@link #code}) with the binding {@code bindingId}. */
    static SignInFactors of(String code, Long bindingId) {
        boolean ukey = bindingId != null && ("UKEY".equals(code) || "BOTH".equals(code));
        return new SignInFactors(!"UKEY".equals(code) || !ukey, ukey ? bindingId : null);
    }

    /** Whether a UKEY was one of the factors. */
    public boolean ukey() {
        return ukeyBindingId != null;
    }

    /** {@code PASSWORD}, {@code UKEY} or {@code BOTH}, as stored and shown. */
    public String code() {
        return ukey() ? (password ? "BOTH" : "UKEY") : "PASSWORD";
    }

    /**
     * Whether a token of this sign-in may still work for an account whose policy is {@code method}:
     * a policy needing a UKEY needs one here, and one needing both factors needs both.
     */
    public boolean satisfies(SignInMethod method) {
        return switch (method) {
            case EITHER, PASSWORD -> true;
            case UKEY -> ukey();
            case BOTH -> ukey() && password;
        };
    }

    @Override
    public String toString() {
        return code() + (ukey() ? "[binding " + ukeyBindingId + "]" : "");
    }
}

package io.vsip4x.portal.identity.ukey;

/**
 * How an account may sign in, weakest first: the strictest of an account's role and tenant
 * policies applies ({@link #stricter}).
 */
public enum SignInMethod {
    /** A password or a UKEY, either alone: the default without a policy. */
    EITHER,
    /** A password only; UKEY sign-in is refused. */
    PASSWORD,
    /** A UKEY only; a correct password alone is refused. */
    UKEY,
    /** Two factors: the password, then the UKEY bound to the same account. */
    BOTH;

    /** The stricter of this and {@code other}. */
    public SignInMethod stricter(SignInMethod other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** Whether the account needs a UKEY at all (so HTTP Basic with a password is not enough). */
    public boolean needsUkey() {
        return this == UKEY || this == BOTH;
    }
}

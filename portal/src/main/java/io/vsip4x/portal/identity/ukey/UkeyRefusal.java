package io.vsip4x.portal.identity.ukey;

/**
 * Why a UKEY sign-in (or the UKEY step after a password) was refused; its {@link #code()} goes
 * into the sign-in page's address ({@code ?ukey=<code>}), which shows {@code ukey.refused.<code>},
 * and into the audit event.
 */
public enum UkeyRefusal {
    /** The challenge is older than its time to live. */
    EXPIRED("expired"),
    /** The challenge was spent before: a replay. */
    USED("used"),
    /** No such challenge, or another session's. */
    UNKNOWN("unknown"),
    /** The platform found the signature wrong (1003). */
    SIGNATURE("signature"),
    /** The platform does not know the key (1001). */
    UNKNOWN_KEY("unknownKey"),
    /** The key is bound to no account. */
    UNBOUND("unbound"),
    /** The key has an active binding, but the platform answered another platform user for it. */
    MISMATCH("mismatch"),
    /** The key's binding was revoked. */
    REVOKED("revoked"),
    /** The account is locked or disabled. */
    LOCKED("locked"),
    /** The account's policy allows passwords only. */
    PASSWORD_ONLY("passwordOnly"),
    /** The account's policy needs the password first, then the key. */
    PASSWORD_FIRST("passwordFirst"),
    /** The second step was signed by a key of another account. */
    OTHER_ACCOUNT("otherAccount"),
    /** The platform could not be reached or answered nonsense. */
    PLATFORM("platform"),
    /** A field is missing or too long. */
    INVALID("invalid"),
    /** A password alone for an account whose policy needs a UKEY alone. */
    UKEY_ONLY("ukeyOnly"),
    /** The session ended because its key was removed (not a refusal of a sign-in, but said the same way). */
    REMOVED("removed"),
    /** The session ended because the binding of its key was revoked (said the same way). */
    SESSION_REVOKED("sessionRevoked");

    private final String code;

    UkeyRefusal(String code) {
        this.code = code;
    }

    /** The reason as the page's address and the message key name it. */
    public String code() {
        return code;
    }
}

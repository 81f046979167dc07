package io.vsip4x.portal.identity;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A right password that does not sign in by itself, by the account's sign-in policy: a UKEY must
 * follow it ({@link Kind#SECOND_FACTOR}), or the account signs in with a UKEY alone
 * ({@link Kind#UKEY_ONLY}). Thrown after the password was checked; no failure event is published
 * for it (its class has no event), so it neither counts as a failed sign-in nor is logged as one.
 */
final class PasswordStepException extends AccountStatusException {

    /** What the password sign-in needs instead. */
    enum Kind {
        /** The UKEY bound to the account, next. */
        SECOND_FACTOR,
        /** A UKEY sign-in instead of the password. */
        UKEY_ONLY
    }

    private final transient PortalUserDetails details;
    private final Kind kind;

    PasswordStepException(Kind kind, PortalUserDetails details) {
        super("The sign-in policy needs a UKEY: " + kind);
        this.kind = kind;
        this.details = details;
    }

    Kind kind() {
        return kind;
    }

    /** The account whose password was right. */
    PortalUserDetails details() {
        return details;
    }
}

package io.vsip4x.portal.identity;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A password sign-in that the account's sign-in policy does not let finish: a UKEY must follow a
 * right password ({@link Kind#SECOND_FACTOR}, thrown after the password was checked), or the
 * account signs in with a UKEY alone ({@link Kind#UKEY_ONLY}, thrown before the password is looked
 * at). No failure event is published for it (its class has no event), so it never counts as a
 * failed sign-in; the UKEY-only refusal is logged by its handler as the password sign-in's own.
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

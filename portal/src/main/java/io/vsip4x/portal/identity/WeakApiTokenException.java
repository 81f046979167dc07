package io.vsip4x.portal.identity;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A working API token refused because the sign-in that made it no longer does: its account's
 * policy now needs a UKEY (or both factors) that the session making it had not used, or the UKEY
 * it was made with has had its binding revoked. Its owner makes a new one after signing in as the
 * policy says.
 */
class WeakApiTokenException extends BadCredentialsException {

    /** Why the token no longer does. */
    enum Reason {
        /** Made with a weaker sign-in than the account's policy needs now. */
        WEAKER("error.signIn.tokenWeaker"),
        /** Made with a UKEY whose binding has been revoked. */
        KEY_REVOKED("error.signIn.tokenKeyRevoked");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    private final Reason reason;

    WeakApiTokenException(Reason reason) {
        super(reason == Reason.WEAKER ? "The API token was made with a weaker sign-in than the account needs now"
                : "The API token was made with a UKEY whose binding is revoked");
        this.reason = reason;
    }

    /** The message key of the refusal (also its problem type). */
    String messageKey() {
        return reason.messageKey;
    }
}

package io.vsip4x.portal.identity;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * An API call with HTTP Basic refused because the account's sign-in policy needs a UKEY: a
 * password alone is not enough, the caller needs a personal API token ({@link ApiTokens}). Thrown
 * before the password is looked at, so a right and a wrong password answer alike and guesses lock
 * nothing (the answer does tell that the account exists and needs a key).
 */
public class UkeyRequiredException extends AccountStatusException {

    UkeyRequiredException() {
        super("The account signs in with a UKEY: use an API token");
    }

    /** The refusal as an event, so that the sign-in log records it like the others. */
    public static class Refused extends AbstractAuthenticationFailureEvent {

        public Refused(Authentication authentication, AuthenticationException exception) {
            super(authentication, exception);
        }
    }
}

package io.vsip4x.portal.identity;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A password sign-in on the sign-in page refused because the account's sign-in policy needs a UKEY
 * alone, before the password is looked at. Published (as a {@link UkeyRequiredException.Refused}
 * event) so that the sign-in log records it as the password sign-in's own refusal.
 */
public class UkeyOnlyException extends AccountStatusException {

    UkeyOnlyException() {
        super("The account signs in with its UKEY only");
    }
}

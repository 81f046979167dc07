package io.vsip4x.portal.identity;

import org.springframework.security.authentication.BadCredentialsException;

/** An API token that is none of ours, or expired or revoked: which of these is not said. */
class InvalidApiTokenException extends BadCredentialsException {

    InvalidApiTokenException() {
        super("The API token is unknown, expired or revoked");
    }
}

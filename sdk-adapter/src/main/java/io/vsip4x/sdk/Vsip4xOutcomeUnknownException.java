package io.vsip4x.sdk;

/**
 * The call was sent but its answer never came (a read time-out after the request was written,
 * the connection closed or reset before the answer, or a 5xx other than 503): the platform may
 * have carried it out. Sending it again is safe only for a call that is harmless to repeat. A
 * plain {@link Vsip4xUnreachableException} means the call did not get through (connection
 * refused or timed out, HTTP 503), so the platform did not act on it.
 */
public class Vsip4xOutcomeUnknownException extends Vsip4xUnreachableException {

    public Vsip4xOutcomeUnknownException(String method, String message, Throwable cause) {
        super(method, message, cause);
    }
}

package io.vsip4x.sdk;

/**
 * The platform could not be reached or did not answer in time (refused connection, time-out,
 * 5xx). Thrown as it is, the call did not get through and was not carried out (connection refused
 * or timed out, HTTP 503); as {@link Vsip4xOutcomeUnknownException} it was sent and may have been.
 */
public class Vsip4xUnreachableException extends Vsip4xException {

    public Vsip4xUnreachableException(String method, String message, Throwable cause) {
        super(method, message, cause);
    }
}

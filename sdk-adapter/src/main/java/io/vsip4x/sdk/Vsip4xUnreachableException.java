package io.vsip4x.sdk;

/**
 * The platform could not be reached or did not answer in time (refused connection, time-out,
 * 5xx). The call may or may not have been carried out.
 */
public class Vsip4xUnreachableException extends Vsip4xException {

    public Vsip4xUnreachableException(String method, String message, Throwable cause) {
        super(method, message, cause);
    }
}

package io.vsip4x.sdk;

/** The platform answered, but not in the form the binding defines (or refused our credentials). */
public class Vsip4xProtocolException extends Vsip4xException {

    private final int httpStatus;

    public Vsip4xProtocolException(String method, int httpStatus, String message) {
        super(method, message, null);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the answer, or 200 when the body itself was malformed. */
    public int httpStatus() {
        return httpStatus;
    }
}

package io.vsip4x.sdk;

/** The platform answered, but not in the form the binding defines (or refused our credentials). */
public class Vsip4xProtocolException extends Vsip4xException {

    private final int httpStatus;

    public Vsip4xProtocolException(String method, int httpStatus, String message) {
        super(method, message, null);
        this.httpStatus = httpStatus;
    }

    /**
     * A failure without an HTTP answer of ours, such as an exception thrown by the vendor's SDK
     * class; {@link #httpStatus()} is 0.
     */
    public Vsip4xProtocolException(String method, String message, Throwable cause) {
        super(method, message, cause);
        this.httpStatus = 0;
    }

    /**
     * The HTTP status of the answer, 200 when the body itself was malformed, or 0 when no HTTP
     * answer of ours was involved (the vendor's SDK class).
     */
    public int httpStatus() {
        return httpStatus;
    }
}

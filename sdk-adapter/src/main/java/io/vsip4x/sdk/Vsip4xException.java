package io.vsip4x.sdk;

/** Base of every failure of a call to the platform that is not a platform result code. */
public class Vsip4xException extends RuntimeException {

    private final String method;

    public Vsip4xException(String method, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
    }

    /** The SDK method whose call failed. */
    public String method() {
        return method;
    }
}

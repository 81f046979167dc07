package io.vsip4x.sdk;

/**
 * The platform answered a list method with a refusal code instead of its list: {@link #code()} and
 * {@link #info()} are the platform's. A {@link Vsip4xProtocolException}, as such answers were before.
 */
public class Vsip4xRefusedException extends Vsip4xProtocolException {

    private final String code;
    private final String info;

    public Vsip4xRefusedException(String method, String code, String info) {
        super(method, 200, "The platform refused " + method + " with code " + code);
        this.code = code;
        this.info = info;
    }

    /** The platform's result code. */
    public String code() {
        return code;
    }

    /** The platform's text of the refusal, possibly empty. */
    public String info() {
        return info;
    }
}

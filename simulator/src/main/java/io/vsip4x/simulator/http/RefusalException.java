package io.vsip4x.simulator.http;

/**
 * The platform refuses a call with a result code: HTTP 200 with {@code result} set to
 * {@link #code()} and its text from the spec's table.
 */
public class RefusalException extends RuntimeException {

    private final String code;

    /** @param code a result code of the spec, e.g. {@code 2003} */
    public RefusalException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The result code. */
    public String code() {
        return code;
    }
}

package io.vsip4x.simulator.lifecycle;

/** The host operations, with the power state they need and the codes they finish with. */
public enum HostPower {

    /** {@code startHost}: shut down to running; an online host is refused with 9004. */
    START("startHost", false, "9004", "3000", "3020"),
    /** {@code shutdownHost}: running to shut down; an offline host is refused with 3023. */
    SHUTDOWN("shutdownHost", true, "3023", "3001", "3021");

    private final String operation;
    private final boolean requiredOnline;
    private final String wrongStateCode;
    private final String successCode;
    private final String failureCode;

    HostPower(String operation, boolean requiredOnline, String wrongStateCode, String successCode,
            String failureCode) {
        this.operation = operation;
        this.requiredOnline = requiredOnline;
        this.wrongStateCode = wrongStateCode;
        this.successCode = successCode;
        this.failureCode = failureCode;
    }

    /** The SDK method. */
    public String operation() {
        return operation;
    }

    /** Whether the host must be online for it. */
    boolean requiredOnline() {
        return requiredOnline;
    }

    /** The refusal when the host is in the other state. */
    String wrongStateCode() {
        return wrongStateCode;
    }

    /** The completion code after success. */
    String successCode() {
        return successCode;
    }

    /** The completion code after failure (fault injection); the host keeps its state. */
    String failureCode() {
        return failureCode;
    }
}

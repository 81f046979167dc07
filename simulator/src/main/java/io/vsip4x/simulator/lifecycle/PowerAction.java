package io.vsip4x.simulator.lifecycle;

/** The power operations, with the states they need and the codes they finish with. */
public enum PowerAction {

    /** {@code startVm}: stopped to running. */
    START("startVm", 0, "2049", 1, "2010", "2040", 0),
    /** {@code shutdownVm}: running to stopped. */
    SHUTDOWN("shutdownVm", 1, "2050", 0, "2011", "2041", 1),
    /** {@code rebootVm}: running to running; a failed reboot leaves the VM stopped. */
    REBOOT("rebootVm", 1, "2050", 1, "2010", "2040", 0),
    /** {@code pauseVm}: running to paused; a failed pause leaves the VM running. */
    PAUSE("pauseVm", 1, "2050", 4, "2012", "2042", 1),
    /** {@code resumeVm}: paused to running; a failed resume leaves the VM paused. */
    RESUME("resumeVm", 4, "2051", 1, "2013", "2043", 4);

    private final String operation;
    private final int requiredStatus;
    private final String wrongStatusCode;
    private final int targetStatus;
    private final String successCode;
    private final String failureCode;
    private final int failedStatus;

    PowerAction(String operation, int requiredStatus, String wrongStatusCode, int targetStatus,
            String successCode, String failureCode, int failedStatus) {
        this.operation = operation;
        this.requiredStatus = requiredStatus;
        this.wrongStatusCode = wrongStatusCode;
        this.targetStatus = targetStatus;
        this.successCode = successCode;
        this.failureCode = failureCode;
        this.failedStatus = failedStatus;
    }

    /** The SDK method. */
    public String operation() {
        return operation;
    }

    /** The status the VM must be in. */
    int requiredStatus() {
        return requiredStatus;
    }

    /** The refusal when it is in another status. */
    String wrongStatusCode() {
        return wrongStatusCode;
    }

    /** The status after success. */
    int targetStatus() {
        return targetStatus;
    }

    /** The completion code after success. */
    String successCode() {
        return successCode;
    }

    /** The completion code after failure. */
    String failureCode() {
        return failureCode;
    }

    /** The status after failure. */
    int failedStatus() {
        return failedStatus;
    }

    /** The action of SDK method {@code operation}, or {@code null} when it is none. */
    static PowerAction of(String operation) {
        for (PowerAction action : values()) {
            if (action.operation.equals(operation)) {
                return action;
            }
        }
        return null;
    }
}

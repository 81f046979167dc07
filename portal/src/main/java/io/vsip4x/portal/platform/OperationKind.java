package io.vsip4x.portal.platform;

/** What an operation asks of the platform; each is one SDK method. */
public enum OperationKind {
    CREATE_VM("createVm", 0, "0"),
    START_VM("startVm", 1, "2010"),
    SHUTDOWN_VM("shutdownVm", 0, "2011"),
    REBOOT_VM("rebootVm", 1, "2010"),
    /** A new shape ({@code getModifyRemainder} first); the VM keeps its status, running assumed. */
    MODIFY_VM("modifyVm", 1, "2017"),
    /** A new data disk, created and mounted on the VM at once (synchronous: no callback). */
    CREATE_DATA_DISK("createDataDisk", -1, "0"),
    /** A larger data disk (synchronous: no callback). */
    EXTEND_DATA_DISK("extendDataDisk", -1, "0"),
    /** Deletes a stopped VM; it has no status afterwards (-1: never confirmed by a status). */
    DELETE_VM("deleteVm", -1, "2014");

    private final String method;
    private final int settledStatus;
    private final String successCode;

    OperationKind(String method, int settledStatus, String successCode) {
        this.method = method;
        this.settledStatus = settledStatus;
        this.successCode = successCode;
    }

    /** The VM status the operation leaves behind when it succeeds. */
    public int settledStatus() {
        return settledStatus;
    }

    /** The code its success callback carries. */
    public String successCode() {
        return successCode;
    }

    /** The SDK method that carries it out. */
    public String method() {
        return method;
    }

    /** The kind whose SDK method is {@code method}, or {@code null}. */
    public static OperationKind ofMethod(String method) {
        for (OperationKind kind : values()) {
            if (kind.method.equals(method)) {
                return kind;
            }
        }
        return null;
    }
}

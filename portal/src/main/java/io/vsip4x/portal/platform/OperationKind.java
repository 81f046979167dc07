package io.vsip4x.portal.platform;

/** What an operation asks of the platform; each is one SDK method. */
public enum OperationKind {
    CREATE_VM("createVm"),
    START_VM("startVm"),
    SHUTDOWN_VM("shutdownVm"),
    REBOOT_VM("rebootVm");

    private final String method;

    OperationKind(String method) {
        this.method = method;
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

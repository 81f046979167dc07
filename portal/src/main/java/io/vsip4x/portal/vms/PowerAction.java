package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.sdk.codes.VmStatus;

/** The power actions an owner may take, and the status each needs. */
public enum PowerAction {
    START(OperationKind.START_VM, VmStatus.STOPPED),
    SHUTDOWN(OperationKind.SHUTDOWN_VM, VmStatus.RUNNING),
    REBOOT(OperationKind.REBOOT_VM, VmStatus.RUNNING);

    private final OperationKind kind;
    private final VmStatus requires;

    PowerAction(OperationKind kind, VmStatus requires) {
        this.kind = kind;
        this.requires = requires;
    }

    OperationKind kind() {
        return kind;
    }

    /** Whether a VM in {@code status} allows the action. */
    boolean allowedIn(Integer status) {
        return status != null && status == requires.code();
    }

    /** The action named in a URL ({@code start}, {@code shutdown}, {@code reboot}), or {@code null}. */
    public static PowerAction fromPath(String name) {
        for (PowerAction action : values()) {
            if (action.name().equalsIgnoreCase(name)) {
                return action;
            }
        }
        return null;
    }
}

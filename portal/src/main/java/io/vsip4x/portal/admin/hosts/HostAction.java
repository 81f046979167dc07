package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.platform.OperationKind;
import java.util.Locale;

/** What a platform admin may ask of a host, each one SDK method through the operation queue. */
enum HostAction {
    START(OperationKind.START_HOST),
    SHUTDOWN(OperationKind.SHUTDOWN_HOST);

    /** Audit action of a host start asked for, accepted or refused. */
    static final String START_ACTION = "HOST_START";
    /** Audit action of a host shutdown asked for, accepted or refused. */
    static final String SHUTDOWN_ACTION = "HOST_SHUTDOWN";

    private final OperationKind kind;

    HostAction(OperationKind kind) {
        this.kind = kind;
    }

    /** The operation that carries it out. */
    OperationKind kind() {
        return kind;
    }

    /** The name of its audit events. */
    String auditAction() {
        return this == START ? START_ACTION : SHUTDOWN_ACTION;
    }

    /** Its name in URLs: {@code start} or {@code shutdown}. */
    String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action {@code kind} carries out. */
    static HostAction of(OperationKind kind) {
        return kind == OperationKind.START_HOST ? START : SHUTDOWN;
    }

    /** The action named {@code path} in a URL, or {@code null}. */
    static HostAction parse(String path) {
        for (HostAction action : values()) {
            if (action.path().equals(path)) {
                return action;
            }
        }
        return null;
    }
}

package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.OperationKind;
import java.util.Locale;
import java.util.Set;

/**
 * The operations a person may ask of one VM, with the spec's state rules: the status each needs
 * and the result code that refuses it otherwise (2049 must be stopped, 2050 must be running,
 * 2051 must be paused, 2052 not in this state). Pages and the API ask these rules alike, so a
 * button is enabled exactly when the API would accept the request.
 */
public enum VmAction {
    /** {@code startVm}: stopped (0), else 2049. */
    START(OperationKind.START_VM, Set.of(0), "2049", false),
    /** {@code shutdownVm}: running (1), else 2050. */
    SHUTDOWN(OperationKind.SHUTDOWN_VM, Set.of(1), "2050", false),
    /** {@code rebootVm}: running (1), else 2050. */
    REBOOT(OperationKind.REBOOT_VM, Set.of(1), "2050", false),
    /** {@code pauseVm}: running (1), else 2050. */
    PAUSE(OperationKind.PAUSE_VM, Set.of(1), "2050", false),
    /** {@code resumeVm}: paused (4), else 2051. */
    RESUME(OperationKind.RESUME_VM, Set.of(4), "2051", false),
    /** {@code resynVm}: in any status; synchronous, so no operation is queued. */
    RESYNC(null, Set.of(), null, false),
    /** {@code deleteVm}, with or without a secure erase: stopped (0), else 2049. */
    DELETE(OperationKind.DELETE_VM, Set.of(0), "2049", false),
    /** {@code migrateVm} to another host of the VM's pool: stopped or running, else 2052; platform admins. */
    MIGRATE(OperationKind.MIGRATE_VM, Set.of(0, 1), "2052", true),
    /** {@code moveVm} to a host of another (or the same) pool: stopped (0), else 2049; platform admins. */
    MOVE(OperationKind.MOVE_VM, Set.of(0), "2049", true);

    /** The spec's code for "not possible in the VM's current state" (busy, transitional, not created). */
    public static final String BUSY = "2052";

    private final OperationKind kind;
    private final Set<Integer> statuses;
    private final String wrongStatusCode;
    private final boolean adminOnly;

    VmAction(OperationKind kind, Set<Integer> statuses, String wrongStatusCode, boolean adminOnly) {
        this.kind = kind;
        this.statuses = statuses;
        this.wrongStatusCode = wrongStatusCode;
        this.adminOnly = adminOnly;
    }

    /**
     * Why a VM cannot take the action now.
     *
     * @param code       the spec's result code
     * @param messageKey the text, with arguments {0} the VM's name, {1} the action, {2} its status
     */
    public record Refusal(String code, String messageKey) {
    }

    /** The operation it queues, or {@code null} for {@link #RESYNC}. */
    public OperationKind kind() {
        return kind;
    }

    /** The action's name in URLs and the API ({@code start}, {@code shutdown}, ...). */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the VM's status must be, as the end of a message key. */
    private String needs() {
        if (this == MIGRATE) {
            return "stoppedOrRunning";
        }
        return switch (wrongStatusCode) {
            case "2049" -> "stopped";
            case "2050" -> "running";
            default -> "paused";
        };
    }

    /** Whether only platform admins may ask it. */
    public boolean adminOnly() {
        return adminOnly;
    }

    /**
     * Why a VM in {@code lifecycle} and {@code status} cannot take the action, or {@code null}
     * when it can.
     *
     * @param open whether an operation on the VM is under way
     */
    public Refusal refusal(VmLifecycle lifecycle, Integer status, boolean open) {
        if (lifecycle != VmLifecycle.ACTIVE) {
            boolean readable = this == RESYNC && lifecycle == VmLifecycle.DELETING;
            return readable ? null : new Refusal(BUSY, "vm.op.refused.lifecycle." + lifecycle.name());
        }
        if (this == RESYNC) {
            return null;
        }
        if (open) {
            return new Refusal(BUSY, "vm.op.refused.busy");
        }
        if (status == null || VmService.transitional(status)) {
            return new Refusal(BUSY, "vm.op.refused.transitional");
        }
        if (!statuses.contains(status)) {
            return new Refusal(wrongStatusCode, "vm.op.refused.needs." + needs());
        }
        return null;
    }

    /**
     * Whether {@code user} may ask the action of {@code vm}: its owner and its tenant's admins
     * (not approvers or auditors, who only see it), platform admins anything.
     */
    public boolean permitted(CurrentUser user, Vm vm) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return true;
        }
        if (adminOnly || user.tenantId() == null || user.tenantId() != vm.tenantId()) {
            return false;
        }
        return user.has(Role.TENANT_ADMIN) || user.id() == vm.ownerId();
    }

    /** The action named in a URL, or {@code null}. */
    public static VmAction fromPath(String name) {
        for (VmAction action : values()) {
            if (action.path().equals(name)) {
                return action;
            }
        }
        return null;
    }
}

package io.vsip4x.portal.guest;

/**
 * The guest tasks a person may ask: each with its URL-style action name (texts
 * {@code vm.op.action.{path}} and {@code vm.op.passive.{path}}) and its audit action.
 */
enum GuestTask {

    SET_IP("guest-set-ip", "VM_GUEST_SET_IP"),
    DHCP("guest-dhcp", "VM_GUEST_DHCP"),
    READ_IP("guest-read-ip", "VM_GUEST_READ_IP"),
    PROCESSES("guest-processes", "VM_GUEST_PROCESSES"),
    SOFTWARE("guest-software", "VM_GUEST_SOFTWARE"),
    OPEN_URL("guest-open-url", "VM_GUEST_OPEN_URL"),
    LOGIN("guest-login", "VM_GUEST_LOGIN"),
    LOCK("guest-lock", "VM_GUEST_LOCK"),
    LOGOUT("guest-logout", "VM_GUEST_LOGOUT"),
    PUSH_FILE("guest-push-file", "VM_GUEST_PUSH_FILE");

    private final String path;
    private final String auditAction;

    GuestTask(String path, String auditAction) {
        this.path = path;
        this.auditAction = auditAction;
    }

    /** The action's name in URLs and message keys. */
    String path() {
        return path;
    }

    /** The action of the operation log. */
    String auditAction() {
        return auditAction;
    }
}

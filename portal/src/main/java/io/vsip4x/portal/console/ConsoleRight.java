package io.vsip4x.portal.console;

/**
 * Why a person has the console mode they have.
 *
 * @param basis what grants it: {@code OWNER}, {@code TENANT_ADMIN}, {@code PLATFORM_ADMIN},
 *              {@code GRANT} (the console-only permission), {@code SHARE} (a view-only share) or
 *              {@code VIEWER} (an auditor or approver, when the setting allows); {@code NONE} otherwise
 */
public record ConsoleRight(ConsoleMode mode, String basis) {

    /** No console. */
    public static final ConsoleRight NONE = new ConsoleRight(ConsoleMode.NONE, "NONE");

    /** Whether any console is allowed. */
    public boolean any() {
        return mode != ConsoleMode.NONE;
    }

    /** Whether keyboard and mouse are allowed. */
    public boolean interactive() {
        return mode == ConsoleMode.INTERACTIVE;
    }
}

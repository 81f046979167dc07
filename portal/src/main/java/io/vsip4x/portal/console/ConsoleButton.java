package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.vms.Vm;
import org.springframework.stereotype.Component;

/**
 * The VM page's "Console" button: whether it opens the console, and if not, why
 * ({@code vms/console-button.html} asks it as {@code @consoleButton}).
 */
@Component("consoleButton")
public class ConsoleButton {

    private final ConsoleAccess access;

    ConsoleButton(ConsoleAccess access) {
        this.access = access;
    }

    /**
     * The button's state.
     *
     * @param allowed   whether it opens the console
     * @param reasonKey the message key saying why not, or {@code null} when allowed
     * @param viewOnly  whether the console it opens is view-only
     */
    public record State(boolean allowed, String reasonKey, boolean viewOnly) {
    }

    /** The button's state for {@code user} on {@code vm}. */
    public State of(CurrentUser user, Vm vm) {
        ConsoleRight right = access.rightOf(user, vm);
        if (!right.any()) {
            return new State(false, "console.button.noRight", false);
        }
        if (!available(vm)) {
            return new State(false, "console.button.notRunning", !right.interactive());
        }
        return new State(true, null, !right.interactive());
    }

    /** Whether the VM has a console to show, as the token endpoint decides: it runs (1) or is paused (4). */
    public static boolean available(Vm vm) {
        return ConsoleTokenController.hasConsole(vm);
    }
}

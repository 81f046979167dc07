package io.vsip4x.portal.console;

/** What a person may do with a VM's console. */
public enum ConsoleMode {
    /** Keyboard, mouse and clipboard. */
    INTERACTIVE,
    /** Watch the screen only: input is dropped by the tunnel and guacd is told read-only. */
    VIEW_ONLY,
    /** No console. */
    NONE
}

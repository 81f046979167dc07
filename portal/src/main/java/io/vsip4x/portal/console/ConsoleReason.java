package io.vsip4x.portal.console;

import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * Why a console was refused or closed: the word kept in {@code console_session.close_reason},
 * written into the audit log and sent to the page as the message of an {@code error} instruction
 * (the page shows {@code console.reason.<WORD>}), with the Guacamole status that goes with it.
 */
public enum ConsoleReason {

    /** The tunnel was given no token, or one the portal never issued. */
    TOKEN_INVALID(GuacamoleStatus.CLIENT_UNAUTHORIZED),
    /** The token opened a console before. */
    TOKEN_USED(GuacamoleStatus.CLIENT_UNAUTHORIZED),
    /** The token was not used in time. */
    TOKEN_EXPIRED(GuacamoleStatus.CLIENT_UNAUTHORIZED),
    /** The token was issued to another person or to another sign-in of theirs. */
    TOKEN_OTHER_USER(GuacamoleStatus.CLIENT_FORBIDDEN),
    /** The WebSocket came without a signed-in session. */
    NO_SESSION(GuacamoleStatus.CLIENT_UNAUTHORIZED),
    /** The person has as many consoles open as they may. */
    LIMIT_REACHED(GuacamoleStatus.CLIENT_TOO_MANY),
    /** The VM is neither running nor paused, so it has no console. */
    VM_NOT_RUNNING(GuacamoleStatus.UPSTREAM_NOT_FOUND),
    /** guacd (or the platform, for the console's address) could not be reached. */
    GUACD_UNREACHABLE(GuacamoleStatus.UPSTREAM_UNAVAILABLE),
    /** The console's audit event could not be stored, so the console does not open. */
    AUDIT_UNAVAILABLE(GuacamoleStatus.SERVER_BUSY),
    /** The person closed the console. */
    USER_CLOSED(GuacamoleStatus.SUCCESS),
    /** The browser went away without closing the console, or stayed silent too long. */
    BROWSER_DROPPED(GuacamoleStatus.CLIENT_TIMEOUT),
    /** The person signed out. */
    SIGNED_OUT(GuacamoleStatus.SESSION_CLOSED),
    /** The person's session ended (it expired). */
    SESSION_ENDED(GuacamoleStatus.SESSION_TIMEOUT),
    /** The person no longer has this console's right (or has a lesser one now). */
    ACCESS_LOST(GuacamoleStatus.CLIENT_FORBIDDEN),
    /** Someone else took the console over. */
    TAKEN_OVER(GuacamoleStatus.SESSION_CONFLICT),
    /** An admin ended the console. */
    ENDED_BY_ADMIN(GuacamoleStatus.SESSION_CLOSED),
    /** guacd closed the connection. */
    GUACD_CLOSED(GuacamoleStatus.RESOURCE_CLOSED),
    /** guacd sent nothing for too long. */
    GUACD_STALLED(GuacamoleStatus.UPSTREAM_TIMEOUT),
    /** The portal was stopping (consoles closed before issue 11 name it; {@link #NODE_STOPPING} since). */
    PORTAL_STOPPING(GuacamoleStatus.SERVER_BUSY),
    /**
     * The portal node holding the console is stopping or draining: the page connects again, through
     * the proxy to another node (or to this one once it is back).
     */
    NODE_STOPPING(GuacamoleStatus.SERVER_BUSY),
    /** The portal node that held the console stopped without closing it. */
    NODE_LOST(GuacamoleStatus.SERVER_ERROR);

    private final GuacamoleStatus status;

    ConsoleReason(GuacamoleStatus status) {
        this.status = status;
    }

    /** The Guacamole status code sent with the reason (and as the WebSocket's close reason). */
    public int statusCode() {
        return status.getGuacamoleStatusCode();
    }

    /** The WebSocket close code that goes with the status. */
    int webSocketCode() {
        return status.getWebSocketCode();
    }

    /** The reasons another node or a person may ask an open console to end for. */
    static boolean requestable(ConsoleReason reason) {
        return reason == TAKEN_OVER || reason == ENDED_BY_ADMIN || reason == ACCESS_LOST;
    }

    /** The reason of {@code word}, or {@code null} when it names none. */
    static ConsoleReason of(String word) {
        for (ConsoleReason reason : values()) {
            if (reason.name().equals(word)) {
                return reason;
            }
        }
        return null;
    }
}

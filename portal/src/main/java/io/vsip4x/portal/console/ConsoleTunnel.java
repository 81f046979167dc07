package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import org.apache.guacamole.net.GuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleParser;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One browser's tunnel: the WebSocket, who opened it from which HTTP session, and once the token
 * opened it, the guacd connection and the {@code console_session} row. Its state moves one way:
 * waiting for the token, opening, open, closed. Sends to the browser are serialized by the
 * session decorator; state changes by the tunnel's monitor.
 */
final class ConsoleTunnel {

    /** Where the tunnel is in its life. */
    enum State {
        /** Connected; waiting for the {@code auth} instruction. */
        WAITING,
        /** The token was given; checking it and connecting guacd. */
        OPENING,
        /** Relaying between the browser and guacd. */
        OPEN,
        /** Closed; the guacd connection too. */
        CLOSED
    }

    /** What an open console is: fixed when it opens. */
    record Console(long sessionId, String vmId, long tenantId, boolean viewOnly, Instant openedAt,
            GuacamoleSocket guacd, ConsoleRecordings.Recording recording, int retentionDays) {
    }

    private final String id;
    private final WebSocketSession ws;
    private final HttpSession httpSession;
    private final String httpSessionId;
    private final CurrentUser user;
    private final String clientAddress;
    private final long connectedNanos = System.nanoTime();
    private final GuacamoleParser parser = new GuacamoleParser();
    private String unparsed = "";
    private volatile long lastSentNanos = connectedNanos;
    private volatile long lastReceivedNanos = connectedNanos;
    /** When the write to guacd in progress began, or 0 when none is. */
    private volatile long guacdWriteSinceNanos;
    private volatile String vmId;
    private State state = State.WAITING;
    private Console console;
    private volatile GuacamoleSocket pendingGuacd;

    ConsoleTunnel(String id, WebSocketSession ws, HttpSession httpSession, CurrentUser user, String clientAddress) {
        this.id = id;
        this.ws = ws;
        this.httpSession = httpSession;
        this.httpSessionId = httpSession == null ? null : httpSession.getId();
        this.user = user;
        this.clientAddress = clientAddress;
    }

    /** The tunnel's id: the UUID the browser is told, and the correlation id of its audit events. */
    String id() {
        return id;
    }

    WebSocketSession ws() {
        return ws;
    }

    /** The HTTP session the WebSocket came with, or {@code null}. */
    HttpSession httpSession() {
        return httpSession;
    }

    /** The id of that HTTP session as it was at the handshake, or {@code null}. */
    String httpSessionId() {
        return httpSessionId;
    }

    /** The signed-in person at the handshake, or {@code null}. */
    CurrentUser user() {
        return user;
    }

    String clientAddress() {
        return clientAddress;
    }

    /** The VM the token named, once known; {@code null} before. */
    String vmId() {
        return vmId;
    }

    void vmId(String vmId) {
        this.vmId = vmId;
    }

    /** The parser of what the browser sends: one WebSocket message may end inside an instruction. */
    GuacamoleParser parser() {
        return parser;
    }

    /** {@code received} after what the browser's last message left unparsed (the start of an instruction). */
    String unparsed(String received) {
        return unparsed.isEmpty() ? received : unparsed + received;
    }

    /** Keeps the start of an instruction that the browser's next message completes. */
    void keepUnparsed(String rest) {
        this.unparsed = rest;
    }

    synchronized State state() {
        return state;
    }

    /** The open console, or {@code null} before it opened. */
    synchronized Console console() {
        return console;
    }

    /** Moves from waiting to opening; {@code false} when the tunnel was past waiting. */
    synchronized boolean beginOpening() {
        if (state != State.WAITING) {
            return false;
        }
        state = State.OPENING;
        return true;
    }

    /**
     * Keeps the guacd connection being opened, so that a close meanwhile closes it too.
     *
     * @return {@code false} when the tunnel closed already (the caller closes the connection)
     */
    synchronized boolean connecting(GuacamoleSocket guacd) {
        this.pendingGuacd = guacd;
        return state != State.CLOSED;
    }

    /** Opens the console, unless the tunnel closed meanwhile. */
    synchronized boolean open(Console opened, Runnable whileLocked) {
        if (state != State.OPENING) {
            return false;
        }
        whileLocked.run();
        this.console = opened;
        this.state = State.OPEN;
        return true;
    }

    /** Marks the tunnel closed; returns the state it was in (closed already: {@link State#CLOSED}). */
    synchronized State markClosed() {
        State before = state;
        state = State.CLOSED;
        return before;
    }

    /** The guacd connection, open or being opened, or {@code null}. */
    synchronized GuacamoleSocket guacd() {
        return console != null ? console.guacd() : pendingGuacd;
    }

    /**
     * Sends instructions to the browser.
     *
     * @throws IOException when the WebSocket cannot take them (closed, or too slow)
     */
    void send(String instructions) throws IOException {
        try {
            ws.sendMessage(new TextMessage(instructions));
        } catch (SessionLimitExceededException e) {
            // The session decorator's time or buffer limit: a browser this slow counts as dropped.
            throw new IOException("The browser takes the console's instructions too slowly", e);
        }
        lastSentNanos = System.nanoTime();
    }

    /** Notes that the browser sent something. */
    void received() {
        lastReceivedNanos = System.nanoTime();
    }

    long nanosSinceSent(long now) {
        return now - lastSentNanos;
    }

    long nanosSinceReceived(long now) {
        return now - lastReceivedNanos;
    }

    /** Notes that a write to guacd begins ({@code true}) or ended ({@code false}). */
    void writingToGuacd(boolean writing) {
        guacdWriteSinceNanos = writing ? Math.max(1, System.nanoTime()) : 0;
    }

    /** How long the write to guacd in progress has waited, or 0 when none is. */
    long nanosWritingToGuacd(long now) {
        long since = guacdWriteSinceNanos;
        return since == 0 ? 0 : now - since;
    }

    long nanosSinceConnected(long now) {
        return now - connectedNanos;
    }
}

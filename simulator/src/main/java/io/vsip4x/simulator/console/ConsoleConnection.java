package io.vsip4x.simulator.console;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection a guacd client made to a VM's console, as its handshake gave it: the
 * parameters of its {@code connect} instruction without the password (only whether it matched
 * is kept) and the screen size of its {@code size} instruction. Thread-safe.
 */
public final class ConsoleConnection {

    private final String id;
    private final String vmId;
    private final Map<String, String> parameters;
    private final boolean passwordMatched;
    private final int width;
    private final int height;
    private final Instant openedAt;
    private volatile boolean open = true;

    ConsoleConnection(String id, String vmId, Map<String, String> handshake, boolean passwordMatched, int width,
            int height) {
        this.id = id;
        this.vmId = vmId;
        Map<String, String> kept = new LinkedHashMap<>(handshake);
        kept.remove(GuacdHandshake.PASSWORD);
        this.parameters = Collections.unmodifiableMap(kept);
        this.passwordMatched = passwordMatched;
        this.width = width;
        this.height = height;
        this.openedAt = Instant.now();
    }

    /** The connection id the simulator answered with {@code ready} (starting with {@code $}). */
    public String id() {
        return id;
    }

    /** The VM whose console the handshake named. */
    public String vmId() {
        return vmId;
    }

    /**
     * The handshake's parameters by name, in the order of the {@code args} the simulator sent,
     * an empty string for one the client left blank; without {@code password}.
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Whether the handshake's password was the VM's VNC password. */
    public boolean passwordMatched() {
        return passwordMatched;
    }

    /** Whether the handshake asked for a view-only connection ({@code read-only} = {@code true}). */
    public boolean readOnly() {
        return "true".equals(parameters.get("read-only"));
    }

    /** Whether the connection is still open. */
    public boolean open() {
        return open;
    }

    /** The screen width the client asked for in its {@code size} instruction, 0 when it sent none. */
    public int width() {
        return width;
    }

    /** The screen height the client asked for in its {@code size} instruction, 0 when it sent none. */
    public int height() {
        return height;
    }

    /** When the handshake finished. */
    public Instant openedAt() {
        return openedAt;
    }

    void closed() {
        open = false;
    }

    @Override
    public String toString() {
        return "ConsoleConnection[" + id + ", vm=" + vmId + ", passwordMatched=" + passwordMatched
                + ", readOnly=" + readOnly() + ", open=" + open + "]";
    }
}

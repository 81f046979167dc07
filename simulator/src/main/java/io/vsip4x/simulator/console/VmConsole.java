package io.vsip4x.simulator.console;

import io.vsip4x.simulator.console.GuestTerminal.Mode;
import io.vsip4x.simulator.state.Vm;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * The console of one VM: its screen, shared by every connection to it as in VNC's shared mode,
 * and what its clients sent (keys, clipboard), kept for tests. Thread-safe: every change and
 * the instructions it sends happen under this object's monitor, so that all connections see the
 * same frames in the same order.
 */
final class VmConsole {

    private static final int RUNNING_COLOUR = 0xC8D0D8;
    private static final int PAUSED_COLOUR = 0xF0C040;
    private static final int OFF_COLOUR = 0x909090;

    private final String vmId;
    private final GuestTerminal terminal;
    private final ScreenPainter painter = new ScreenPainter();
    private final Stall stall = new Stall();
    private final List<GuacdSession> sessions = new ArrayList<>();
    private final List<ConsoleConnection> connections = new ArrayList<>();
    private final List<Integer> keysPressed = new ArrayList<>();
    private final StringBuilder typed = new StringBuilder();
    private String clipboard;

    /** The console of {@code vm}, showing the screen of its current status. */
    VmConsole(Vm vm) {
        this.vmId = vm.vmId();
        String name = vm.vmName() == null || vm.vmName().isBlank() ? vm.vmId() : vm.vmName();
        this.terminal = new GuestTerminal(vm.vmId(), name);
        follow(Optional.of(vm));
    }

    /** The screen a VM shows: none stopped or gone, the paused screen, else the terminal. */
    static Mode modeOf(Optional<Vm> vm) {
        if (vm.isEmpty() || vm.get().status() == 0) {
            return Mode.POWERED_OFF;
        }
        return vm.get().status() == 4 ? Mode.PAUSED : Mode.RUNNING;
    }

    /** The switch that stalls this console's connections. */
    Stall stall() {
        return stall;
    }

    /**
     * Shows the screen of the VM's current state: a resumed VM shows its terminal again, a VM
     * that starts again boots afresh; when it stopped, every connection sees the powered-off
     * screen, then an error (519), and is closed.
     */
    synchronized void follow(Optional<Vm> vm) {
        Mode mode = modeOf(vm);
        if (mode == terminal.mode()) {
            redraw();
            return;
        }
        if (mode == Mode.RUNNING && terminal.mode() == Mode.POWERED_OFF) {
            terminal.boot();
        }
        terminal.show(mode);
        redraw();
        if (mode == Mode.POWERED_OFF) {
            for (GuacdSession session : List.copyOf(sessions)) {
                session.fail("VM stopped", GuacamoleStatus.UPSTREAM_NOT_FOUND);
            }
        }
    }

    /** Keeps {@code connection} in this console's history. */
    synchronized void record(ConsoleConnection connection) {
        connections.add(connection);
    }

    /** Adds a connection and sends it the whole screen. */
    synchronized void join(GuacdSession session) {
        sessions.add(session);
        session.outbox().send(Frames.size(ScreenPainter.WIDTH, ScreenPainter.HEIGHT));
        session.outbox().send(Frames.image(painter.png(0, TextScreen.ROWS - 1), 0, 0));
    }

    /** Removes a connection. */
    synchronized void leave(GuacdSession session) {
        sessions.remove(session);
    }

    /** A key pressed ({@code pressed}) or released; only a running VM takes keys. */
    synchronized void key(int keysym, boolean pressed) {
        if (!pressed || terminal.mode() != Mode.RUNNING) {
            return;
        }
        keysPressed.add(keysym);
        int codePoint = Keysyms.codePoint(keysym);
        if (Keysyms.isReturn(keysym)) {
            typed.append('\n');
            terminal.enter();
        } else if (keysym == Keysyms.BACKSPACE) {
            if (typed.length() > 0) {
                typed.setLength(typed.offsetByCodePoints(typed.length(), -1));
            }
            terminal.backspace();
        } else if (codePoint >= 0) {
            typed.appendCodePoint(codePoint);
            terminal.type(codePoint);
        } else {
            return;
        }
        redraw();
    }

    /** Text a client put on the clipboard: kept, and sent to every connection. */
    synchronized void clipboard(String text) {
        clipboard = text;
        for (GuacdSession session : List.copyOf(sessions)) {
            session.clipboard(text);
        }
    }

    synchronized List<ConsoleConnection> connections() {
        return List.copyOf(connections);
    }

    synchronized int openConnections() {
        return (int) connections.stream().filter(ConsoleConnection::open).count();
    }

    synchronized List<Integer> keysPressed() {
        return List.copyOf(keysPressed);
    }

    synchronized String typed() {
        return typed.toString();
    }

    synchronized String screenText() {
        return terminal.screen().text();
    }

    synchronized Optional<String> clipboard() {
        return Optional.ofNullable(clipboard);
    }

    synchronized BufferedImage screen() {
        return painter.copy();
    }

    /** The console's VM. */
    String vmId() {
        return vmId;
    }

    /** Paints what changed and sends it to every connection. */
    private void redraw() {
        Mode mode = terminal.mode();
        int colour = mode == Mode.RUNNING ? RUNNING_COLOUR : mode == Mode.PAUSED ? PAUSED_COLOUR : OFF_COLOUR;
        int[] rows = painter.paint(terminal.screen(), colour, mode == Mode.RUNNING);
        if (rows == null || sessions.isEmpty()) {
            return;
        }
        List<String> frame = Frames.image(painter.png(rows[0], rows[1]), 0, rows[0] * ScreenPainter.CELL_HEIGHT);
        // A copy: a client too far behind is closed, and leaves, while this loops.
        for (GuacdSession session : List.copyOf(sessions)) {
            session.outbox().send(frame);
        }
    }
}

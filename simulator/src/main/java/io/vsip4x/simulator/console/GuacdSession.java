package io.vsip4x.simulator.console;

import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.state.Vm;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served as guacd serves a VNC connection: the handshake, then the VM's
 * shared screen, its keys and its clipboard. Its thread reads; its {@link Outbox} writes.
 */
final class GuacdSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(GuacdSession.class);
    private static final int MAX_CLIPBOARD_BYTES = 256 * 1024;
    /** How long a client may take over its handshake, as guacd allows. */
    private static final int HANDSHAKE_MILLIS = 15_000;

    private final Socket socket;
    private final SimulatedConsoles consoles;
    private final Consumer<GuacdSession> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InstructionReader reader;
    private final Outbox outbox;
    private final String id = "$" + UUID.randomUUID();
    private final Map<String, ByteArrayOutputStream> clipboards = new HashMap<>();
    private final Queue<GuacamoleInstruction> pending = new ArrayDeque<>();
    private volatile VmConsole console;
    private volatile ConsoleConnection connection;

    /**
     * @param onClose called once when the connection closes
     * @throws IOException when the socket's streams cannot be opened
     */
    GuacdSession(Socket socket, SimulatedConsoles consoles, Consumer<GuacdSession> onClose) throws IOException {
        this.socket = socket;
        this.consoles = consoles;
        this.onClose = onClose;
        this.reader = new InstructionReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.outbox = new Outbox(new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(),
                StandardCharsets.UTF_8)), closed::get, this::close);
    }

    /** What this connection still has to send. */
    Outbox outbox() {
        return outbox;
    }

    /** The console it shows, or {@code null} before the handshake succeeded. */
    VmConsole console() {
        return console;
    }

    /** Whether it is a view-only connection. */
    boolean readOnly() {
        return connection != null && connection.readOnly();
    }

    /** Sends {@code text} as the clipboard, unless the handshake disabled copying. */
    void clipboard(String text) {
        if (!"true".equals(connection.parameters().get(GuacdHandshake.DISABLE_COPY))) {
            outbox.send(Frames.clipboard(text));
        }
    }

    /** Sends an error and closes once it is sent. */
    void fail(String message, GuacamoleStatus status) {
        outbox.send(Frames.error(message, status));
        outbox.finish();
    }

    @Override
    public void run() {
        boolean joined = false;
        try {
            joined = handshake();
            if (joined) {
                serve();
            }
        } catch (IOException | GuacamoleException e) {
            log.debug("Console connection {} ended: {}", id, e.toString());
        } finally {
            // A refused handshake closes once its error is sent.
            if (joined) {
                close();
            } else {
                outbox.finish();
            }
        }
    }

    /** Closes the socket and leaves the console; does nothing the second time. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing console connection {} failed", id, e);
        }
        outbox.finish();
        if (connection != null) {
            connection.closed();
        }
        if (console != null) {
            console.leave(this);
        }
        onClose.accept(this);
    }

    /**
     * Answers {@code select} with {@code args}, reads up to {@code connect}, answers {@code ready}
     * and joins the console the parameters name; else sends an error and has the outbox close.
     *
     * @return whether the console was joined
     */
    private boolean handshake() throws IOException, GuacamoleException {
        socket.setSoTimeout(HANDSHAKE_MILLIS);
        GuacamoleInstruction select = reader.read();
        if (select == null) {
            return false;
        }
        if (!"select".equals(select.getOpcode()) || select.getArgs().isEmpty()) {
            fail("Expected \"select\"", GuacamoleStatus.CLIENT_BAD_REQUEST);
            return false;
        }
        if (!GuacdHandshake.PROTOCOL.equals(select.getArgs().get(0))) {
            fail("Only VNC connections are offered", GuacamoleStatus.UNSUPPORTED);
            return false;
        }
        outbox.send(Frames.instruction("args", GuacdHandshake.args()));
        int[] size = {0, 0};
        GuacamoleInstruction next = reader.read();
        while (next != null && !"connect".equals(next.getOpcode())) {
            if ("size".equals(next.getOpcode()) && next.getArgs().size() >= 2) {
                size[0] = number(next.getArgs().get(0));
                size[1] = number(next.getArgs().get(1));
            }
            next = reader.read();
        }
        if (next == null) {
            return false;
        }
        Map<String, String> parameters = GuacdHandshake.parameters(next.getArgs());
        outbox.send(Frames.instruction("ready", id));
        socket.setSoTimeout(0);
        return join(parameters, size[0], size[1]);
    }

    private boolean join(Map<String, String> parameters, int width, int height) {
        String host = parameters.get(GuacdHandshake.HOSTNAME);
        Optional<Vm> vm = consoles.vmAt(host, number(parameters.get(GuacdHandshake.PORT)));
        if (vm.isEmpty()) {
            log.info("No VM console at '{}' port '{}'", Logs.safe(host), Logs.safe(parameters.get("port")));
            fail("Unable to connect to VNC server.", GuacamoleStatus.UPSTREAM_NOT_FOUND);
            return false;
        }
        VmConsole target = consoles.console(vm.get());
        boolean matched = matches(parameters.get(GuacdHandshake.PASSWORD), vm.get().vncPassword());
        connection = new ConsoleConnection(id, vm.get().vmId(), parameters, matched, width, height);
        target.record(connection);
        if (!matched) {
            log.info("Console connection {} to VM '{}' gave a wrong password", id, vm.get().vmId());
            connection.closed();
            fail("Authentication failed", GuacamoleStatus.CLIENT_UNAUTHORIZED);
            return false;
        }
        console = target;
        outbox.stallWith(target.stall());
        target.join(this);
        log.debug("Console connection {} joined VM '{}'", id, vm.get().vmId());
        return true;
    }

    /**
     * Reads instructions until the client leaves. While the console stalls they wait, unread as
     * far as the console can tell, but the client closing is still noticed.
     */
    private void serve() throws IOException, GuacamoleException {
        while (!closed.get()) {
            GuacamoleInstruction in = reader.read();
            if (in == null) {
                return;
            }
            synchronized (this) {
                pending.add(in);
            }
            drain();
        }
    }

    /** Acts on the instructions read, unless the console stalls; the server calls it too. */
    synchronized void drain() {
        VmConsole target = console;
        if (target == null || target.stall().stalled()) {
            return;
        }
        GuacamoleInstruction in = pending.poll();
        while (in != null && !closed.get()) {
            List<String> args = in.getArgs();
            switch (in.getOpcode()) {
                case "key" -> key(args);
                case "clipboard" -> openClipboard(args);
                case "blob" -> blob(args);
                case "end" -> endClipboard(args);
                case "disconnect" -> close();
                default -> log.trace("Ignored instruction '{}'", Logs.safe(in.getOpcode()));
            }
            in = pending.poll();
        }
    }

    private void key(List<String> args) {
        if (args.size() >= 2 && !readOnly()) {
            console.key(number(args.get(0)), "1".equals(args.get(1)));
        }
    }

    private void openClipboard(List<String> args) {
        if (args.isEmpty()) {
            return;
        }
        boolean pasteOff = "true".equals(connection.parameters().get(GuacdHandshake.DISABLE_PASTE));
        boolean text = args.size() >= 2 && args.get(1).startsWith("text/plain");
        if (readOnly() || pasteOff || !text) {
            outbox.send(Frames.ackUnsupported(args.get(0)));
            return;
        }
        clipboards.put(args.get(0), new ByteArrayOutputStream());
    }

    private void blob(List<String> args) {
        if (args.size() < 2) {
            return;
        }
        ByteArrayOutputStream data = clipboards.get(args.get(0));
        if (data == null) {
            outbox.send(Frames.ackUnsupported(args.get(0)));
            return;
        }
        try {
            byte[] chunk = Base64.getDecoder().decode(args.get(1));
            if (data.size() + chunk.length <= MAX_CLIPBOARD_BYTES) {
                data.writeBytes(chunk);
            }
        } catch (IllegalArgumentException e) {
            log.debug("Console connection {} sent a blob that is not Base64", id);
        }
        outbox.send(Frames.ackOk(args.get(0)));
    }

    private void endClipboard(List<String> args) {
        ByteArrayOutputStream data = args.isEmpty() ? null : clipboards.remove(args.get(0));
        if (data != null) {
            console.clipboard(data.toString(StandardCharsets.UTF_8));
        }
    }

    private static boolean matches(String given, String expected) {
        byte[] a = (given == null ? "" : given).getBytes(StandardCharsets.UTF_8);
        byte[] b = (expected == null ? "" : expected).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    private static int number(String text) {
        try {
            return text == null ? -1 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

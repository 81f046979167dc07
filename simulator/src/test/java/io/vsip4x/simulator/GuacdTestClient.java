package io.vsip4x.simulator;

import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.simulator.console.InstructionReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.protocol.GuacamoleInstruction;

/**
 * A guacd client on a raw socket, as the portal's tunnel and guacamole-common-js speak to guacd:
 * instructions encoded by guacamole-common and parsed by the simulator's own
 * {@link InstructionReader} (lengths in code points).
 */
final class GuacdTestClient implements AutoCloseable {

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final Writer out;
    private final InstructionReader reader;
    private List<String> argNames = List.of();

    GuacdTestClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            reader = new InstructionReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client that completed the handshake for {@code info}'s console, read-only or not. */
    static GuacdTestClient connected(Vsip4xSimulator simulator, RemoteControlInfo info, boolean readOnly) {
        GuacdTestClient client = new GuacdTestClient(simulator.guacdPort());
        client.handshake(info.vncIpAddress(), Integer.toString(info.vncPort()), info.password(), readOnly);
        return client;
    }

    /** Sends one instruction. */
    void send(String opcode, String... args) {
        sendRaw(new GuacamoleInstruction(opcode, args).toString());
    }

    /** Sends text as it is. */
    void sendRaw(String text) {
        try {
            out.write(text);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of the server's {@code args}: the version, then the parameter names. */
    List<String> argNames() {
        return argNames;
    }

    /**
     * Runs the handshake up to {@code ready} and returns the connection id it gave; the values
     * follow the names the server sent.
     */
    String handshake(String hostname, String port, String password, boolean readOnly) {
        send("select", "vnc");
        GuacamoleInstruction args = next();
        if (!"args".equals(args.getOpcode())) {
            throw new AssertionError("Expected args, got " + args);
        }
        argNames = args.getArgs();
        send("size", Integer.toString(WIDTH), Integer.toString(HEIGHT), "96");
        send("audio");
        send("video");
        send("image", "image/png", "image/jpeg");
        send("timezone", "Asia/Shanghai");
        List<String> values = new ArrayList<>();
        values.add(argNames.get(0));
        for (String name : argNames.subList(1, argNames.size())) {
            values.add(switch (name) {
                case "hostname" -> hostname;
                case "port" -> port;
                case "password" -> password;
                case "read-only" -> readOnly ? "true" : "";
                case "clipboard-encoding" -> "UTF-8";
                default -> "";
            });
        }
        send("connect", values.toArray(String[]::new));
        return await("ready").getArgs().get(0);
    }

    /** Presses and releases the key of each character of {@code text}; {@code \n} is Return. */
    void type(String text) {
        text.codePoints().forEach(c -> key(c == '\n' ? 0xff0d : c <= 0xff ? c : 0x1000000 + c));
    }

    /** Presses and releases {@code keysym}. */
    void key(int keysym) {
        send("key", Integer.toString(keysym), "1");
        send("key", Integer.toString(keysym), "0");
    }

    /** Puts {@code text} on the VM's clipboard as guacamole-common-js does. */
    void sendClipboard(String stream, String text) {
        send("clipboard", stream, "text/plain");
        send("blob", stream, Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        send("end", stream);
    }

    /** Reads up to the next clipboard stream and returns its text. */
    String awaitClipboard() {
        return new String(awaitStream("clipboard"), StandardCharsets.UTF_8);
    }

    /** Reads up to the next {@code img}, and returns the PNG of its blobs. */
    byte[] awaitImage() {
        return awaitStream("img");
    }

    /** Reads up to the next stream {@code opcode} opens, and returns its blobs' data. */
    private byte[] awaitStream(String opcode) {
        String stream = await(opcode).getArgs().get(0);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            GuacamoleInstruction next = next();
            if ("blob".equals(next.getOpcode()) && next.getArgs().get(0).equals(stream)) {
                data.writeBytes(Base64.getDecoder().decode(next.getArgs().get(1)));
            } else if ("end".equals(next.getOpcode()) && next.getArgs().get(0).equals(stream)) {
                return data.toByteArray();
            }
        }
    }

    /** Reads up to the next instruction with {@code opcode}; fails at the end of the stream. */
    GuacamoleInstruction await(String opcode) {
        while (true) {
            GuacamoleInstruction next = next();
            if (next == null) {
                throw new AssertionError("The server closed before sending " + opcode);
            }
            if (next.getOpcode().equals(opcode)) {
                return next;
            }
        }
    }

    /**
     * Reads until the server closes (an end of stream or a reset); fails when it does not within
     * the read time-out.
     */
    void awaitClosed() {
        try {
            while (next() != null) {
                // Skips what the server still sends before closing.
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw new AssertionError("The server did not close the connection", e);
            }
        }
    }

    /**
     * The next instruction within {@code timeout}, or {@code null} when none came: for checking
     * that the server is silent.
     */
    GuacamoleInstruction within(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            return next();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The next instruction, or {@code null} at the end of the stream. */
    GuacamoleInstruction next() {
        try {
            return reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GuacamoleException e) {
            throw new AssertionError("The server broke the protocol", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.vsip4x.portal.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.GuacamoleUpstreamUnavailableException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.io.GuacamoleWriter;
import org.apache.guacamole.io.WriterGuacamoleWriter;
import org.apache.guacamole.net.GuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection to guacd whose reader counts code points ({@link GuacdReader}) and whose reads
 * give up after guacd was silent for the given time. Writes are serialized.
 */
final class GuacdSocket implements GuacamoleSocket {

    private static final int CONNECT_TIMEOUT_MS = 5000;

    private static final Logger log = LoggerFactory.getLogger(GuacdSocket.class);

    private final Socket socket;
    private final GuacamoleReader reader;
    private final GuacamoleWriter writer;

    private GuacdSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new GuacdReader(new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 8192));
        WriterGuacamoleWriter plain = new WriterGuacamoleWriter(
                new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        this.writer = new SerializedWriter(plain);
    }

    /**
     * Connects to guacd at {@code host}:{@code port}.
     *
     * @param silence how long a read waits for guacd before it fails
     * @throws GuacamoleUpstreamUnavailableException when guacd cannot be reached
     */
    static GuacdSocket connect(String host, int port, Duration silence) throws GuacamoleException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, silence.toMillis()));
            socket.setTcpNoDelay(true);
            return new GuacdSocket(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new GuacamoleUpstreamUnavailableException("guacd at " + host + ":" + port + " cannot be reached", e);
        }
    }

    @Override
    public GuacamoleReader getReader() {
        return reader;
    }

    @Override
    public GuacamoleWriter getWriter() {
        return writer;
    }

    @Override
    public void close() throws GuacamoleException {
        try {
            socket.close();
        } catch (IOException e) {
            throw new GuacamoleServerException("guacd's connection did not close cleanly", e);
        }
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    /** Closes a guacd connection, if there is one; one that does not close cleanly is gone all the same. */
    static void closeQuietly(GuacamoleSocket guacd) {
        if (guacd == null) {
            return;
        }
        try {
            guacd.close();
        } catch (GuacamoleException e) {
            log.debug("guacd's connection did not close cleanly: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Never connected: nothing is left open.
        }
    }

    /** One instruction at a time, whichever thread writes it. */
    private record SerializedWriter(GuacamoleWriter delegate) implements GuacamoleWriter {

        @Override
        public synchronized void write(char[] chunk, int offset, int length) throws GuacamoleException {
            delegate.write(chunk, offset, length);
        }

        @Override
        public synchronized void write(char[] chunk) throws GuacamoleException {
            delegate.write(chunk);
        }

        @Override
        public synchronized void writeInstruction(GuacamoleInstruction instruction) throws GuacamoleException {
            delegate.writeInstruction(instruction);
        }
    }
}

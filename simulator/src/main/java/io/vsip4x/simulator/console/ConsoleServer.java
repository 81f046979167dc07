package io.vsip4x.simulator.console;

import io.vsip4x.simulator.Binds;
import io.vsip4x.simulator.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's guacd: a TCP server speaking the Guacamole protocol for the VMs' consoles, a
 * thread per connection (at most {@value #MAX_CONNECTIONS}). It never connects anywhere: the VNC
 * address a client names only selects a simulated VM. Every {@value #WATCH_MILLIS} ms it makes
 * the consoles follow their VMs' states, acts on what clients sent while their console stalled,
 * and sends {@code nop} on a connection that sent nothing for two seconds. Thread-safe; can be
 * started again after {@link #stop()}.
 */
public final class ConsoleServer {

    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    private static final int MAX_CONNECTIONS = 64;
    private static final int BACKLOG = 50;
    private static final long WATCH_MILLIS = 500;
    private static final long NOP_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String bindAddress;
    private final SimulatedConsoles consoles;
    private final Set<GuacdSession> sessions = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private ExecutorService connectionThreads;
    private ScheduledExecutorService watchThread;
    private int boundPort = -1;

    /** A stopped server that will listen on {@code bindAddress} for {@code consoles}. */
    public ConsoleServer(String bindAddress, SimulatedConsoles consoles) {
        this.bindAddress = bindAddress;
        this.consoles = consoles;
    }

    /**
     * Listens on {@code port} (0 for a free one); does nothing when listening already.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized void start(int port) {
        if (server != null) {
            return;
        }
        ServerSocket socket = Binds.bind(boundPort > 0 && port == boundPort,
                "Cannot listen for guacd clients on " + bindAddress + ":" + port, () -> listen(port));
        server = socket;
        boundPort = socket.getLocalPort();
        connectionThreads = Executors.newCachedThreadPool(Threads.daemons("vsip4x-sim-guacd-"));
        watchThread = Executors.newSingleThreadScheduledExecutor(Threads.daemons("vsip4x-sim-guacd-watch-"));
        watchThread.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        ExecutorService threads = connectionThreads;
        Threads.daemons("vsip4x-sim-guacd-accept-").newThread(() -> accept(socket, threads)).start();
        log.info("Simulated guacd listening on {}:{}", bindAddress, boundPort);
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), BACKLOG);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Stops listening and closes every connection. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log.debug("Closing the guacd port failed", e);
        }
        server = null;
        List.copyOf(sessions).forEach(GuacdSession::close);
        Threads.stop(connectionThreads, watchThread);
        log.info("Simulated guacd on port {} stopped", boundPort);
    }

    /** Whether it listens. */
    public synchronized boolean running() {
        return server != null;
    }

    /** The port bound by the last start, or -1 before the first. */
    public synchronized int port() {
        return boundPort;
    }

    /** The consoles it shows. */
    public SimulatedConsoles consoles() {
        return consoles;
    }

    private void accept(ServerSocket socket, ExecutorService threads) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                log.debug("The guacd port stopped accepting: {}", e.toString());
                return;
            }
            serve(client, threads);
        }
    }

    private void serve(Socket client, ExecutorService threads) {
        try {
            client.setTcpNoDelay(true);
            if (sessions.size() >= MAX_CONNECTIONS) {
                refuse(client);
                return;
            }
            GuacdSession session = new GuacdSession(client, consoles, sessions::remove);
            sessions.add(session);
            try {
                threads.execute(session.outbox());
                threads.execute(session);
            } catch (RejectedExecutionException e) {
                // Stopped meanwhile: closing leaves no session behind to count against the limit.
                log.debug("Could not serve a guacd client: {}", e.toString());
                session.close();
            }
        } catch (IOException e) {
            log.debug("Could not serve a guacd client: {}", e.toString());
            closeQuietly(client);
        }
    }

    private void refuse(Socket client) throws IOException {
        log.info("Refused a guacd client: {} connections are open", MAX_CONNECTIONS);
        try (client; OutputStream out = client.getOutputStream()) {
            out.write(Frames.error("Too many connections", GuacamoleStatus.CLIENT_TOO_MANY)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private void watch() {
        try {
            consoles.follow();
            long now = System.nanoTime();
            for (GuacdSession session : sessions) {
                session.drain();
                VmConsole console = session.console();
                if (console != null && !console.stall().stalled() && now - session.outbox().lastSent() >= NOP_NANOS) {
                    session.outbox().send(Frames.nop());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Watching the simulated consoles failed", e);
        }
    }

    private static void closeQuietly(Socket client) {
        try {
            client.close();
        } catch (IOException e) {
            log.debug("Closing a guacd client failed", e);
        }
    }
}

package io.vsip4x.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A portal on the embedded default, started by the benchmark as a process of its own: its data in
 * a scratch folder, its HTTP server, MariaDB and simulator on loopback ports the benchmark chose,
 * the simulator's delays at zero. {@link #close()} stops it, and whatever it started, every time.
 */
final class PortalProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;
    private final int dbPort;
    private final int simulatorPort;

    private PortalProcess(Process process, Path log, int port, int dbPort, int simulatorPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.dbPort = dbPort;
        this.simulatorPort = simulatorPort;
    }

    /**
     * Starts the portal and returns once it answers its sign-in page.
     *
     * @param requestedPort its HTTP port, 0 for a free one
     * @throws IllegalStateException when a port is taken, the jar is missing, or it does not come up
     */
    static PortalProcess start(Path jar, Path scratch, int requestedPort) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No portal jar at " + jar.toAbsolutePath() + ": build it first with "
                    + "./mvnw -q -DskipTests package (run the benchmark from the repository's root)");
        }
        int port = Ports.check(requestedPort, "the portal's HTTP port");
        int dbPort = Ports.check(Ports.free(), "the embedded MariaDB");
        int simulatorPort = Ports.check(Ports.free(), "the embedded simulator");
        Path log = scratch.resolve("portal.log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--portal.data-dir=" + scratch.resolve("data"),
                "--portal.database.embedded.port=" + dbPort,
                "--portal.platform.embedded-simulator=true",
                "--portal.platform.simulator.port=" + simulatorPort,
                "--portal.platform.simulator.create-delay=0ms",
                "--portal.platform.simulator.power-delay=0ms",
                // The benchmark's seeded VMs exist in the database only: the periodic repairs (which
                // would find them gone from the platform) and their monitoring are not measured.
                "--portal.platform.reconcile-interval=1h",
                "--portal.platform.inventory-interval=1h",
                "--portal.monitoring.enabled=false",
                "--portal.mail.enabled=false"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        PortalProcess portal = new PortalProcess(process, log, port, dbPort, simulatorPort);
        Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "bench-stop-portal"));
        try {
            portal.awaitUp();
        } catch (RuntimeException | InterruptedException e) {
            portal.close();
            throw e;
        }
        return portal;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitUp() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest login = HttpRequest.newBuilder(url().resolve("/login")).timeout(Duration.ofSeconds(5)).build();
        boolean up = Poll.until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The portal stopped during its start (exit " + process.exitValue()
                        + "); the end of its log " + log + ":\n" + tail(40));
            }
            try {
                return http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, START_TIMEOUT, Duration.ofMillis(200));
        if (Thread.interrupted()) {
            throw new InterruptedException("Interrupted while the portal started");
        }
        if (!up) {
            throw new IllegalStateException("The portal did not answer within " + START_TIMEOUT.toSeconds()
                    + " s; the end of its log " + log + ":\n" + tail(40));
        }
    }

    /** The last {@code lines} lines of the portal's log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(the log cannot be read: " + e.getMessage() + ")";
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The embedded MariaDB's JDBC URL of the portal's schema (root without password, loopback only). */
    String jdbcUrl(String schema) {
        return "jdbc:mariadb://127.0.0.1:" + dbPort + "/" + schema;
    }

    /** The simulator's REST base URL. */
    URI simulatorUrl() {
        return URI.create("http://127.0.0.1:" + simulatorPort + "/vsip4xservice/services/restService");
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /**
     * Stops the portal as Ctrl-C would (it then stops its MariaDB); one that does not stop within a
     * minute is killed with the processes it started.
     */
    @Override
    public synchronized void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                Benchmark.LOG.warn("The portal did not stop within {} s; killing it", STOP_GRACE.toSeconds());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}

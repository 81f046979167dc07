package io.vsip4x.cluster;

import io.vsip4x.bench.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One portal node: {@code java -jar portal/target/vsip4x-portal.jar --spring.profiles.active=production}
 * as a process of its own (the JVM itself, no shell in between, so that {@link #kill()} is a SIGKILL
 * of the portal), its secrets in its environment, its log in its folder. A node can be killed and
 * started again with the same settings; the log continues.
 */
public final class PortalNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortalNode.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final int port;
    private final Path dir;
    private final List<String> command;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private Process process;

    PortalNode(String name, int port, Path dir, List<String> command, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
    }

    /** Starts the process and waits until the node is ready. */
    void start() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(log(), "---- " + name + " started by the harness ----\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        awaitReady();
    }

    /** Waits for {@code GET /actuator/health/readiness} to answer 200. */
    private void awaitReady() {
        boolean up = Poll.until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Portal node " + name + " stopped during its start (exit "
                        + process.exitValue() + "); the end of its log " + log() + ":\n"
                        + Processes.tail(log(), 60));
            }
            return ready();
        }, START_TIMEOUT, Duration.ofMillis(250));
        if (!up) {
            throw new IllegalStateException("Portal node " + name + " was not ready within "
                    + START_TIMEOUT.toSeconds() + " s; the end of its log " + log() + ":\n"
                    + Processes.tail(log(), 60));
        }
        log.info("Portal node {} ready at {} (pid {})", name, url(), process.pid());
    }

    /** Whether the node's readiness probe answers 200 now. */
    public boolean ready() {
        return readiness() == 200;
    }

    /** The status of the node's readiness probe now; 0 when it does not answer at all. */
    public int readiness() {
        try {
            return get("/actuator/health/readiness");
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The status {@code GET path} answers on this node. */
    public int get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        log.info("Killing portal node {} (pid {}) with SIGKILL", name, process.pid());
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Stops the JVM as systemd does (SIGTERM: Spring's graceful shutdown) without waiting for it;
     * {@link #awaitExit(Duration)} waits.
     */
    public void terminate() {
        log.info("Stopping portal node {} (pid {}) with SIGTERM", name, process.pid());
        process.destroy();
    }

    /** Waits up to {@code patience} for the process to end; answers whether it did. */
    public boolean awaitExit(Duration patience) throws InterruptedException {
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Freezes the JVM (SIGSTOP) until {@link #resume()}: it claims nothing, answers nothing and its
     * heartbeat stops, as a node stalled by its host would; for a test that needs the other node to
     * claim some work first.
     */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} JVM run again (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " of portal node " + name + " failed");
        }
    }

    /** Starts the node again after {@link #kill()} or {@link #close()}. */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Portal node " + name + " is still running");
        }
        start();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The node's own base URL, past nginx. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return dir.resolve("portal.log");
    }

    /** Stops the node as systemd would (SIGTERM, graceful), killing it after a minute. */
    @Override
    public void close() {
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(60));
        }
    }

    /** A node's command line: the same Java with {@code jvm} options, the production profile, the settings. */
    static List<String> command(Path jar, List<String> jvm, List<String> settings) {
        List<String> command = new ArrayList<>(List.of(Processes.java()));
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--spring.profiles.active=production"));
        command.addAll(settings);
        return command;
    }
}

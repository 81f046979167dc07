package io.vsip4x.cluster;

import io.vsip4x.bench.Poll;
import io.vsip4x.bench.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The standalone simulator ({@code simulator/target/vsip4x-simulator.jar}) as a process on loopback,
 * its password and callback secret passed in its environment; its admin endpoints (faults, the calls
 * received) reached over HTTP.
 */
public final class SimulatorProcess implements AutoCloseable {

    static final String ACCOUNT = "portal";
    private static final String BASE_PATH = "/vsip4xservice/services/restService";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SimulatorProcess(Process process, Path log, int port, String password) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts the simulator with the demo inventory on hosts scaled by {@code hostScale}, its simulated
     * guacd on {@code guacdPort}, events going to {@code callbackUrl} unless a call names another.
     */
    static SimulatorProcess start(Path jar, Path dir, String password, String callbackSecret, String callbackUrl,
            int guacdPort, int hostScale, List<String> extra) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No simulator jar at " + jar.toAbsolutePath() + ": build it first "
                    + "(./mvnw -q -DskipTests package)");
        }
        int port = Ports.free();
        Path log = dir.resolve("simulator.log");
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                jar.toAbsolutePath().toString(), "--port=" + port, "--guacd-port=" + guacdPort,
                "--callback-url=" + callbackUrl, "--host-scale=" + hostScale));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("VSIP4X_SIM_PASSWORD", password);
        builder.environment().put("VSIP4X_SIM_CALLBACK_SECRET", callbackSecret);
        SimulatorProcess simulator = new SimulatorProcess(builder.start(), log, port, password);
        boolean up = Poll.until(() -> !simulator.process.isAlive() || Processes.listening(port), START_TIMEOUT,
                Duration.ofMillis(100));
        if (!up || !simulator.process.isAlive()) {
            simulator.close();
            throw new IllegalStateException("The simulator did not start:\n" + Processes.tail(log, 30));
        }
        return simulator;
    }

    /** The REST base URL the portal's {@code portal.platform.url} names. */
    public String url() {
        return "http://127.0.0.1:" + port + BASE_PATH;
    }

    /** Calls an admin endpoint ({@code /admin/faults}, {@code /admin/calls}) and answers its body. */
    public String admin(String verb, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic())
                .header("Content-Type", "application/json")
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(verb + " " + path + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    /** Calls SDK method {@code method} with {@code argsJson} (a JSON array) and answers the raw JSON. */
    public String call(String method, String argsJson) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/" + method))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":" + argsJson + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(method + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}

package io.vsip4x.cluster;

import io.vsip4x.bench.Poll;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone simulator ({@code simulator/target/vsip4x-simulator.jar}) as a process on loopback,
 * its password and callback secret passed in its environment; its admin endpoints (faults, the calls
 * received) reached over HTTP.
 */
public final class SimulatorProcess implements AutoCloseable {

    static final String ACCOUNT = "portal";
    private static final String BASE_PATH = "/vsip4xservice/services/restService";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern HTTP_READY = Pattern.compile(
            "^Vsip4x simulator listening on http://127\\.0\\.0\\.1:(\\d+)/", Pattern.MULTILINE);
    private static final Pattern GUACD_READY = Pattern.compile(
            "^Simulated guacd listening on 127\\.0\\.0\\.1:(\\d+)$", Pattern.MULTILINE);

    private final Process process;
    private final Path log;
    private final int port;
    private final int guacdPort;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SimulatorProcess(Process process, Path log, int port, int guacdPort, String password) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.guacdPort = guacdPort;
        this.password = password;
    }

    /**
     * Starts the simulator with the demo inventory on hosts scaled by {@code hostScale}, events going to
     * {@code callbackUrl} unless a call names another. It binds its HTTP port and its simulated guacd
     * on ephemeral ports itself and names them when it is ready: ports chosen here and bound there a
     * moment later could be taken in between, and a simulator whose guacd could not bind would be gone
     * once the portal nodes call it.
     */
    static SimulatorProcess start(Path jar, Path dir, String password, String callbackSecret, String callbackUrl,
            int hostScale, List<String> extra) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No simulator jar at " + jar.toAbsolutePath() + ": build it first "
                    + "(./mvnw -q -DskipTests package)");
        }
        Path log = dir.resolve("simulator.log");
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                jar.toAbsolutePath().toString(), "--port=0", "--guacd-port=0",
                "--callback-url=" + callbackUrl, "--host-scale=" + hostScale));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("VSIP4X_SIM_PASSWORD", password);
        builder.environment().put("VSIP4X_SIM_CALLBACK_SECRET", callbackSecret);
        Process process = builder.start();
        int[] ports = new int[2];
        boolean up = Poll.until(() -> !process.isAlive() || announced(log, ports), START_TIMEOUT,
                Duration.ofMillis(100));
        if (!up || !process.isAlive()) {
            Processes.stop(process, Duration.ofSeconds(10));
            throw new IllegalStateException("The simulator did not start:\n" + Processes.tail(log, 30));
        }
        return new SimulatorProcess(process, log, ports[0], ports[1], password);
    }

    /**
     * Whether the simulator has named the ports it listens on (it does once every server is up), read
     * into {@code ports}: HTTP, then guacd.
     */
    private static boolean announced(Path log, int[] ports) {
        String out;
        try {
            out = Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return false;
        }
        Matcher http = HTTP_READY.matcher(out);
        Matcher guacd = GUACD_READY.matcher(out);
        if (!http.find() || !guacd.find()) {
            return false;
        }
        ports[0] = Integer.parseInt(http.group(1));
        ports[1] = Integer.parseInt(guacd.group(1));
        return true;
    }

    /** The port of the simulated guacd that serves the VMs' consoles. */
    public int guacdPort() {
        return guacdPort;
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

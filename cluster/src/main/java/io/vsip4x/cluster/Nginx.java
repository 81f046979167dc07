package io.vsip4x.cluster;

import io.vsip4x.bench.Poll;
import io.vsip4x.bench.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx ({@code /usr/sbin/nginx}) run in a folder of its own with a wrapper configuration
 * that includes {@code deploy/nginx/vsip4x-portal.conf} as it is, with only its ports substituted:
 * each {@code listen N} becomes {@code listen 127.0.0.1:M}, and the upstream's {@code 127.0.0.1:8081}
 * and {@code 127.0.0.1:8082} the nodes' ports, as the file's header says.
 */
public final class Nginx implements AutoCloseable {

    /** Where Debian installs nginx. */
    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    /** The ports of the configuration file that the harness substitutes. */
    static final int HTTP = 80;
    static final int HTTPS = 443;
    static final int CALLBACKS = 8090;
    static final int NODE_1 = 8081;
    static final int NODE_2 = 8082;
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*listen\\s+)(\\d+)\\b");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Map<Integer, Integer> ports;
    private Process process;

    Nginx(Path dir, Map<Integer, Integer> ports) {
        this.dir = dir;
        this.ports = ports;
    }

    /**
     * Writes the configuration into {@code dir} and starts nginx on free loopback ports in front of
     * {@code upstream1} and {@code upstream2} (the same port twice for one node behind it).
     *
     * @param accessLog whether to log each request with the node that answered it (logs/access.log)
     * @throws IllegalStateException when nginx is not installed, the file does not have the ports it
     *                               should, or nginx does not start
     */
    static Nginx start(Path dir, Path conf, int upstream1, int upstream2, boolean accessLog)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("nginx is not installed at " + BINARY + ": the cluster proof needs "
                    + "Debian's nginx (apt-get install nginx; .ci/run installs it)");
        }
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("temp"));
        if (!Files.exists(dir.resolve(Tls.CERTIFICATE))) {
            Tls.makeCertificate(dir);
        }
        Nginx nginx = new Nginx(dir, Map.of(HTTP, Ports.free(), HTTPS, Ports.free(), CALLBACKS, Ports.free()));
        Files.writeString(dir.resolve("vsip4x-portal.conf"),
                nginx.substitute(Files.readString(conf, StandardCharsets.UTF_8), upstream1, upstream2));
        Files.writeString(dir.resolve("nginx.conf"), nginx.wrapper(accessLog));
        nginx.launch();
        return nginx;
    }

    /** Stops nginx and starts it again on the same ports in front of {@code upstream1} and {@code upstream2}. */
    void restart(Path conf, int upstream1, int upstream2) throws IOException {
        close();
        Files.writeString(dir.resolve("vsip4x-portal.conf"),
                substitute(Files.readString(conf, StandardCharsets.UTF_8), upstream1, upstream2));
        launch();
    }

    /** The conf file with the listen ports on loopback and the upstream's nodes replaced. */
    String substitute(String text, int upstream1, int upstream2) {
        Matcher m = LISTEN.matcher(text);
        StringBuilder out = new StringBuilder();
        List<Integer> seen = new ArrayList<>();
        while (m.find()) {
            int port = Integer.parseInt(m.group(2));
            Integer mapped = ports.get(port);
            if (mapped == null) {
                throw new IllegalStateException("deploy/nginx/vsip4x-portal.conf listens on port " + port
                        + ", which the harness does not know: add it to Nginx's ports");
            }
            seen.add(port);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "127.0.0.1:" + mapped));
        }
        m.appendTail(out);
        if (!seen.containsAll(ports.keySet())) {
            throw new IllegalStateException("deploy/nginx/vsip4x-portal.conf should listen on " + ports.keySet()
                    + " but listens on " + seen);
        }
        String node1 = "127.0.0.1:" + NODE_1;
        String node2 = "127.0.0.1:" + NODE_2;
        if (!out.toString().contains(node1 + " ") || !out.toString().contains(node2 + " ")) {
            throw new IllegalStateException("deploy/nginx/vsip4x-portal.conf has no upstream servers " + node1
                    + " and " + node2);
        }
        return out.toString().replace(node1 + " ", "127.0.0.1:" + upstream1 + " ")
                .replace(node2 + " ", "127.0.0.1:" + upstream2 + " ");
    }

    private String wrapper(boolean accessLog) {
        Path temp = dir.resolve("temp");
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + """
                worker_processes 2;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events {
                    worker_connections 1024;
                }
                http {
                    log_format upstream '$remote_addr "$request" $status $upstream_addr $request_time';
                    %2$s
                    client_body_temp_path %3$s/body;
                    proxy_temp_path %3$s/proxy;
                    fastcgi_temp_path %3$s/fastcgi;
                    uwsgi_temp_path %3$s/uwsgi;
                    scgi_temp_path %3$s/scgi;
                    include vsip4x-portal.conf;
                }
                """.formatted(dir, accessLog ? "access_log " + dir + "/logs/access.log upstream;" : "access_log off;",
                temp);
    }

    private void launch() throws IOException {
        Path out = dir.resolve("logs/nginx.out");
        process = new ProcessBuilder(BINARY.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean up = Poll.until(() -> !process.isAlive() || ports.values().stream()
                .allMatch(Processes::listening), START_TIMEOUT, Duration.ofMillis(50));
        if (!up || !process.isAlive()) {
            close();
            throw new IllegalStateException("nginx did not start: " + Processes.tail(out, 20) + "\n"
                    + Processes.tail(dir.resolve("logs/error.log"), 20));
        }
    }

    /** The HTTPS base URL, e.g. {@code https://127.0.0.1:40123}. */
    public String https() {
        return "https://127.0.0.1:" + ports.get(HTTPS);
    }

    /** The plain HTTP base URL, which redirects to HTTPS. */
    public String http() {
        return "http://127.0.0.1:" + ports.get(HTTP);
    }

    /** The internal listener's callback URL, for the platform. */
    public String callbackUrl() {
        return "http://127.0.0.1:" + ports.get(CALLBACKS) + "/platform/callback";
    }

    /** The test's certificate, which the clients trust. */
    public Path certificate() {
        return dir.resolve(Tls.CERTIFICATE);
    }

    /** The access log (with the node that answered each request), when logging. */
    public Path accessLog() {
        return dir.resolve("logs/access.log");
    }

    @Override
    public void close() {
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(10));
        }
    }
}

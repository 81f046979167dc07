package io.vsip4x.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal stopped as a person stops it (SIGTERM, Ctrl-C) while a page holds its live-update
 * stream open: it exits within seconds (its readiness probe said it was ready before), ends the
 * stream so the page can reconnect, lets the web server finish gracefully, stops its embedded
 * MariaDB last, and logs no errors on the way.
 */
class PortalStopTest {

    private static final Path BASE = Path.of("target", "mariadb-base").toAbsolutePath();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+\\s+ERROR\\s");

    @Test
    void stopsWithinSecondsWithAnOpenLiveStreamAndLogsNoErrors(@TempDir Path temp) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path data = temp.resolve("data");
        Path log = temp.resolve("portal.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process portal = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PortalApplication.class.getName(), "--server.port=" + port, "--portal.data-dir=" + data,
                "--portal.database.embedded.base-dir=" + BASE)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !portal.isAlive() || status(http, base + "/login") == 200);
            assertThat(portal.isAlive()).as("the portal started; see %s", log).isTrue();
            assertThat(status(http, base + "/actuator/health/readiness")).as("ready for the proxy").isEqualTo(200);
            signIn(http, base, "alice", "demo1234");

            HttpResponse<InputStream> live = http.send(HttpRequest.newBuilder(URI.create(base + "/live"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(live.statusCode()).isEqualTo(200);
            BufferedReader stream = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8));
            assertThat(stream.readLine()).isEqualTo(":connected");
            CompletableFuture<Void> streamEnded = CompletableFuture.runAsync(() -> drain(stream));

            long stopAsked = System.nanoTime();
            portal.destroy();
            assertThat(portal.waitFor(15, TimeUnit.SECONDS)).as("the portal exits within 15 s; see %s", log)
                    .isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - stopAsked);
            streamEnded.get(5, TimeUnit.SECONDS);

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as("the portal's output on stopping (%s)", took)
                    .noneMatch(line -> ERROR_LINE.matcher(line).find())
                    .noneMatch(line -> line.startsWith("\tat "))
                    .noneMatch(line -> line.contains("Graceful shutdown aborted"))
                    .noneMatch(line -> line.contains("Failed to validate connection"))
                    .noneMatch(line -> line.contains("still running after timeout"))
                    .anyMatch(line -> line.contains("Graceful shutdown complete"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(mariaDbServersOn(data))
                    .as("the embedded MariaDB stopped with the portal").isZero());
        } finally {
            portal.destroyForcibly();
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void signIn(HttpClient http, String base, String user, String password) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the sign-in page has a CSRF token").isTrue();
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain(
                "error"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void drain(BufferedReader stream) {
        try {
            stream.lines().forEach(line -> assertThat(line).isNotNull());
        } catch (UncheckedIOException e) {
            // A stream cut off counts as ended too.
            return;
        }
    }

    private static long mariaDbServersOn(Path data) {
        String marker = "--datadir=" + data.resolve("mariadb").toAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("mariadbd") && c.contains(marker))
                        .orElse(false))
                .count();
    }
}

package io.vsip4x.cluster;

import io.vsip4x.sdk.callback.CallbackSignature;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;

/**
 * The test's HTTP: clients that trust the cluster's certificate only, a browser-like session (one
 * cookie jar for every node and nginx: cookies are per host, not per port), the API with HTTP Basic,
 * and signed callbacks.
 */
final class Web {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern META_CSRF_HEADER = Pattern.compile(
            "<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

    private final SSLContext tls;
    private final HttpClient http;

    Web(SSLContext tls) {
        this.tls = tls;
        this.http = client(null);
    }

    /** A client without cookies. */
    HttpClient http() {
        return http;
    }

    /** A new client with a cookie jar of its own. */
    HttpClient session(CookieManager cookies) {
        return client(cookies);
    }

    private HttpClient client(CookieManager cookies) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        return builder.build();
    }

    /**
     * Signs {@code session} in at {@code base} through the sign-in form.
     *
     * @return the answer to the form's post (302 on success)
     */
    HttpResponse<Void> signIn(HttpClient session, String base, String username, String password)
            throws IOException, InterruptedException {
        String page = session.send(get(base + "/login"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = FORM_CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in page at " + base + " carries no CSRF token");
        }
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        return session.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Signs {@code session} out at {@code base}, with the CSRF token of a page it gets there first. */
    HttpResponse<Void> signOut(HttpClient session, String base) throws IOException, InterruptedException {
        String page = session.send(get(base + "/vms"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = META_CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("The page at " + base + "/vms carries no CSRF token");
        }
        return session.send(HttpRequest.newBuilder(URI.create(base + "/logout")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf.group(1)))).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** A page's open live stream: the arrival times of its events, and its end. */
    record LiveStream(LinkedBlockingQueue<Long> events, CompletableFuture<Void> ended) {
    }

    /**
     * Opens a page's live stream at {@code url} once it answered 200 and its first bytes passed; its
     * events' arrival times are queued from then on.
     */
    static LiveStream openLive(HttpClient session, String url) throws Exception {
        LinkedBlockingQueue<Long> events = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> opened = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        session.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).whenComplete((answer, failure) -> {
                    if (failure != null) {
                        opened.add("failed: " + failure);
                        ended.complete(null);
                        return;
                    }
                    opened.add(Integer.toString(answer.statusCode()));
                    try (Stream<String> lines = answer.body()) {
                        lines.forEach(line -> {
                            if (line.startsWith("event:")) {
                                events.add(System.nanoTime());
                            }
                        });
                    } catch (RuntimeException e) {
                        // The stream broke off instead of ending: ended all the same.
                    } finally {
                        ended.complete(null);
                    }
                });
        String status = opened.poll(30, TimeUnit.SECONDS);
        if (!"200".equals(status)) {
            throw new AssertionError("The live stream at " + url + " answered " + status);
        }
        // The stream is registered once its first bytes went out; a short wait lets the hello pass.
        Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        events.clear();
        return new LiveStream(events, ended);
    }

    /** The sum of gauge {@code name}'s series in {@code node}'s Prometheus page, read as {@code user}. */
    long gauge(PortalNode node, String name, String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/actuator/prometheus"))
                .timeout(TIMEOUT).header("Authorization", basic(user, password)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("The metrics of " + node.name() + " answered " + page.statusCode());
        }
        return page.body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Posts to {@code path} at {@code base} as a page's script does: the session and the page's CSRF header. */
    HttpResponse<String> pagePost(HttpClient session, String base, String path) throws IOException,
            InterruptedException {
        String page = session.send(get(base + "/vms"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = META_CSRF.matcher(page);
        Matcher header = META_CSRF_HEADER.matcher(page);
        if (!csrf.find() || !header.find()) {
            throw new IllegalStateException("The page at " + base + "/vms carries no CSRF token");
        }
        return session.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header(header.group(1), csrf.group(1)).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build();
    }

    /** Posts {@code json} to the API at {@code url} as {@code username}. */
    HttpResponse<String> apiPost(String url, String username, String password, String json)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", basic(username, password)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Gets {@code url} from the API as {@code username}. */
    HttpResponse<String> apiGet(String url, String username, String password)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", basic(username, password)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code body} to {@code url} signed with {@code secret}, as the platform does; answers the status. */
    int callback(String url, String secret, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(CallbackSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(CallbackSignature.SIGNATURE_HEADER, new CallbackSignature(secret).sign(now, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A callback event of {@code vm}: shut down (status 0) for odd sequences, started (1) for even ones. */
    static String event(String eventId, String vm, long sequence) {
        boolean shutdown = sequence % 2 == 1;
        return String.format("{\"eventId\":\"%s\",\"vmId\":\"%s\",\"operation\":\"%s\",\"result\":\"%s\","
                + "\"resultinfo\":\"ok\",\"status\":\"%d\",\"hostId\":\"host-01\",\"sequence\":%d,"
                + "\"occurredAt\":\"%s\"}", eventId, vm, shutdown ? "shutdownVm" : "startVm",
                shutdown ? "2011" : "2010", shutdown ? 0 : 1, sequence, java.time.Instant.now());
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The session cookie's Set-Cookie attributes as the cookie jar holds them, or null. */
    static HttpCookie cookie(CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElse(null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

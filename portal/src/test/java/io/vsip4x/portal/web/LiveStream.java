package io.vsip4x.portal.web;

import io.vsip4x.portal.TestUkeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A reader of the portal's {@code /live} stream as a browser's {@code EventSource} reads it: with
 * the session of a person signed in through the form, collecting the named events with their
 * ids and arrival times on a thread of its own.
 */
final class LiveStream implements AutoCloseable {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\""
            + "|type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

    /** One dispatched event (or the nameless hello, with its id). */
    record Event(String name, String id, String data, long atNanos) {
    }

    private final List<Event> events = new ArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;
    private volatile boolean ended;

    private LiveStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "live-stream-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * An HTTP client holding the session of {@code username}, signed in through the sign-in form
     * (and the UKEY step when the account needs it).
     */
    static HttpClient signedIn(int port, String username, String password) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = "http://127.0.0.1:" + port;
        String login = send(http, HttpRequest.newBuilder(URI.create(base + "/login")).GET().build()).body();
        Matcher m = FORM_CSRF.matcher(login);
        if (!m.find()) {
            throw new AssertionError("The sign-in page has no CSRF field");
        }
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token);
        HttpResponse<String> landed = TestUkeys.completeSecondStep(http, base, null, username,
                send(http, HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build()));
        if (landed.uri().getPath().equals("/login")) {
            throw new AssertionError("Signing in as " + username + " failed");
        }
        return http;
    }

    /** Opens {@code /live}, naming {@code lastEventId} (or none) as a reconnecting browser does. */
    static LiveStream open(HttpClient http, int port, String lastEventId) {
        return open(http, port, "/live", lastEventId);
    }

    /** Opens {@code path} (the live stream, with its query) as {@link #open(HttpClient, int, String)} does. */
    static LiveStream open(HttpClient http, int port, String path, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new LiveStream(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        boolean any = false;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (any) {
                        add(new Event(name, id, data.toString(), System.nanoTime()));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                    any = false;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                    any = true;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                    any = true;
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                    any = true;
                }
            }
        } catch (RuntimeException e) {
            // Closed by the test.
        } finally {
            ended = true;
        }
    }

    private synchronized void add(Event event) {
        events.add(event);
    }

    /** The events so far. */
    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The events named {@code name} so far. */
    List<Event> named(String name) {
        return events().stream().filter(e -> name.equals(e.name())).toList();
    }

    /** Waits up to {@code patience} for an event matching {@code wanted}, and returns the first. */
    Event await(Predicate<Event> wanted, Duration patience) {
        return org.awaitility.Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(10))
                .until(() -> events().stream().filter(wanted).findFirst().orElse(null), e -> e != null);
    }

    /** Waits for the hello every stream starts with, and returns its id (the newest event id then). */
    String awaitHello() {
        return await(e -> e.name() == null, Duration.ofSeconds(5)).id();
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }

    /** GETs a page with the client's session. */
    static String page(HttpClient http, int port, String path) {
        return send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build()).body();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

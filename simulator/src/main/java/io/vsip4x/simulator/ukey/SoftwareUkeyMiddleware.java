package io.vsip4x.simulator.ukey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vsip4x.simulator.Binds;
import io.vsip4x.simulator.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A software stand-in for a UKEY vendor's middleware, speaking protocol {@code vsip4x-soft v1}
 * (see the simulator's README) on the JDK's HTTP server, bound to 127.0.0.1 only: it lists the
 * inserted keys, signs with them behind their PIN, unblocks a key locked by wrong PINs with its
 * PUK, and lets a test pull a key out and put it back. It answers only requests naming it by a
 * loopback name and its port in {@code Host}; pages of loopback origins may call it (CORS), any
 * other origin is refused. It never logs a PIN, a PUK, the data it signs or a signature.
 * Thread-safe.
 */
public final class SoftwareUkeyMiddleware {

    /** The longest text it signs, in characters. */
    public static final int MAX_DATA = 1024;

    private static final Logger log = LoggerFactory.getLogger(SoftwareUkeyMiddleware.class);
    private static final int MAX_BODY = 8 * 1024;
    private static final String JSON_TYPE = "application/json; charset=UTF-8";
    private static final Pattern DEVICE = Pattern.compile("/v1/devices/([^/]+)/(remove|insert|unblock)");

    private final UkeySlots slots = new UkeySlots();
    private final JsonMapper json = JsonMapper.builder().build();
    private HttpServer server;
    private ExecutorService threads;
    private int boundPort = -1;

    /**
     * Listens on 127.0.0.1:{@code port} (0 for a free port); a restart binds the port bound
     * before. Does nothing when running.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized void start(int port) {
        if (server != null) {
            return;
        }
        int wanted = boundPort >= 0 ? boundPort : port;
        server = Binds.bind(boundPort > 0, "Cannot listen on 127.0.0.1:" + wanted + " for the UKEY middleware",
                () -> HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), wanted), 0));
        threads = Executors.newFixedThreadPool(2, Threads.daemons("vsip4x-sim-ukey-"));
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        boundPort = server.getAddress().getPort();
        log.info("Software UKEY middleware listening on {}", url());
    }

    /** Closes the port; the keys and their state stay for the next {@link #start}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        server = null;
        Threads.stop(threads);
        log.info("Software UKEY middleware on port {} stopped", boundPort);
    }

    /** Whether the port is open. */
    public synchronized boolean running() {
        return server != null;
    }

    /** Its base URL, e.g. {@code http://127.0.0.1:PORT}, or {@code null} when it never started. */
    public synchronized URI url() {
        return boundPort < 0 ? null : URI.create("http://127.0.0.1:" + boundPort);
    }

    /**
     * Inserts {@code key}. The same key pulled out before comes back as it was, locked if wrong
     * PINs locked it ({@link #unblock} clears that); another key with the same sid replaces it.
     */
    public void insert(IssuedUkey key) {
        slots.insert(key);
    }

    /**
     * Pulls key {@code sid} out, as a user does with the USB key; {@link #reinsert} puts it back.
     *
     * @return {@code false} when the middleware never held key {@code sid}
     */
    public boolean remove(String sid) {
        return slots.remove(sid);
    }

    /**
     * Puts key {@code sid} back in, locked if it was.
     *
     * @return {@code false} when the middleware never held key {@code sid}
     */
    public boolean reinsert(String sid) {
        return slots.reinsert(sid);
    }

    /**
     * Unblocks the inserted key {@code sid} as its PUK would: clears its wrong-PIN count, locked or not.
     *
     * @return {@code false} when key {@code sid} is not inserted
     */
    public boolean unblock(String sid) {
        return slots.unblock(sid, IssuedUkey.DEMO_PUK) == UkeySlots.Unblock.UNBLOCKED;
    }

    /** Forgets key {@code sid}: it can no longer be put back. */
    public void forget(String sid) {
        slots.forget(sid);
    }

    /** The inserted keys, ordered by certificate user. */
    public List<IssuedUkey> inserted() {
        return slots.inserted();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Cors.ownHost(exchange.getRequestHeaders().get("Host"), exchange.getLocalAddress().getPort())) {
                log.debug("Refused a UKEY middleware request for a foreign host name");
                drain(exchange);
                send(exchange, 403, Map.of("error", "HOST_FORBIDDEN"));
                return;
            }
            List<String> origins = exchange.getRequestHeaders().get("Origin");
            if (!Cors.allowed(origins)) {
                log.debug("Refused a UKEY middleware request from a foreign origin");
                drain(exchange);
                send(exchange, 403, Map.of("error", "ORIGIN_FORBIDDEN"));
                return;
            }
            Cors.answer(exchange, origins);
            try {
                route(exchange);
            } catch (RuntimeException e) {
                log.error("The software UKEY middleware failed to answer a request", e);
                exchange.sendResponseHeaders(500, -1);
            }
        }
    }

    /** Answers the request; each branch reads the request body once (a second read would fail). */
    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher device = DEVICE.matcher(path);
        String allowed = "/v1/keys".equals(path) ? "GET" : "/v1/sign".equals(path) || device.matches() ? "POST" : null;
        if ("OPTIONS".equals(method)) {
            drain(exchange);
            Cors.preflight(exchange);
            exchange.sendResponseHeaders(204, -1);
        } else if (allowed == null) {
            drain(exchange);
            send(exchange, 404, Map.of("error", "NOT_FOUND"));
        } else if (!allowed.equals(method)) {
            drain(exchange);
            exchange.getResponseHeaders().set("Allow", allowed + ", OPTIONS");
            send(exchange, 405, Map.of("error", "METHOD_NOT_ALLOWED"));
        } else if ("/v1/keys".equals(path)) {
            drain(exchange);
            send(exchange, 200, Map.of("keys", listing()));
        } else if ("/v1/sign".equals(path)) {
            sign(exchange);
        } else if ("unblock".equals(device.group(2))) {
            unblock(exchange, device.group(1));
        } else {
            drain(exchange);
            plug(exchange, device.group(1), "remove".equals(device.group(2)));
        }
    }

    private List<Map<String, Object>> listing() {
        return slots.inserted().stream().map(key -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sid", key.sid());
            entry.put("certUser", key.certUser());
            entry.put("subject", key.subject());
            entry.put("issuer", key.issuer());
            entry.put("notAfter", key.certificate().getNotAfter().toInstant().toString());
            return entry;
        }).toList();
    }

    private void sign(HttpExchange exchange) throws IOException {
        SignRequest request = SignRequest.of(readObject(exchange));
        if (request == null || request.data().length() > MAX_DATA) {
            send(exchange, 400, Map.of("error", "BAD_REQUEST"));
            return;
        }
        UkeySlots.Outcome outcome = slots.sign(request.sid(), request.pin(), request.data());
        switch (outcome.result()) {
            case SIGNED -> {
                log.debug("UKEY '{}' signed a text for a page", request.sid());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("sid", outcome.key().sid());
                answer.put("certUser", outcome.key().certUser());
                answer.put("signature", outcome.signature());
                answer.put("certificate", outcome.key().certificatePem());
                send(exchange, 200, answer);
            }
            case ABSENT -> send(exchange, 404, Map.of("error", "KEY_ABSENT"));
            case WRONG_PIN -> {
                log.info("Wrong PIN for UKEY '{}', {} tries left", request.sid(), outcome.triesLeft());
                send(exchange, 403, Map.of("error", "PIN_INCORRECT", "triesLeft", outcome.triesLeft()));
            }
            default -> {
                log.info("UKEY '{}' is locked by wrong PINs", request.sid());
                send(exchange, 423, Map.of("error", "PIN_LOCKED"));
            }
        }
    }

    /** Pulls key {@code sid} out ({@code remove}) or puts it back. */
    private void plug(HttpExchange exchange, String sid, boolean remove) throws IOException {
        boolean known = remove ? slots.remove(sid) : slots.reinsert(sid);
        if (!known) {
            send(exchange, 404, Map.of("error", "KEY_ABSENT"));
            return;
        }
        log.info("UKEY '{}' {} the software middleware", sid, remove ? "pulled out of" : "put back into");
        exchange.sendResponseHeaders(204, -1);
    }

    /** Clears the wrong PINs of key {@code sid} when the body's {@code puk} is its PUK. */
    private void unblock(HttpExchange exchange, String sid) throws IOException {
        Map<?, ?> body = readObject(exchange);
        if (body == null || !(body.get("puk") instanceof String puk)) {
            send(exchange, 400, Map.of("error", "BAD_REQUEST"));
            return;
        }
        switch (slots.unblock(sid, puk)) {
            case UNBLOCKED -> {
                log.info("UKEY '{}' unblocked with its PUK", sid);
                exchange.sendResponseHeaders(204, -1);
            }
            case ABSENT -> send(exchange, 404, Map.of("error", "KEY_ABSENT"));
            default -> {
                log.info("Wrong PUK for UKEY '{}'", sid);
                send(exchange, 403, Map.of("error", "PUK_INCORRECT"));
            }
        }
    }

    /** The request body as a JSON object, or {@code null} when it is too long or not a JSON object. */
    private Map<?, ?> readObject(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return null;
        }
        try {
            return json.readValue(body, Object.class) instanceof Map<?, ?> map ? map : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Sends {@code body} as JSON; a {@code HEAD} request gets the status and headers only. */
    private void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readNBytes(MAX_BODY);
        }
    }

    /** The fields of {@code POST /v1/sign}; never shown by {@link #toString()}. */
    private record SignRequest(String sid, String pin, String data) {

        /** The request in {@code body}, or {@code null} when there is none or it lacks a field. */
        static SignRequest of(Map<?, ?> body) {
            if (body != null && body.get("sid") instanceof String sid && !sid.isBlank()
                    && body.get("pin") instanceof String pin && body.get("data") instanceof String data) {
                return new SignRequest(sid, pin, data);
            }
            return null;
        }

        @Override
        public String toString() {
            return "SignRequest[" + sid + "]";
        }
    }
}

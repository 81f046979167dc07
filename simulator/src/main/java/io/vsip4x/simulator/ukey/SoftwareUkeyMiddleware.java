package io.vsip4x.simulator.ukey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A software stand-in for a UKEY vendor's middleware, speaking protocol {@code vsip4x-soft v1}
 * (see the simulator's README) on the JDK's HTTP server, bound to 127.0.0.1 only: it lists the
 * inserted keys, signs with them behind their PIN, and lets a test pull a key out and put it
 * back. Pages of loopback origins may call it (CORS); any other origin is refused. It never
 * logs a PIN, the data it signs or a signature. Thread-safe.
 */
public final class SoftwareUkeyMiddleware {

    /** The longest text it signs, in characters. */
    public static final int MAX_DATA = 1024;

    private static final Logger log = LoggerFactory.getLogger(SoftwareUkeyMiddleware.class);
    private static final int MAX_BODY = 8 * 1024;
    private static final String JSON_TYPE = "application/json; charset=UTF-8";
    private static final String DEVICES = "/v1/devices/";

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
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), wanted), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + wanted + " for the UKEY middleware", e);
        }
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

    /** Inserts {@code key}, replacing one with the same sid; a locked key is unlocked. */
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
     * Puts key {@code sid} back in, unlocked.
     *
     * @return {@code false} when the middleware never held key {@code sid}
     */
    public boolean reinsert(String sid) {
        return slots.reinsert(sid);
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
            Cors cors = Cors.of(exchange.getRequestHeaders().get("Origin"));
            if (cors == Cors.FORBIDDEN) {
                log.debug("Refused a UKEY middleware request from a foreign origin");
                drain(exchange);
                send(exchange, 403, Map.of("error", "ORIGIN_FORBIDDEN"));
                return;
            }
            cors.apply(exchange);
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if ("OPTIONS".equals(method)) {
            drain(exchange);
            Cors.preflight(exchange);
            exchange.sendResponseHeaders(204, -1);
        } else if ("/v1/keys".equals(path)) {
            drain(exchange);
            expect(exchange, "GET", () -> send(exchange, 200, Map.of("keys", listing())));
        } else if ("/v1/sign".equals(path)) {
            expect(exchange, "POST", () -> sign(exchange));
        } else if (path.startsWith(DEVICES) && path.endsWith("/remove")) {
            drain(exchange);
            String sid = path.substring(DEVICES.length(), path.length() - "/remove".length());
            expect(exchange, "POST", () -> device(exchange, sid, slots.remove(sid)));
        } else if (path.startsWith(DEVICES) && path.endsWith("/insert")) {
            drain(exchange);
            String sid = path.substring(DEVICES.length(), path.length() - "/insert".length());
            expect(exchange, "POST", () -> device(exchange, sid, slots.reinsert(sid)));
        } else {
            drain(exchange);
            send(exchange, 404, Map.of("error", "NOT_FOUND"));
        }
    }

    private List<Map<String, Object>> listing() {
        return slots.inserted().stream().map(key -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sid", key.sid());
            entry.put("certUser", key.certUser());
            entry.put("subject", key.certificate().getSubjectX500Principal().getName());
            entry.put("issuer", key.certificate().getIssuerX500Principal().getName());
            entry.put("notAfter", key.certificate().getNotAfter().toInstant().toString());
            return entry;
        }).toList();
    }

    private void sign(HttpExchange exchange) throws IOException {
        SignRequest request = SignRequest.read(exchange.getRequestBody(), json, MAX_BODY);
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

    private void device(HttpExchange exchange, String sid, boolean known) throws IOException {
        if (!known) {
            send(exchange, 404, Map.of("error", "KEY_ABSENT"));
            return;
        }
        log.info("UKEY '{}' {} the software middleware", sid,
                exchange.getRequestURI().getPath().endsWith("/remove") ? "pulled out of" : "put back into");
        exchange.sendResponseHeaders(204, -1);
    }

    private void expect(HttpExchange exchange, String method, Step step) throws IOException {
        if (!method.equals(exchange.getRequestMethod())) {
            drain(exchange);
            exchange.getResponseHeaders().set("Allow", method + ", OPTIONS");
            send(exchange, 405, Map.of("error", "METHOD_NOT_ALLOWED"));
            return;
        }
        step.run();
    }

    private void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readNBytes(MAX_BODY);
        }
    }

    /** One step of a request that may throw. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /** The fields of {@code POST /v1/sign}; never shown by {@link #toString()}. */
    private record SignRequest(String sid, String pin, String data) {

        /** The request in {@code in}, or {@code null} when it is too long, not JSON or lacks a field. */
        static SignRequest read(InputStream in, JsonMapper json, int maxBytes) throws IOException {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                return null;
            }
            try {
                if (json.readValue(body, Object.class) instanceof Map<?, ?> map
                        && map.get("sid") instanceof String sid && !sid.isBlank()
                        && map.get("pin") instanceof String pin && map.get("data") instanceof String data) {
                    return new SignRequest(sid, pin, data);
                }
            } catch (JacksonException e) {
                return null;
            }
            return null;
        }

        @Override
        public String toString() {
            return "SignRequest[" + sid + "]";
        }
    }
}

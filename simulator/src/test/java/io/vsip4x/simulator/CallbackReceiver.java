package io.vsip4x.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vsip4x.sdk.callback.CallbackSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's side of callbacks, as the binding describes it: verifies the signature
 * (401 when wrong), answers 204 and records the event. Can be told to fail the next attempts.
 */
final class CallbackReceiver implements AutoCloseable {

    private final CallbackSignature signature;
    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();

    private volatile Delivery lastDelivery;

    /** What the last attempt carried: the signature headers and the body. */
    record Delivery(String timestamp, String hmac, String sm2, byte[] body) {
    }

    CallbackReceiver(String secret) {
        this(secret, null);
    }

    /** A receiver that also requires the platform's SM2 signature when {@code platformKeyPem} is given. */
    CallbackReceiver(String secret, String platformKeyPem) {
        this.signature = new CallbackSignature(secret, platformKeyPem);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callbacks", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks");
    }

    /** Answers the next {@code count} attempts with 500. */
    void failNext(int count) {
        failures.set(count);
    }

    synchronized List<Map<String, Object>> events() {
        return List.copyOf(events);
    }

    /**
     * The distinct events of one VM in arrival order. Delivery is at least once (an event in
     * flight when the simulator stops comes again after its restart), so, as a real receiver
     * does, a repeated event id counts once.
     */
    synchronized List<Map<String, Object>> eventsOf(String vmId) {
        Set<Object> seen = new HashSet<>();
        return events.stream()
                .filter(e -> vmId.equals(e.get("vmId")))
                .filter(e -> seen.add(e.get("eventId")))
                .toList();
    }

    /** The distinct host events of host {@code hostId}: those with an empty {@code vmId}. */
    synchronized List<Map<String, Object>> hostEventsOf(String hostId) {
        Set<Object> seen = new HashSet<>();
        return events.stream()
                .filter(e -> "".equals(e.get("vmId")) && hostId.equals(e.get("hostId")))
                .filter(e -> seen.add(e.get("eventId")))
                .toList();
    }

    int attempts() {
        return attempts.get();
    }

    Delivery lastDelivery() {
        return lastDelivery;
    }

    int badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            attempts.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst(CallbackSignature.TIMESTAMP_HEADER);
            String sig = exchange.getRequestHeaders().getFirst(CallbackSignature.SIGNATURE_HEADER);
            String sm2 = exchange.getRequestHeaders().getFirst(CallbackSignature.SM2_SIGNATURE_HEADER);
            lastDelivery = new Delivery(timestamp, sig, sm2, body);
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            if (!signature.verify(timestamp, sig, sm2, body, Instant.now())) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            record(json.readValue(body, Map.class));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized void record(Map<?, ?> event) {
        events.add((Map<String, Object>) event);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.vsip4x.portal.platform;

import io.vsip4x.sdk.callback.CallbackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Posts events to the portal's callback endpoint as the platform does: signed, or as a forger would. */
final class CallbackPoster {

    /** The embedded simulator's callback secret, which the test portal shares. */
    static final String SECRET = "sim-callback-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private final CallbackSignature signature = new CallbackSignature(SECRET);
    private final int port;

    CallbackPoster(int port) {
        this.port = port;
    }

    /** An event's JSON as the binding gives it. */
    static String event(String id, String vmId, String op, String result, String status, long seq) {
        return """
                {"eventId":"%s","vmId":"%s","operation":"%s","result":"%s","resultinfo":"测试","status":"%s",
                 "hostId":"host-01","sequence":%d,"occurredAt":"2026-12-04T00:00:00Z"}"""
                .formatted(id, vmId, op, result, status, seq);
    }

    /** The platform's signature of {@code body} at {@code millis}. */
    String sign(long millis, String body) {
        return signature.sign(millis, bytes(body));
    }

    /** Posts {@code body} signed now; returns the answer's status. */
    int signed(String body) throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        return send(body, String.valueOf(now), sign(now, body));
    }

    /** Posts {@code body} with the given headers ({@code null}: left out); returns the answer's status. */
    int send(String body, String timestamp, String sig) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + CallbackController.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (timestamp != null) {
            request.header(CallbackSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (sig != null) {
            request.header(CallbackSignature.SIGNATURE_HEADER, sig);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

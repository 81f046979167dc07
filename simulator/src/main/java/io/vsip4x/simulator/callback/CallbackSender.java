package io.vsip4x.simulator.callback;

import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.simulator.state.StoredState.StoredCallback;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** Posts one event, signed as the binding says, and tells how it went. */
final class CallbackSender {

    /** How one attempt ended. */
    enum Outcome {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** No answer or a non-2xx one; worth another try. */
        FAILED,
        /** The URL is unusable; trying again cannot help. */
        UNDELIVERABLE
    }

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final CallbackSignature signature;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    CallbackSender(CallbackSignature signature) {
        this.signature = signature;
    }

    /** Posts {@code callback}; blocks up to the time-outs. */
    Outcome send(StoredCallback callback) {
        CallbackEvent event = callback.event();
        byte[] body = json.writeValueAsBytes(body(event));
        long timestamp = System.currentTimeMillis();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(callback.url()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .header(CallbackSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(CallbackSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            log.warn("Callback URL '{}' is not usable; dropping event {} of VM '{}'", callback.url(),
                    event.eventId(), event.vmId(), e);
            return Outcome.UNDELIVERABLE;
        }
        return post(request, event);
    }

    private Outcome post(HttpRequest request, CallbackEvent event) {
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                log.debug("Delivered event {} #{} of VM '{}' to '{}'", event.operation(), event.sequence(),
                        event.vmId(), request.uri());
                return Outcome.DELIVERED;
            }
            log.debug("Receiver '{}' answered event {} of VM '{}' with HTTP {}", request.uri(),
                    event.eventId(), event.vmId(), status);
        } catch (IOException e) {
            log.debug("Receiver '{}' did not take event {} of VM '{}': {}", request.uri(), event.eventId(),
                    event.vmId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Outcome.FAILED;
    }

    /** The body in the binding's key order. */
    static Map<String, Object> body(CallbackEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("vmId", event.vmId());
        body.put("operation", event.operation());
        body.put("result", event.result());
        body.put("resultinfo", event.resultinfo());
        body.put("status", event.status());
        body.put("hostId", event.hostId());
        body.put("sequence", event.sequence());
        body.put("occurredAt", event.occurredAt().toString());
        if (!event.detail().isEmpty()) {
            body.put("detail", event.detail());
        }
        return body;
    }
}

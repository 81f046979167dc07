package io.vsip4x.sdk.http;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire side of {@link HttpVsip4xClient}: one {@code POST {base}/{method}} per call with
 * Basic authentication, the binding's headers and time-outs. Only the read-only queries are
 * tried again when the platform does not answer, up to {@value #QUERY_ATTEMPTS} times with
 * exponential, jittered back-off (resilience4j); a call that changes something is sent once, as
 * the platform may have acted on it. Thread-safe.
 */
final class HttpTransport {

    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);
    private static final int QUERY_ATTEMPTS = 3;
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);
    private static final double BACK_OFF_FACTOR = 2.0;
    private static final double JITTER = 0.5;

    private final Vsip4xSettings settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String authorization;
    private final Retry queryRetry;

    HttpTransport(Vsip4xSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String credentials = settings.accountName() + ":" + settings.accountPassword();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.queryRetry = Retry.of("vsip4x-query", RetryConfig.custom()
                .maxAttempts(QUERY_ATTEMPTS)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(FIRST_BACK_OFF, BACK_OFF_FACTOR, JITTER))
                .retryExceptions(Vsip4xUnreachableException.class)
                .build());
        queryRetry.getEventPublisher().onRetry(event -> log.debug("Query failed on attempt {}, trying again in {}: {}",
                event.getNumberOfRetryAttempts(), event.getWaitInterval(), event.getLastThrowable().getMessage()));
    }

    /**
     * Calls {@code method} with positional {@code args} and returns the parsed answer (a map or
     * list with trimmed keys, another JSON value, or {@code null} for an empty body).
     *
     * @throws Vsip4xUnreachableException when the platform does not answer or answers 5xx,
     *                                    after the last attempt for a query
     * @throws Vsip4xProtocolException    when it answers another non-200 status or not JSON
     */
    Object call(String method, Object... args) {
        if (!isQuery(method)) {
            return send(method, args);
        }
        return Retry.decorateSupplier(queryRetry, () -> send(method, args)).get();
    }

    /** Whether repeating {@code method} is harmless: the read-only queries. */
    static boolean isQuery(String method) {
        return method.startsWith("search") || method.startsWith("get")
                || method.startsWith("check") || method.equals("resynVm");
    }

    private Object send(String method, Object[] args) {
        byte[] body = json.writeValueAsBytes(Map.of("args", Arrays.asList(args)));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(method))
                .timeout(settings.readTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.ipAddress() != null) {
            request.header("X-Vsip4x-Ip", settings.ipAddress());
        }
        if (settings.callbackUrl() != null) {
            request.header("X-Vsip4x-Callback-Url", settings.callbackUrl().toString());
        }

        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Vsip4xUnreachableException(method, "The platform did not answer " + method
                    + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Vsip4xUnreachableException(method, "Interrupted while calling " + method, e);
        }

        int status = response.statusCode();
        if (status >= 500) {
            throw new Vsip4xUnreachableException(method, "The platform answered " + method
                    + " with HTTP " + status, null);
        }
        if (status != 200) {
            throw new Vsip4xProtocolException(method, status, "The platform refused " + method
                    + " with HTTP " + status);
        }
        return parse(method, response.body());
    }

    private Object parse(String method, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            Object value = json.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map) {
                return SdkMaps.trimKeys(map);
            }
            if (value instanceof List<?> list) {
                return list.stream().map(item -> item instanceof Map<?, ?> m ? SdkMaps.trimKeys(m) : item).toList();
            }
            return value;
        } catch (JacksonException e) {
            throw new Vsip4xProtocolException(method, 200, "The platform's answer to " + method
                    + " is not JSON");
        }
    }

    private URI endpoint(String method) {
        String base = settings.connectUrl().toString();
        return URI.create(base.endsWith("/") ? base + method : base + "/" + method);
    }
}

package io.vsip4x.sdk.http;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.Vsip4xOutcomeUnknownException;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.ukey.RequestSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire side of {@link HttpVsip4xClient}: one {@code POST {base}/{method}} per call with
 * Basic authentication, the binding's headers, an SM2 signature when a private key is set,
 * and time-outs. Each call reads the settings in force at its start, so the client's setters
 * take effect from the next call. Only the read-only queries are tried again when the platform
 * does not answer, up to {@value #QUERY_ATTEMPTS} times (or as few as the client asks) with
 * exponential, jittered back-off (resilience4j), each attempt signed afresh; a call that changes
 * something is sent once, as the platform may have acted on it. A failure before the request reached the platform
 * (connection refused or not opened in time, HTTP 503) is a plain
 * {@link Vsip4xUnreachableException}; one after it was written (read time-out, connection closed
 * while waiting, another 5xx) a {@link Vsip4xOutcomeUnknownException}. Thread-safe.
 */
final class HttpTransport {

    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);
    static final int QUERY_ATTEMPTS = 3;
    private static final int SERVICE_UNAVAILABLE = 503;
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);
    private static final double BACK_OFF_FACTOR = 2.0;
    private static final double JITTER = 0.5;

    private final Supplier<Vsip4xSettings> settings;
    private final Supplier<PrivateKey> signingKey;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Retry queryRetry;

    /**
     * @param connectTimeout time allowed to open a connection, fixed for the transport's life
     * @param settings       the settings in force, read at the start of every call
     * @param signingKey     the SM2 key signing calls, or a supplier of {@code null} for none
     * @param queryAttempts  how many times a query is tried when the platform does not answer, at least 1
     */
    HttpTransport(Duration connectTimeout, Supplier<Vsip4xSettings> settings, Supplier<PrivateKey> signingKey,
            int queryAttempts) {
        if (queryAttempts < 1) {
            throw new IllegalArgumentException("A query is tried at least once, not " + queryAttempts + " times");
        }
        this.settings = settings;
        this.signingKey = signingKey;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.queryRetry = Retry.of("vsip4x-query", RetryConfig.custom()
                .maxAttempts(queryAttempts)
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
        Vsip4xSettings settings = this.settings.get();
        byte[] body = json.writeValueAsBytes(Map.of("args", Arrays.asList(args)));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(settings, method))
                .timeout(settings.readTimeout())
                .header("Authorization", authorization(settings))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        PrivateKey key = signingKey.get();
        if (key != null) {
            long timestamp = System.currentTimeMillis();
            request.header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            request.header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(key, timestamp, method, body));
        }
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
            String message = "The platform did not answer " + method + ": " + e.getClass().getSimpleName();
            if (notSent(e)) {
                throw new Vsip4xUnreachableException(method, message, e);
            }
            throw new Vsip4xOutcomeUnknownException(method, message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Vsip4xOutcomeUnknownException(method, "Interrupted while calling " + method, e);
        }

        int status = response.statusCode();
        if (status == SERVICE_UNAVAILABLE) {
            throw new Vsip4xUnreachableException(method, "The platform answered " + method
                    + " with HTTP " + status, null);
        }
        if (status >= 500) {
            throw new Vsip4xOutcomeUnknownException(method, "The platform answered " + method
                    + " with HTTP " + status, null);
        }
        if (status != 200) {
            throw new Vsip4xProtocolException(method, status, "The platform refused " + method
                    + " with HTTP " + status);
        }
        return parse(method, response.body());
    }

    /**
     * Whether the call failed before its request could reach the platform: the connection was
     * refused, or not opened in time. Any other failure (a read time-out, a connection closed or
     * reset while waiting) comes after the request was written, so its outcome is unknown.
     */
    static boolean notSent(IOException e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                    || cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
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

    private static String authorization(Vsip4xSettings settings) {
        String credentials = settings.accountName() + ":" + settings.accountPassword();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static URI endpoint(Vsip4xSettings settings, String method) {
        String base = settings.connectUrl().toString();
        return URI.create(base.endsWith("/") ? base + method : base + "/" + method);
    }
}

package io.vsip4x.sdk.ukey;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * The SM2 signature of a call when the client has a private key: SM3withSM2 over
 * {@code timestamp + "\n" + method + "\n" + body}, where {@code timestamp} is the epoch
 * milliseconds sent in {@link #TIMESTAMP_HEADER}, {@code method} the SDK method's name as in
 * the URL, and {@code body} the exact request bytes. Callbacks use the same signature without
 * the method line ({@code io.vsip4x.sdk.callback.CallbackSignature}).
 */
public final class RequestSignature {

    /** Header carrying the Base64 SM2 signature. */
    public static final String SIGNATURE_HEADER = "X-Vsip4x-Sm2-Signature";
    /** Header carrying the epoch-millisecond timestamp the signature covers. */
    public static final String TIMESTAMP_HEADER = "X-Vsip4x-Timestamp";
    /** How far the timestamp may be from the verifier's clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private RequestSignature() {
    }

    /** The signature header's value for a call of {@code method} with {@code body} at {@code timestamp}. */
    public static String sign(PrivateKey key, long timestamp, String method, byte[] body) {
        return Sm2.sign(key, payload(timestamp, method, body));
    }

    /**
     * Whether {@code signature} is {@code key}'s signature of the call and {@code timestamp} is
     * within {@link #MAX_SKEW} of {@code now}. Missing or malformed values do not verify.
     */
    public static boolean verify(PublicKey key, String timestamp, String method, byte[] body, String signature,
            Instant now) {
        Long millis = timely(timestamp, now);
        return millis != null && method != null && Sm2.verify(key, payload(millis, method, body), signature);
    }

    /** The timestamp header as epoch milliseconds when within {@link #MAX_SKEW} of {@code now}, else {@code null}. */
    static Long timely(String timestamp, Instant now) {
        if (timestamp == null) {
            return null;
        }
        try {
            long millis = Long.parseLong(timestamp.trim());
            Duration skew = Duration.between(Instant.ofEpochMilli(millis), now).abs();
            return skew.compareTo(MAX_SKEW) <= 0 ? millis : null;
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** {@code timestamp + "\n" + (method + "\n" when not null) + body}. */
    static byte[] payload(long timestamp, String method, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        out.writeBytes((timestamp + "\n").getBytes(StandardCharsets.UTF_8));
        if (method != null) {
            out.writeBytes((method + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The SM2 signature of a callback {@code body} at {@code timestamp}: the payload without a method line. */
    public static String signCallback(PrivateKey key, long timestamp, byte[] body) {
        return Sm2.sign(key, payload(timestamp, null, body));
    }

    /** Whether {@code signature} is {@code key}'s signature of a callback, timely at {@code now}. */
    public static boolean verifyCallback(PublicKey key, String timestamp, byte[] body, String signature,
            Instant now) {
        Long millis = timely(timestamp, now);
        return millis != null && Sm2.verify(key, payload(millis, null, body), signature);
    }
}

package io.vsip4x.sdk.callback;

import io.vsip4x.sdk.ukey.RequestSignature;
import io.vsip4x.sdk.ukey.Sm2;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies callback bodies: HMAC-SHA256 over {@code timestamp + "\n" + body},
 * keyed with the shared callback secret, and, when the platform signs with its SM2 key, the
 * SM3withSM2 signature of the same bytes in {@link #SM2_SIGNATURE_HEADER}.
 */
public final class CallbackSignature {

    /** Header carrying the signature. */
    public static final String SIGNATURE_HEADER = "X-Vsip4x-Signature";
    /** Header carrying the epoch-millisecond timestamp. */
    public static final String TIMESTAMP_HEADER = "X-Vsip4x-Timestamp";
    /** Header carrying the platform's Base64 SM2 signature, when it has a key. */
    public static final String SM2_SIGNATURE_HEADER = RequestSignature.SIGNATURE_HEADER;
    private static final String PREFIX = "hmac-sha256=";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final PublicKey platformKey;

    /** @param secret the shared callback secret; must not be empty */
    public CallbackSignature(String secret) {
        this(secret, null);
    }

    /**
     * @param secret            the shared callback secret; must not be empty
     * @param platformPublicKey the platform's SM2 public key as PEM, or {@code null}: when given,
     *                          {@link #verify(String, String, String, byte[], Instant)} also
     *                          requires its signature
     * @throws IllegalArgumentException when the key is not an SM2 public key in PEM
     */
    public CallbackSignature(String secret, String platformPublicKey) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("The callback secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.platformKey = platformPublicKey == null ? null : Sm2.publicKey(platformPublicKey);
    }

    /** The value of the signature header for {@code body} sent at {@code timestamp}. */
    public String sign(long timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(timestamp, body));
    }

    /**
     * Whether {@code signature} matches {@code body} and {@code timestamp} is within five
     * minutes of {@code now}. Malformed values simply do not verify.
     */
    public boolean verify(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null || !signature.startsWith(PREFIX)) {
            return false;
        }
        long millis;
        byte[] given;
        try {
            millis = Long.parseLong(timestamp.trim());
            given = HexFormat.of().parseHex(signature.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Duration skew = Duration.between(Instant.ofEpochMilli(millis), now).abs();
        return skew.compareTo(MAX_SKEW) <= 0 && MessageDigest.isEqual(given, mac(millis, body));
    }

    /**
     * Whether the HMAC {@code signature} verifies as in {@link #verify(String, String, byte[], Instant)}
     * and, when this verifier has the platform's public key, {@code sm2Signature} is the
     * platform's SM2 signature of {@code timestamp + "\n" + body}; without a key
     * {@code sm2Signature} is not looked at.
     */
    public boolean verify(String timestamp, String signature, String sm2Signature, byte[] body, Instant now) {
        if (!verify(timestamp, signature, body, now)) {
            return false;
        }
        return platformKey == null || RequestSignature.verifyCallback(platformKey, timestamp, body, sm2Signature, now);
    }

    private byte[] mac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

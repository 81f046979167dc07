package io.vsip4x.sdk.ukey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The UKEY envelope: a fresh 128-bit SM4 key encrypts the JSON with SM4-GCM (12-byte nonce,
 * 128-bit tag, the version label and the wrapped key as associated data), and the recipient's
 * SM2 public key encrypts that SM4 key (SM2 public-key encryption with SM3, C1C2C3 order). The text form is
 * {@code v1.} followed by the Base64 of the wrapped key, the nonce and the ciphertext with its
 * tag, joined by dots. Only the holder of the SM2 private key can open it, and any change to
 * any part makes {@link #open} fail. The spec leaves this cryptography open (catalog A37); this
 * is our binding's, on the national algorithms. Thread-safe.
 */
public final class UkeyEnvelope {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UkeyEnvelope() {
    }

    /** Encrypts {@code plaintext} for the holder of the private key matching {@code recipient}. */
    public static String seal(byte[] plaintext, PublicKey recipient) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("SM4", Sm2.PROVIDER);
            generator.init(128, RANDOM);
            SecretKey contentKey = generator.generateKey();
            byte[] wrapped = sm2(Cipher.ENCRYPT_MODE, recipient).doFinal(contentKey.getEncoded());
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            byte[] ciphertext = sm4(Cipher.ENCRYPT_MODE, contentKey, nonce, wrapped).doFinal(plaintext);
            Base64.Encoder base64 = Base64.getEncoder();
            return VERSION + "." + base64.encodeToString(wrapped) + "." + base64.encodeToString(nonce) + "."
                    + base64.encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot seal for this key: it is not an SM2 public key", e);
        }
    }

    /**
     * Decrypts an envelope sealed for {@code key}'s public half.
     *
     * @throws InvalidEnvelopeException when the text is not an envelope, was sealed for another
     *                                  key, or was changed on the way
     */
    public static byte[] open(String envelope, PrivateKey key) {
        String[] parts = envelope == null ? new String[0] : envelope.trim().split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new InvalidEnvelopeException("The text is not a " + VERSION + " UKEY envelope");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] wrapped = base64.decode(parts[1]);
            byte[] nonce = base64.decode(parts[2]);
            byte[] ciphertext = base64.decode(parts[3]);
            if (nonce.length != NONCE_BYTES) {
                throw new InvalidEnvelopeException("The envelope's nonce has the wrong length");
            }
            SecretKey contentKey = new SecretKeySpec(sm2(Cipher.DECRYPT_MODE, key).doFinal(wrapped), "SM4");
            return sm4(Cipher.DECRYPT_MODE, contentKey, nonce, wrapped).doFinal(ciphertext);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidEnvelopeException("The envelope cannot be opened with this key");
        }
    }

    private static Cipher sm2(int mode, Key key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("SM2", Sm2.PROVIDER);
        cipher.init(mode, key, RANDOM);
        return cipher;
    }

    private static Cipher sm4(int mode, SecretKey key, byte[] nonce, byte[] wrapped)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", Sm2.PROVIDER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(VERSION.getBytes(StandardCharsets.US_ASCII));
        cipher.updateAAD(wrapped);
        return cipher;
    }

    /** An envelope that cannot be opened: malformed, for another key, or tampered with. */
    public static final class InvalidEnvelopeException extends RuntimeException {

        InvalidEnvelopeException(String message) {
            super(message);
        }
    }
}

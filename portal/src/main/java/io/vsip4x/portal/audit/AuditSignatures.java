package io.vsip4x.portal.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 signatures of the audit trail with the JDK's own implementation: PEM reading and
 * writing, key ids, signing and checking. Used by the portal and by {@link ArchiveCheck} offline.
 */
public final class AuditSignatures {

    private static final String ALGORITHM = "Ed25519";
    private static final Pattern PRIVATE_PEM = pem("PRIVATE KEY");
    private static final Pattern PUBLIC_PEM = pem("PUBLIC KEY");
    private static final int SEED_BYTES = 32;

    private AuditSignatures() {
    }

    /** The id of a public key: the first 16 hex digits of SHA-256 of its X.509 (DER) encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Signs {@code text} (UTF-8); the signature in base64. */
    public static String sign(PrivateKey key, String text) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with the audit key", e);
        }
    }

    /** Whether {@code signature} (base64) signs {@code text}; a malformed signature is not one. */
    public static boolean verify(PublicKey key, String text, String signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key from the first {@code PUBLIC KEY} PEM block of {@code text}. */
    public static PublicKey readPublicKey(String text) {
        Matcher m = PUBLIC_PEM.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("No PUBLIC KEY PEM block found");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(m.group(1))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The PUBLIC KEY block is not an Ed25519 public key", e);
        }
    }

    /**
     * The key pair of a PKCS#8 {@code PRIVATE KEY} PEM block; its public key is the file's
     * {@code PUBLIC KEY} block when there is one, or derived from the private key by the JDK's key
     * generator seeded with it (and checked by a signature).
     */
    static KeyPair readKeyPair(String text) {
        Matcher m = PRIVATE_PEM.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("The audit signing key file has no PRIVATE KEY PEM block");
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(m.group(1))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The audit signing key is not an Ed25519 PKCS#8 private key", e);
        }
        PublicKey publicKey = PUBLIC_PEM.matcher(text).find() ? readPublicKey(text) : derive(privateKey);
        String probe = "vsip4x-audit-key-check";
        if (!verify(publicKey, probe, sign(privateKey, probe))) {
            throw new IllegalArgumentException("The public key of the audit signing key file does not match its "
                    + "private key");
        }
        return new KeyPair(publicKey, privateKey);
    }

    static String privateKeyPem(PrivateKey key) {
        return toPem("PRIVATE KEY", key.getEncoded());
    }

    static String publicKeyPem(PublicKey key) {
        return toPem("PUBLIC KEY", key.getEncoded());
    }

    static String publicKeyBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** An Ed25519 key pair is made from 32 random bytes: giving the generator the private key's gives its pair. */
    private static PublicKey derive(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("The audit signing key's bytes cannot be read"));
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("The audit signing key is not an Ed25519 key");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    private static Pattern pem(String label) {
        return Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]+)-----END " + label + "-----");
    }

    private static byte[] decode(String body) {
        return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
    }

    private static String toPem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Hands out given bytes as "random" ones, once. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] into) {
            if (into.length != bytes.length) {
                throw new IllegalStateException("The key generator asked for " + into.length + " bytes");
            }
            System.arraycopy(bytes, 0, into, 0, into.length);
        }
    }
}

package io.vsip4x.sdk.ukey;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * SM2 keys on the curve {@code sm2p256v1} and SM2 signatures with SM3 (the default signer id
 * {@code 1234567812345678}), through a private BouncyCastle provider instance: nothing is
 * registered globally. Keys travel as PEM: PKCS#8 {@code PRIVATE KEY} (an OpenSSL
 * {@code EC PRIVATE KEY} is read too) and X.509 {@code PUBLIC KEY}. Thread-safe.
 */
public final class Sm2 {

    /** The provider every primitive of this package comes from. */
    static final Provider PROVIDER = new BouncyCastleProvider();
    private static final String CURVE = "sm2p256v1";
    private static final String SIGNATURE = "SM3withSM2";

    private Sm2() {
    }

    /** A fresh SM2 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 key generation is not available", e);
        }
    }

    /**
     * Reads an SM2 private key from PEM.
     *
     * @throws IllegalArgumentException when {@code pem} holds no private key
     */
    public static PrivateKey privateKey(String pem) {
        Object object = readPem(pem);
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(PROVIDER);
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The PEM private key is not an SM2 key", e);
        }
        throw new IllegalArgumentException("The PEM text holds no private key");
    }

    /**
     * Reads an SM2 public key from PEM.
     *
     * @throws IllegalArgumentException when {@code pem} holds no public key
     */
    public static PublicKey publicKey(String pem) {
        Object object = readPem(pem);
        if (!(object instanceof SubjectPublicKeyInfo info)) {
            throw new IllegalArgumentException("The PEM text holds no public key");
        }
        try {
            return new JcaPEMKeyConverter().setProvider(PROVIDER).getPublicKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("The PEM public key is not an SM2 key", e);
        }
    }

    /**
     * The public half of the SM2 private key {@code key}.
     *
     * @throws IllegalArgumentException when {@code key} is not an SM2 (BouncyCastle EC) key
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ecKey)) {
            throw new IllegalArgumentException("Not an SM2 private key");
        }
        ECParameterSpec spec = ecKey.getParameters();
        try {
            return KeyFactory.getInstance("EC", PROVIDER)
                    .generatePublic(new ECPublicKeySpec(spec.getG().multiply(ecKey.getD()).normalize(), spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an SM2 private key", e);
        }
    }

    /** {@code key} as PEM: PKCS#8 for a private key, X.509 for a public one. */
    public static String pem(Key key) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (key instanceof PrivateKey privateKey) {
                writer.writeObject(new JcaPKCS8Generator(privateKey, null));
            } else {
                writer.writeObject(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The Base64 of the SM3withSM2 signature (DER) of {@code data}. */
    public static String sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(SIGNATURE, PROVIDER);
            signer.initSign(key);
            signer.update(data);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot sign with this key: it is not an SM2 key", e);
        }
    }

    /**
     * Whether {@code signature} (Base64 of DER) is {@code key}'s SM3withSM2 signature of
     * {@code data}. Malformed signatures and foreign keys simply do not verify.
     */
    public static boolean verify(PublicKey key, byte[] data, String signature) {
        if (key == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(SIGNATURE, PROVIDER);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Object readPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("The PEM text is empty");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem.trim()))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IllegalArgumentException("The text is not PEM");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("The PEM text cannot be read", e);
        }
    }
}

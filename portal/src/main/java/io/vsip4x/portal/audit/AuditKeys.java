package io.vsip4x.portal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The portal's audit signing key (Ed25519), which signs checkpoints of the chain and archive
 * manifests, and the public keys whose signatures count. The key comes from
 * {@code portal.audit.signing-key-file}, or is made once in the data folder (readable by its owner
 * only). Its public key is logged at start with its key id, for offline checks.
 */
@Component
public class AuditKeys {

    /** The file name of the key made in the data folder. */
    static final String KEY_FILE = "audit-signing-key.pem";

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final KeyPair pair;
    private final String keyId;
    private final Map<String, PublicKey> trusted = new HashMap<>();

    AuditKeys(AuditProperties properties, @Value("${portal.data-dir}") Path dataDir) {
        Path file = properties.signingKeyFile() != null ? properties.signingKeyFile() : dataDir.resolve(KEY_FILE);
        if (properties.signingKeyFile() == null && !Files.exists(file)) {
            create(file);
        }
        this.pair = AuditSignatures.readKeyPair(read(file));
        this.keyId = AuditSignatures.keyId(pair.getPublic());
        trusted.put(keyId, pair.getPublic());
        for (Path old : properties.trustedKeyFiles()) {
            PublicKey key = AuditSignatures.readPublicKey(read(old));
            trusted.put(AuditSignatures.keyId(key), key);
        }
        log.info("Audit signing key {} from {}; its public key (X.509, base64): {}", keyId, file,
                AuditSignatures.publicKeyBase64(pair.getPublic()));
    }

    /** The id of the signing key: the first 16 hex digits of SHA-256 of its public key (X.509 DER). */
    public String keyId() {
        return keyId;
    }

    /** The public key of the signing key, as a PEM block. */
    public String publicKeyPem() {
        return AuditSignatures.publicKeyPem(pair.getPublic());
    }

    /** Signs {@code text} (UTF-8); answers the signature in base64. */
    public String sign(String text) {
        return AuditSignatures.sign(pair.getPrivate(), text);
    }

    /** Whether {@code signature} is a signature of {@code text} by the key {@code keyId}, this or a trusted one. */
    public boolean verify(String keyId, String text, String signature) {
        PublicKey key = trusted.get(keyId);
        return key != null && AuditSignatures.verify(key, text, signature);
    }

    private static void create(Path file) {
        try {
            KeyPair made = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String pem = AuditSignatures.privateKeyPem(made.getPrivate())
                    + AuditSignatures.publicKeyPem(made.getPublic());
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            log.warn("Made a new audit signing key in {}: keep a copy of it, and of its public key, safe", file);
        } catch (FileAlreadyExistsException e) {
            log.info("Another start made the audit signing key {} meanwhile", file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit key file " + file, e);
        }
    }

    /** Keeps the private key out of any text made of this object. */
    @Override
    public String toString() {
        return "AuditKeys[" + keyId + "]";
    }
}

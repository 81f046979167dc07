package io.vsip4x.simulator.ukey;

import io.vsip4x.sdk.ukey.Sm2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own SM2 key pair: read from its key file (PKCS#8 PEM beside the state file),
 * or generated and written there when the file does not exist yet; kept in memory only when the
 * simulator has no state file.
 */
public final class PlatformKey {

    private static final Logger log = LoggerFactory.getLogger(PlatformKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private PlatformKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * The key pair kept in {@code keyFile}, created there if missing; a fresh in-memory one when
     * {@code keyFile} is {@code null}.
     *
     * @throws UncheckedIOException     when the file cannot be read or written
     * @throws IllegalArgumentException when the file holds no SM2 private key
     */
    public static PlatformKey load(Path keyFile) {
        if (keyFile == null) {
            KeyPair pair = Sm2.generate();
            return new PlatformKey(pair.getPrivate(), pair.getPublic());
        }
        try {
            if (Files.exists(keyFile)) {
                PrivateKey key = Sm2.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
                return new PlatformKey(key, Sm2.publicKeyOf(key));
            }
            KeyPair pair = Sm2.generate();
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.writeString(keyFile, Sm2.pem(pair.getPrivate()), StandardCharsets.US_ASCII);
            restrict(keyFile);
            log.info("Generated the platform's SM2 key pair in '{}'", keyFile);
            return new PlatformKey(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the platform key in " + keyFile, e);
        }
    }

    /** The private key: signs callbacks, opens UKEY envelopes. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The public key, given to the portal. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM. */
    public String publicKeyPem() {
        return Sm2.pem(publicKey);
    }

    /** Leaves the private key out. */
    @Override
    public String toString() {
        return "PlatformKey[SM2]";
    }

    private static void restrict(Path keyFile) {
        try {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Could not restrict the permissions of '{}'", keyFile);
        }
    }
}

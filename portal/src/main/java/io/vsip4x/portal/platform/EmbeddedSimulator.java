package io.vsip4x.portal.platform;

import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.simulator.SimulatorSettings;
import io.vsip4x.simulator.Vsip4xSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator of the default run: in this process, on its own loopback port, its state kept
 * under the data folder. The portal reaches it over HTTP like a real platform, signing its calls
 * as production does: with {@code portal.platform.private-key}, or else the key kept in
 * {@code {portal.data-dir}/portal-sm2-key.pem} (made at the first start, readable by its owner
 * only), whose public key the simulator is given. Its software UKEY middleware runs on a free
 * loopback port.
 */
public class EmbeddedSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSimulator.class);

    /** The file of the portal's SM2 key in the data folder, when no key is configured. */
    static final String KEY_FILE = "portal-sm2-key.pem";

    private final Vsip4xSimulator simulator;
    private final String portalPrivateKey;

    EmbeddedSimulator(PlatformProperties properties, Path dataDir) {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withPort(properties.simulator().port())
                .withCredentials(properties.account(), properties.password())
                .withCallbackSecret(properties.callbackSecret())
                .withCreateDelay(properties.simulator().createDelay())
                .withPowerDelay(properties.simulator().powerDelay())
                .withGuestAgentDelay(properties.simulator().guestAgentDelay())
                .withStateFile(dataDir.resolve("simulator-state.json"))
                .withUkeyMiddlewarePort(0);
        this.simulator = new Vsip4xSimulator(settings);
        this.portalPrivateKey = properties.privateKey() != null ? properties.privateKey()
                : loadOrCreateKey(dataDir.resolve(KEY_FILE));
    }

    /** The portal's SM2 private key as PEM from {@code file}, made there first when it is missing. */
    static String loadOrCreateKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String pem = Sm2.pem(Sm2.generate().getPrivate());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, pem, StandardCharsets.US_ASCII);
                    log.info("Made the portal's SM2 key for the embedded simulator in {}", file);
                } catch (FileAlreadyExistsException e) {
                    // Another start made it meanwhile: use that one.
                } catch (UnsupportedOperationException e) {
                    Files.writeString(file, pem, StandardCharsets.US_ASCII);
                }
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            Sm2.privateKey(pem);
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException("The portal's SM2 key file " + file + " cannot be read or made", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The file " + file + " holds no SM2 private key in PEM");
        }
    }

    void start() {
        simulator.start();
        PrivateKey key = Sm2.privateKey(portalPrivateKey);
        simulator.setPortalPublicKey(Sm2.pem(Sm2.publicKeyOf(key)));
        log.info("The simulated Vsip4x platform is listening on {}", baseUrl());
    }

    /** The REST base URL the adapter calls. */
    public URI baseUrl() {
        return URI.create(simulator.baseUrl().toString());
    }

    /** The port of the simulator's guacd, which draws its VMs' consoles; the embedded default's guacd. */
    public int guacdPort() {
        return simulator.guacdPort();
    }

    /** The portal's SM2 private key as PEM, which signs the calls to this simulator; never logged. */
    public String portalPrivateKey() {
        return portalPrivateKey;
    }

    /** The simulator's SM2 public key as PEM, which UKEY envelopes are sealed for. */
    public String platformPublicKey() {
        return simulator.platformPublicKey();
    }

    /** The software UKEY middleware's base URL, or {@code null} when it is off. */
    public URI ukeyMiddlewareUrl() {
        return simulator.ukeyMiddlewareUrl();
    }

    /** The simulator itself, for tests that inject faults. */
    public Vsip4xSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.stop();
    }
}

package io.vsip4x.portal.platform;

import io.vsip4x.sdk.ukey.Sm2;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal reaches the Vsip4x platform.
 *
 * @param embeddedSimulator start the simulator in this process and talk to it over loopback
 * @param client            which client reaches the platform: our HTTP binding, or the vendor's SDK class
 * @param url               the platform's REST base URL; ignored with the embedded simulator
 * @param ipAddress         the SDK's IP address setting
 * @param account           the SDK account
 * @param password          the SDK password; never logged
 * @param callbackUrl       where the platform posts events; derived from the local port when empty
 * @param callbackSecret    the shared secret that signs callbacks; never logged
 * @param connectTimeout    time allowed to connect
 * @param readTimeout       time allowed for an answer
 * @param pageReadTimeout   time allowed for the answer to a read a page waits for, tried once
 *                          ({@link PlatformClient#read}): a page shows the platform unavailable
 *                          rather than hang
 * @param operationTimeout  how long an accepted operation may wait for its callback
 * @param privateKey        the portal's SM2 private key as PEM ({@code setPrivateKey}), or empty: when
 *                          set, every call is signed with it (see the binding); never logged
 * @param platformPublicKey the platform's SM2 public key as PEM, or empty: when set, callbacks must
 *                          carry the platform's SM2 signature besides the HMAC, and UKEY envelopes
 *                          are sealed for it
 * @param simulator         settings of the embedded simulator
 */
@Validated
@ConfigurationProperties("portal.platform")
public record PlatformProperties(
        @DefaultValue("true") boolean embeddedSimulator,
        @DefaultValue("http") Client client,
        URI url,
        @DefaultValue("127.0.0.1") String ipAddress,
        @DefaultValue("portal") @NotBlank String account,
        @DefaultValue(DEMO_PASSWORD) @NotBlank String password,
        URI callbackUrl,
        @DefaultValue(DEMO_CALLBACK_SECRET) @NotBlank String callbackSecret,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("3s") Duration pageReadTimeout,
        @DefaultValue("10m") Duration operationTimeout,
        String privateKey,
        String platformPublicKey,
        @DefaultValue Simulator simulator) {

    /** The demo account password and callback secret, which everybody knows. */
    static final String DEMO_PASSWORD = "portal-secret";
    static final String DEMO_CALLBACK_SECRET = "sim-callback-secret";

    public PlatformProperties {
        privateKey = privateKey == null || privateKey.isBlank() ? null : privateKey;
        platformPublicKey = platformPublicKey == null || platformPublicKey.isBlank() ? null : platformPublicKey;
        checkKeys(privateKey, platformPublicKey);
        if (!embeddedSimulator) {
            if (url == null) {
                throw new IllegalArgumentException("Set portal.platform.url: the platform's REST base URL");
            }
            if (DEMO_PASSWORD.equals(password) || DEMO_CALLBACK_SECRET.equals(callbackSecret)) {
                throw new IllegalArgumentException("Set portal.platform.password and "
                        + "portal.platform.callback-secret: the demo values are public and would let anybody "
                        + "forge platform events");
            }
        }
    }

    /** Refuses keys that are not SM2 keys in PEM, naming the setting but never the key. */
    private static void checkKeys(String privateKey, String platformPublicKey) {
        try {
            if (privateKey != null) {
                Sm2.privateKey(privateKey);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("portal.platform.private-key is not an SM2 private key in PEM");
        }
        try {
            if (platformPublicKey != null) {
                Sm2.publicKey(platformPublicKey);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("portal.platform.platform-public-key is not an SM2 public key in PEM");
        }
    }

    /**
     * The client that reaches the platform ({@code portal.platform.client}).
     */
    public enum Client {

        /** Our HTTP binding ({@code docs/platform-binding.md}), the default. */
        HTTP,

        /**
         * The vendor's own SDK class {@code com.wisersoft.sdk.WSSdkImpl}, called by reflection;
         * its jar must be on the class path. Completion is confirmed by polling only.
         */
        VENDOR_SDK
    }

    /**
     * The embedded simulator.
     *
     * @param port        its loopback port, 0 for any free one
     * @param createDelay how long creating a VM takes
     * @param powerDelay  how long a power operation takes
     * @param guestAgentDelay how long after a VM runs its guest agent starts
     */
    public record Simulator(
            @DefaultValue("0") int port,
            @DefaultValue("2s") Duration createDelay,
            @DefaultValue("1s") Duration powerDelay,
            @DefaultValue("3s") Duration guestAgentDelay) {
    }

    @Override
    public String toString() {
        return "PlatformProperties[embeddedSimulator=" + embeddedSimulator + ", client=" + client + ", url=" + url
                + "]";
    }
}

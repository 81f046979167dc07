package io.vsip4x.sdk;

import io.vsip4x.sdk.ukey.Sm2;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The connection settings of a client as its setters change them at run time: each change
 * replaces the settings and the private key parsed from them in one step, so a call never sees
 * half a change, and a bad value changes nothing. Thread-safe.
 */
final class ClientSettings {

    /** The settings and the private key parsed from them, replaced together. */
    private record Current(Vsip4xSettings settings, PrivateKey signingKey) {

        static Current of(Vsip4xSettings settings) {
            String pem = settings == null ? null : settings.privateKey();
            return new Current(settings, pem == null ? null : Sm2.privateKey(pem));
        }
    }

    private final AtomicReference<Current> current;
    private volatile PublicKey platformKey;

    /**
     * Settings starting with {@code initial}, or none to manage when {@code null}.
     *
     * @throws IllegalArgumentException when its private key is not an SM2 private key in PEM
     */
    ClientSettings(Vsip4xSettings initial) {
        this.current = new AtomicReference<>(Current.of(initial));
    }

    /** The current settings, or {@code null} when they are managed elsewhere. */
    Vsip4xSettings settings() {
        return current.get().settings();
    }

    /** The SM2 key that signs calls, from the private key setting, or {@code null}. */
    PrivateKey signingKey() {
        return current.get().signingKey();
    }

    void setIpAddress(String ipAddress) {
        update(s -> s.withIpAddress(ipAddress == null || ipAddress.isBlank() ? null : ipAddress.trim()));
    }

    void setConnectUrl(String connectUrl) {
        URI url;
        try {
            url = URI.create(requireText(connectUrl, "connectUrl"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The connect URL is not a URL: '" + connectUrl + "'", e);
        }
        if (!url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException("The connect URL must be absolute: '" + connectUrl + "'");
        }
        update(s -> s.withConnectUrl(url));
    }

    void setAccountName(String accountName) {
        String account = requireText(accountName, "accountName");
        update(s -> s.withAccountName(account));
    }

    void setAccountPassword(String accountPassword) {
        if (accountPassword == null) {
            throw new IllegalArgumentException("The account password must not be null");
        }
        update(s -> s.withAccountPassword(accountPassword));
    }

    void setPrivateKey(String privateKey) {
        String pem = privateKey == null || privateKey.isBlank() ? null : privateKey;
        update(s -> s.withPrivateKey(pem));
    }

    void setPlatformPublicKey(String publicKey) {
        platformKey = publicKey == null || publicKey.isBlank() ? null : Sm2.publicKey(publicKey);
    }

    /** The platform's SM2 public key, or {@code null}. */
    PublicKey platformKey() {
        return platformKey;
    }

    private void update(UnaryOperator<Vsip4xSettings> change) {
        if (current.get().settings() == null) {
            throw new IllegalStateException("This client's settings are managed elsewhere");
        }
        // Parsing the key first keeps a bad one from replacing the settings.
        current.updateAndGet(now -> Current.of(change.apply(now.settings())));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + name + " setting must not be blank");
        }
        return value.trim();
    }
}

package io.vsip4x.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings of the SDK: the four documented ones, the optional private key, and the
 * callback address and secret of our binding.
 *
 * @param ipAddress      address of the resource control service ({@code setIpAddress})
 * @param connectUrl     base URL of the REST service ({@code setConnectUrl})
 * @param accountName    account ({@code setAccountName})
 * @param accountPassword password ({@code setAccountPassword}); never logged
 * @param privateKey     optional private key for certificate authentication, or {@code null}
 * @param callbackUrl    where the platform posts completion events, or {@code null}
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout    time allowed for an answer
 */
public record Vsip4xSettings(
        String ipAddress,
        URI connectUrl,
        String accountName,
        String accountPassword,
        String privateKey,
        URI callbackUrl,
        Duration connectTimeout,
        Duration readTimeout) {

    public Vsip4xSettings {
        Objects.requireNonNull(connectUrl, "connectUrl");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(accountPassword, "accountPassword");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }

    @Override
    public String toString() {
        return "Vsip4xSettings[connectUrl=" + connectUrl + ", account=" + accountName + "]";
    }
}

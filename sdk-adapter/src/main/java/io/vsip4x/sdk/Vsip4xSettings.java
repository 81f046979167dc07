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
 * @param privateKey     optional SM2 private key (PEM) that signs requests and opens UKEY answers
 *                       ({@code setPrivateKey}), or {@code null}; never logged
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

    /** A copy with IP address {@code address} ({@code setIpAddress}); {@code null} for none. */
    public Vsip4xSettings withIpAddress(String address) {
        return new Vsip4xSettings(address, connectUrl, accountName, accountPassword, privateKey, callbackUrl,
                connectTimeout, readTimeout);
    }

    /** A copy calling the REST service at {@code url} ({@code setConnectUrl}). */
    public Vsip4xSettings withConnectUrl(URI url) {
        return new Vsip4xSettings(ipAddress, url, accountName, accountPassword, privateKey, callbackUrl,
                connectTimeout, readTimeout);
    }

    /** A copy signing in as {@code account} ({@code setAccountName}). */
    public Vsip4xSettings withAccountName(String account) {
        return new Vsip4xSettings(ipAddress, connectUrl, account, accountPassword, privateKey, callbackUrl,
                connectTimeout, readTimeout);
    }

    /** A copy signing in with {@code password} ({@code setAccountPassword}). */
    public Vsip4xSettings withAccountPassword(String password) {
        return new Vsip4xSettings(ipAddress, connectUrl, accountName, password, privateKey, callbackUrl,
                connectTimeout, readTimeout);
    }

    /** A copy with the PEM private key {@code pem} ({@code setPrivateKey}); {@code null} for none. */
    public Vsip4xSettings withPrivateKey(String pem) {
        return new Vsip4xSettings(ipAddress, connectUrl, accountName, accountPassword, pem, callbackUrl,
                connectTimeout, readTimeout);
    }

    /** Leaves the password and the private key out. */
    @Override
    public String toString() {
        return "Vsip4xSettings[ipAddress=" + ipAddress + ", connectUrl=" + connectUrl + ", account=" + accountName
                + ", privateKey=" + (privateKey == null ? "none" : "set") + "]";
    }
}

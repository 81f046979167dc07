package io.vsip4x.sdk.http;

import io.vsip4x.sdk.AbstractVsip4xClient;
import io.vsip4x.sdk.Vsip4xSettings;

/**
 * The Vsip4x client over our HTTP binding ({@code docs/platform-binding.md}): the typed methods
 * of {@link AbstractVsip4xClient} over {@link HttpTransport}. Thread-safe.
 */
public class HttpVsip4xClient extends AbstractVsip4xClient {

    private final HttpTransport transport;

    /**
     * A client starting with {@code settings}; the setters change them for later calls (the
     * connect time-out stays as given here).
     *
     * @throws IllegalArgumentException when the private key is not an SM2 private key in PEM
     */
    public HttpVsip4xClient(Vsip4xSettings settings) {
        super(settings);
        this.transport = new HttpTransport(settings.connectTimeout(), this::settings, this::signingKey);
    }

    @Override
    public Object call(String method, Object... args) {
        return transport.call(method, args);
    }
}

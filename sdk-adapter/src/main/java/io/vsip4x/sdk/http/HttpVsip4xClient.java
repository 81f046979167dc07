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
        this(settings, HttpTransport.QUERY_ATTEMPTS);
    }

    /**
     * A client as {@link #HttpVsip4xClient(Vsip4xSettings)} that tries a read-only query at most
     * {@code queryAttempts} times: 1 for a caller with a short budget (a page that must not hang),
     * which sets a short read time-out in {@code settings} too.
     *
     * @throws IllegalArgumentException when {@code queryAttempts} is below 1 or the private key is
     *                                  not an SM2 private key in PEM
     */
    public HttpVsip4xClient(Vsip4xSettings settings, int queryAttempts) {
        super(settings);
        this.transport = new HttpTransport(settings.connectTimeout(), this::settings, this::signingKey,
                queryAttempts);
    }

    @Override
    public Object call(String method, Object... args) {
        return transport.call(method, args);
    }
}

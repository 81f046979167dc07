package io.vsip4x.sdk.http;

import io.vsip4x.sdk.AbstractVsip4xClient;
import io.vsip4x.sdk.Vsip4xSettings;

/**
 * The Vsip4x client over our HTTP binding ({@code docs/platform-binding.md}): the typed methods
 * of {@link AbstractVsip4xClient} over {@link HttpTransport}. Thread-safe.
 */
public class HttpVsip4xClient extends AbstractVsip4xClient {

    private final HttpTransport transport;

    public HttpVsip4xClient(Vsip4xSettings settings) {
        this.transport = new HttpTransport(settings);
    }

    @Override
    public Object call(String method, Object... args) {
        return transport.call(method, args);
    }
}

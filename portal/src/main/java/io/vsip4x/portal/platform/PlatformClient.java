package io.vsip4x.portal.platform;

import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xOutcomeUnknownException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.sdk.vendor.ReflectiveVsip4xClient;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The portal's way to the platform: the adapter's client, built on first use (when the local
 * port, and so the default callback URL, is known), with every call feeding {@link PlatformHealth};
 * and a second one with a short read time-out and a single try for the reads pages wait for
 * ({@link #read}).
 * The client is our HTTP binding, or the vendor's SDK class when {@code portal.platform.client}
 * is {@code vendor-sdk}. With the embedded simulator its keys are the simulator's
 * ({@link EmbeddedSimulator#portalPrivateKey()}, {@link EmbeddedSimulator#platformPublicKey()}).
 */
@Component
public class PlatformClient {

    private final PlatformProperties properties;
    private final Environment environment;
    private final ObjectProvider<EmbeddedSimulator> simulator;
    private final PlatformHealth health;
    private volatile Vsip4xClient client;
    private volatile Vsip4xClient pageClient;

    PlatformClient(PlatformProperties properties, Environment environment,
            ObjectProvider<EmbeddedSimulator> simulator, PlatformHealth health) {
        this.properties = properties;
        this.environment = environment;
        this.simulator = simulator;
        this.health = health;
    }

    /**
     * Runs {@code call} against the platform and records whether it got through.
     *
     * @throws Vsip4xUnreachableException when the platform cannot be reached
     */
    public <T> T call(Function<Vsip4xClient, T> call) {
        try {
            T result = call.apply(client());
            health.markReachable();
            return result;
        } catch (Vsip4xUnreachableException e) {
            health.markUnreachable();
            throw e;
        }
    }

    /**
     * Runs read-only {@code call} for a page or an API read someone waits for: tried once, with
     * {@code portal.platform.page-read-timeout} for its answer, so a platform that does not
     * answer makes the page show it unavailable rather than hang. Only a call that did not get
     * through marks the platform unreachable; a short read's time-out proves less. With the
     * vendor's SDK class, which keeps its own time-outs, this is {@link #call}.
     *
     * @throws Vsip4xUnreachableException when the platform cannot be reached or does not answer in time
     */
    public <T> T read(Function<Vsip4xClient, T> call) {
        if (properties.client() != PlatformProperties.Client.HTTP) {
            return call(call);
        }
        try {
            T result = call.apply(pageClient());
            health.markReachable();
            return result;
        } catch (Vsip4xOutcomeUnknownException e) {
            throw e;
        } catch (Vsip4xUnreachableException e) {
            health.markUnreachable();
            throw e;
        }
    }

    private Vsip4xClient client() {
        Vsip4xClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = withPlatformKey(create(properties.client(), settings(properties.readTimeout()),
                            classLoader()));
                }
                current = client;
            }
        }
        return current;
    }

    private Vsip4xClient pageClient() {
        Vsip4xClient current = pageClient;
        if (current == null) {
            synchronized (this) {
                if (pageClient == null) {
                    pageClient = withPlatformKey(new HttpVsip4xClient(settings(properties.pageReadTimeout()), 1));
                }
                current = pageClient;
            }
        }
        return current;
    }

    private Vsip4xClient withPlatformKey(Vsip4xClient created) {
        EmbeddedSimulator embedded = simulator.getIfAvailable();
        String platformKey = properties.platformPublicKey() != null ? properties.platformPublicKey()
                : embedded != null ? embedded.platformPublicKey() : null;
        if (platformKey != null) {
            created.setPlatformPublicKey(platformKey);
        }
        return created;
    }

    /**
     * The client of {@code kind} over {@code settings}.
     *
     * @throws IllegalStateException for the vendor's SDK client when its class is not on the class
     *                               path of {@code loader} (start-up has checked that it is)
     */
    static Vsip4xClient create(PlatformProperties.Client kind, Vsip4xSettings settings, ClassLoader loader) {
        return switch (kind) {
            case HTTP -> new HttpVsip4xClient(settings);
            case VENDOR_SDK -> new ReflectiveVsip4xClient(settings, loader);
        };
    }

    /**
     * The class loader that sees the vendor's jar: the portal's own, which in the executable jar
     * also holds the {@code loader.path} entries of Spring Boot's {@code PropertiesLauncher}.
     */
    static ClassLoader classLoader() {
        return PlatformClient.class.getClassLoader();
    }

    private Vsip4xSettings settings(Duration readTimeout) {
        EmbeddedSimulator embedded = simulator.getIfAvailable();
        URI url = embedded != null ? embedded.baseUrl() : properties.url();
        if (url == null) {
            throw new IllegalStateException("portal.platform.url is not set");
        }
        URI callback = properties.callbackUrl() != null ? properties.callbackUrl()
                : URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080")
                        + CallbackController.PATH);
        String privateKey = embedded != null ? embedded.portalPrivateKey() : properties.privateKey();
        return new Vsip4xSettings(properties.ipAddress(), url, properties.account(), properties.password(),
                privateKey, callback, properties.connectTimeout(), readTimeout);
    }
}

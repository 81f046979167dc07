package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.platform.EmbeddedSimulator;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where the sign-in page finds the UKEY middleware on the person's computer, and which of the
 * page's adapters talks to it: {@code portal.ukey.middleware-url}, or the embedded simulator's
 * software middleware when that is empty.
 */
@Component
public class UkeyMiddleware {

    private final UkeyProperties properties;
    private final ObjectProvider<EmbeddedSimulator> simulator;

    UkeyMiddleware(UkeyProperties properties, ObjectProvider<EmbeddedSimulator> simulator) {
        this.properties = properties;
        this.simulator = simulator;
    }

    /** The middleware's base URL without a trailing slash, or {@code null} when there is none. */
    public String url() {
        if (properties.middlewareUrl() != null) {
            return trimmed(properties.middlewareUrl());
        }
        EmbeddedSimulator embedded = simulator.getIfAvailable();
        URI url = embedded == null ? null : embedded.ukeyMiddlewareUrl();
        return url == null ? null : trimmed(url.toString());
    }

    /** The page's adapter for the middleware, such as {@code vsip4x-soft}. */
    public String adapter() {
        return properties.middlewareAdapter();
    }

    /**
     * What a page's watch of the session's key needs, when the session signed in with a UKEY and
     * its policy ends it as the key is removed; else {@code null}.
     */
    public Watch watch(HttpSession session) {
        if (session == null || !Boolean.TRUE.equals(session.getAttribute(UkeySession.WATCH))
                || !(session.getAttribute(UkeySession.SID) instanceof String sid)) {
            return null;
        }
        return new Watch(sid, url(), adapter());
    }

    /**
     * The layout's {@code ukeyWatch}.
     *
     * @param sid           the serial of the key that signed the session in
     * @param middlewareUrl where the page asks which keys are inserted
     * @param adapter       the page's adapter for that middleware
     */
    public record Watch(String sid, String middlewareUrl, String adapter) {
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

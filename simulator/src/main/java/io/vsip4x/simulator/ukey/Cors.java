package io.vsip4x.simulator.ukey;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call the software middleware from a page: a request without {@code Origin} (not a
 * browser page: curl, tests) is allowed without CORS headers; one whose origin is loopback
 * ({@code http} or {@code https}, host {@code 127.0.0.1}, {@code localhost} or {@code [::1]},
 * any port) is allowed and told so; any other is forbidden.
 */
record Cors(String origin) {

    /** A request without {@code Origin}. */
    static final Cors NONE = new Cors(null);
    /** A request from a page of another origin. */
    static final Cors FORBIDDEN = new Cors("");

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<String> HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    /** What the {@code Origin} header values {@code origins} allow. */
    static Cors of(List<String> origins) {
        if (origins == null || origins.isEmpty()) {
            return NONE;
        }
        if (origins.size() > 1) {
            return FORBIDDEN;
        }
        return loopback(origins.get(0)) ? new Cors(origins.get(0)) : FORBIDDEN;
    }

    /** Adds the CORS answer headers when the request came from an allowed page. */
    void apply(HttpExchange exchange) {
        if (origin != null && !origin.isEmpty()) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", origin);
            headers.set("Vary", "Origin");
        }
    }

    /** Adds the headers answering a preflight request. */
    static void preflight(HttpExchange exchange) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Methods", "GET, POST");
        headers.set("Access-Control-Allow-Headers", "Content-Type");
        headers.set("Access-Control-Allow-Private-Network", "true");
        headers.set("Access-Control-Max-Age", "600");
    }

    /** Whether {@code origin} is {@code scheme://host[:port]} with a loopback host. */
    static boolean loopback(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) && host != null
                    && HOSTS.contains(host.toLowerCase(Locale.ROOT)) && bare && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

package io.vsip4x.simulator.ukey;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call the software middleware: only requests naming it by a loopback name and its own
 * port in {@code Host} (a foreign name resolved to 127.0.0.1 by DNS rebinding is refused). Of
 * those, a request without {@code Origin} (not a browser page: curl, tests) is served without
 * CORS headers; one whose origin is loopback ({@code http} or {@code https}, host
 * {@code 127.0.0.1}, {@code localhost} or {@code [::1]}, any port) is served and told so; any
 * other is forbidden.
 */
final class Cors {

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<String> HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private Cors() {
    }

    /**
     * Whether the {@code Host} header values {@code hosts} ({@code null}: none) name the middleware
     * itself: exactly one value, {@code 127.0.0.1}, {@code localhost} or {@code [::1]} (any case)
     * with {@code port}, the port it listens on.
     */
    static boolean ownHost(List<String> hosts, int port) {
        if (hosts == null || hosts.size() != 1) {
            return false;
        }
        String host = hosts.get(0).trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        return colon > 0 && HOSTS.contains(host.substring(0, colon))
                && host.substring(colon + 1).equals(Integer.toString(port));
    }

    /** Whether a request with the {@code Origin} header values {@code origins} ({@code null}: none) may be served. */
    static boolean allowed(List<String> origins) {
        return origins == null || origins.size() == 1 && loopback(origins.get(0));
    }

    /** Adds the CORS answer headers for an {@link #allowed} request that named its origin. */
    static void answer(HttpExchange exchange, List<String> origins) {
        if (origins != null) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", origins.get(0));
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

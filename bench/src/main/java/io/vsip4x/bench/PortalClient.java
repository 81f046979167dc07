package io.vsip4x.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the portal as its users do: a signed-in page session, or the JSON API with HTTP Basic. */
final class PortalClient {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;

    PortalClient(URI base) {
        this.base = base;
        this.http = newClient(null);
    }

    private static HttpClient newClient(CookieManager cookies) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        return builder.build();
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** The shared client without cookies, for the API, static files and callbacks. */
    HttpClient http() {
        return http;
    }

    /**
     * A client signed in through the sign-in form as {@code username}; its session cookie makes
     * the pages answer without a password check per request.
     */
    HttpClient signIn(String username, String password) throws IOException, InterruptedException {
        HttpClient session = newClient(new CookieManager());
        String page = session.send(HttpRequest.newBuilder(uri("/login")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in page carries no CSRF token");
        }
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<Void> answer = session.send(HttpRequest.newBuilder(uri("/login")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Signing in as " + username + " failed: " + answer.statusCode() + " "
                    + location);
        }
        return session;
    }

    /** The Authorization header of HTTP Basic. */
    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A GET of the API as {@code username}. */
    HttpRequest apiGet(String pathAndQuery, String username) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", basic(username, Seeder.PASSWORD)).header("Accept", "application/json")
                .build();
    }

    /**
     * Posts {@code body} as JSON to the API as {@code username}.
     *
     * @throws IllegalStateException unless it answers 2xx
     */
    JsonNode apiPost(String path, String username, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Authorization", basic(username, Seeder.PASSWORD))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " as " + username + " answered " + answer.statusCode()
                    + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /**
     * The VMs in a list answer: a bare array (the list before paging), or {@code items} of a page
     * ({@code {"items": [...], "page", "size", "total"}}); -1 for anything else.
     */
    static int listedVms(String body) {
        JsonNode tree = JSON.readTree(body);
        if (tree.isArray()) {
            return tree.size();
        }
        JsonNode items = tree.get("items");
        return items != null && items.isArray() ? items.size() : -1;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

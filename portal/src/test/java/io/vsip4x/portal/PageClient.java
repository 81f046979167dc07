package io.vsip4x.portal;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser: signs in through the form (with its CSRF token and session
 * cookie) and reads pages as HTML, for page tests that need no JavaScript. A sign-in that needs
 * the UKEY after the password completes that step as the page's script would ({@link TestUkeys}).
 */
public final class PageClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\""
            + "|type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final String language;
    private final HttpClient http;

    public PageClient(int port, String language) {
        this.base = "http://127.0.0.1:" + port;
        this.language = language;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Signs in through the form, and with the person's UKEY ({@link TestUkeys#forUser}) when the
     * password leads to the second-factor page; returns the page it lands on.
     */
    public HttpResponse<String> signIn(String username, String password) {
        return TestUkeys.completeSecondStep(http, base, language, username, signInWithPassword(username, password));
    }

    /** Signs in through the form, stopping where the password leads (the second-factor page, say). */
    public HttpResponse<String> signInWithPassword(String username, String password) {
        String login = get("/login").body();
        Matcher m = FORM_CSRF.matcher(login);
        if (!m.find()) {
            throw new AssertionError("The sign-in page has no CSRF field");
        }
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        return postForm("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token));
    }

    /** Signs in on the sign-in page's UKEY tab with the key of {@code username}; returns the landing page. */
    public HttpResponse<String> signInWithUkey(String username) {
        return signInWithUkey(TestUkeys.forUser(username));
    }

    /** Signs in on the sign-in page's UKEY tab with {@code key}; returns the landing page. */
    public HttpResponse<String> signInWithUkey(io.vsip4x.simulator.ukey.IssuedUkey key) {
        return TestUkeys.signWithKey(http, base, language, get("/login").body(), key);
    }

    /** The underlying HTTP client, holding this browser's session cookie. */
    public HttpClient http() {
        return http;
    }

    /** The portal's base URL. */
    public String base() {
        return base;
    }

    /** GETs a page. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /**
     * GETs a page with more headers (such as htmx's {@code HX-Request} and {@code HX-Target}).
     *
     * @param headers name, value, name, value…
     */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /**
     * POSTs a form body; {@code _csrf} must be included by the caller when needed.
     *
     * @param headers more headers, as name, value, name, value…
     */
    public HttpResponse<String> postForm(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** The CSRF token of a page that carries the layout's meta tag. */
    public static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("The page has no CSRF meta tag");
        }
        return m.group(1);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Accept-Language", language)
                            .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("The portal did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}

package io.vsip4x.portal;

import io.vsip4x.simulator.ukey.IssuedUkey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * UKEYs for test people, and the UKEY sign-in a browser's script does, over HTTP: a challenge
 * from the portal, its signature by the software middleware ({@code POST /v1/sign}, the address
 * read from the page's {@code data-ukey-middleware}), and the signed form to {@code /login/ukey}.
 * {@link PortalTestSupport} installs the hook that issues and binds a person's key
 * ({@link PortalTestSupport#ukeyFor}), so that the test clients' password sign-ins complete the
 * second step of accounts that need it (platform admins, security admins, auditors).
 */
public final class TestUkeys {

    /** The page that asks for the key after a right password. */
    public static final String SECOND_FACTOR = "/login/second-factor";

    private static final Pattern MIDDLEWARE = Pattern.compile("data-ukey-middleware=\"([^\"]*)\"");
    private static final Pattern META_CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\""
            + "|type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile Function<String, IssuedUkey> hook;

    private TestUkeys() {
    }

    /** Sets how a person's key is found or made (issued and bound): {@link PortalTestSupport#ukeyFor}. */
    public static void install(Function<String, IssuedUkey> provider) {
        hook = provider;
    }

    /** The key of {@code username}, issued and bound on first use. */
    public static IssuedUkey forUser(String username) {
        Function<String, IssuedUkey> provider = hook;
        if (provider == null) {
            throw new AssertionError("No UKEY for " + username + ": the test is not a PortalTestSupport");
        }
        return provider.apply(username);
    }

    /**
     * Completes a password sign-in that {@code landed} on the second-factor page with the key of
     * {@code username}; any other landing is returned as it is.
     *
     * @param language the Accept-Language of the requests, or {@code null}
     */
    public static HttpResponse<String> completeSecondStep(HttpClient http, String base, String language,
            String username, HttpResponse<String> landed) {
        if (!landed.uri().getPath().equals(SECOND_FACTOR)) {
            return landed;
        }
        return signWithKey(http, base, language, landed.body(), forUser(username));
    }

    /**
     * Signs in with {@code key} from {@code page} (the sign-in page or the second-factor page, as
     * the session last got it): challenge, middleware signature, signed form.
     *
     * @return the page the sign-in lands on
     */
    public static HttpResponse<String> signWithKey(HttpClient http, String base, String language, String page,
            IssuedUkey key) {
        String middleware = middlewareOf(page);
        String csrf = csrfOf(page);
        String challenge = challenge(http, base, language, csrf);
        Map<String, Object> signed = sign(http, middleware, key.sid(), IssuedUkey.DEMO_PIN, challenge);
        String form = "challenge=" + enc(challenge) + "&certUser=" + enc(String.valueOf(signed.get("certUser")))
                + "&sid=" + enc(String.valueOf(signed.get("sid"))) + "&signature="
                + enc(String.valueOf(signed.get("signature"))) + "&_csrf=" + enc(csrf);
        return send(http, language, HttpRequest.newBuilder(URI.create(base + "/login/ukey"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A challenge for the session, asked with its CSRF token as the page's script does. */
    public static String challenge(HttpClient http, String base, String language, String csrf) {
        HttpResponse<String> answer = send(http, language, HttpRequest.newBuilder(
                        URI.create(base + "/login/ukey/challenge"))
                .header("X-CSRF-TOKEN", csrf)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (answer.statusCode() != 200) {
            throw new AssertionError("No UKEY challenge: " + answer.statusCode() + " " + answer.body());
        }
        return String.valueOf(json(answer.body()).get("challenge"));
    }

    /** The software middleware's signature of {@code data} with key {@code sid}: its JSON answer. */
    public static Map<String, Object> sign(HttpClient http, String middleware, String sid, String pin,
            String data) {
        String body = JSON.writeValueAsString(Map.of("sid", sid, "pin", pin, "data", data));
        HttpResponse<String> answer = send(http, null, HttpRequest.newBuilder(URI.create(middleware + "/v1/sign"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (answer.statusCode() != 200) {
            throw new AssertionError("The UKEY middleware did not sign: " + answer.statusCode() + " " + answer.body());
        }
        return json(answer.body());
    }

    /** The middleware address a sign-in page names. */
    public static String middlewareOf(String page) {
        Matcher m = MIDDLEWARE.matcher(page);
        if (!m.find() || m.group(1).isEmpty()) {
            throw new AssertionError("The page names no UKEY middleware");
        }
        return m.group(1);
    }

    /** The CSRF token of a page: the layout's meta tag, or a form's hidden field. */
    public static String csrfOf(String page) {
        Matcher meta = META_CSRF.matcher(page);
        if (meta.find()) {
            return meta.group(1);
        }
        Matcher form = FORM_CSRF.matcher(page);
        if (!form.find()) {
            throw new AssertionError("The page has no CSRF token");
        }
        return form.group(1) != null ? form.group(1) : form.group(2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return JSON.readValue(body, Map.class);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient http, String language, HttpRequest.Builder request) {
        if (language != null) {
            request.header("Accept-Language", language);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("No answer from " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}

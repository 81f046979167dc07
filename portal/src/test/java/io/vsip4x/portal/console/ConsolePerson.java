package io.vsip4x.portal.console;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestUkeys;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person signed in through the sign-in form, as the console page's script is: their session
 * cookie and CSRF token, the token request and the activity call, and signing out.
 */
final class ConsolePerson {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\""
            + "|type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    private ConsolePerson(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** {@code username} signed in on the portal at {@code port} (with the UKEY step when the account needs it). */
    static ConsolePerson signIn(int port, String username, String password) {
        ConsolePerson person = new ConsolePerson(port);
        Matcher m = FORM_CSRF.matcher(person.send(HttpRequest.newBuilder(person.uri("/login")).GET()).body());
        if (!m.find()) {
            throw new AssertionError("The sign-in page has no CSRF field");
        }
        String loginCsrf = m.group(1) != null ? m.group(1) : m.group(2);
        String form = "username=" + PageClient.enc(username) + "&password=" + PageClient.enc(password) + "&_csrf="
                + PageClient.enc(loginCsrf);
        HttpResponse<String> landed = TestUkeys.completeSecondStep(person.http, person.base, "en", username,
                person.send(HttpRequest.newBuilder(person.uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))));
        person.csrf = PageClient.csrfOf(landed.body());
        return person;
    }

    /** The HTTP session's id, as the session cookie carries it. */
    String sessionId() {
        return cookies.getCookieStore().get(URI.create(base)).stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("No session cookie"));
    }

    /** POSTs for a console token of {@code vmId} as the page does (CSRF header, JSON). */
    HttpResponse<String> requestToken(String vmId) {
        return post("/vms/" + vmId + "/console/token");
    }

    /** A console token of {@code vmId}; fails unless the portal gives one. */
    String token(String vmId) {
        HttpResponse<String> answer = requestToken(vmId);
        if (answer.statusCode() != 200) {
            throw new AssertionError("No console token: " + answer.statusCode() + " " + answer.body());
        }
        return json(answer).get("token").toString();
    }

    /** POSTs that the person is working in a console. */
    HttpResponse<String> activity() {
        return post("/console/activity");
    }

    /** Signs out through the form's POST. */
    void signOut() {
        send(HttpRequest.newBuilder(uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + PageClient.enc(csrf))));
    }

    /** A JSON answer as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> answer) {
        return JSON.readValue(answer.body(), Map.class);
    }

    private HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("X-CSRF-TOKEN", csrf)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Accept-Language", "en").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("The portal did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}

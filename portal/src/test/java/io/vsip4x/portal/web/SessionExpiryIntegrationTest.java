package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.sessions.TestSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The session ending under an open page: its htmx requests send the whole page to the sign-in
 * page (an {@code HX-Redirect}, never a sign-in form swapped into the old page), and its live
 * stream tells the page to go there too and ends, instead of reconnecting forever.
 */
class SessionExpiryIntegrationTest extends PortalTestSupport {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void anHtmxRequestWithoutASessionGetsAnHxRedirectToTheSignInPageNotAFragment() {
        HttpClient anonymous = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> answer = htmxGet(anonymous, "/vms");
        assertSentToSignIn(answer);
    }

    @Test
    void anHtmxRequestAfterTheSessionExpiredGetsAnHxRedirectToTheSignInPage() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        HttpResponse<String> before = htmxGet(http, "/vms");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).contains("id=\"vm-rows\"").doesNotContain("<html");

        expireSessionOf(http);

        assertSentToSignIn(htmxGet(http, "/vms"));
        assertSentToSignIn(htmxGet(http, "/requests"));
    }

    @Test
    void theLiveStreamOfASessionThatExpiresTellsThePageToSignInAndEnds() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        try (LiveStream open = LiveStream.open(http, port, null)) {
            open.awaitHello();
            expireSessionOf(http);
            LiveStream.Event out = open.await(e -> LiveUpdates.SIGNED_OUT.equals(e.name()), Duration.ofSeconds(2));
            assertThat(out.data()).isEqualTo("/login?expired");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(open::ended);
        }
        // The browser's reconnect (with the old session cookie) is told the same, once, and asked to
        // wait a minute before any further try: no reconnect loop, no sign-in page as an event stream.
        try (LiveStream again = LiveStream.open(http, port, "1")) {
            assertThat(again.response().statusCode()).isEqualTo(200);
            assertThat(again.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            LiveStream.Event out = again.await(e -> LiveUpdates.SIGNED_OUT.equals(e.name()), Duration.ofSeconds(2));
            assertThat(out.data()).isEqualTo("/login?expired");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(again::ended);
            assertThat(again.events()).hasSize(1);
        }
        HttpResponse<String> raw = send(http, HttpRequest.newBuilder(URI.create(base() + "/live"))
                .header("Accept", "text/event-stream").GET().build());
        assertThat(raw.body()).startsWith("retry: 60000\n").doesNotContain("<form");
    }

    @Test
    void theSignInPageSaysTheSessionEnded() {
        HttpClient anonymous = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = send(anonymous, HttpRequest.newBuilder(URI.create(base() + "/login?expired"))
                .header("Accept-Language", "en").GET().build());
        assertThat(page.body()).contains("id=\"session-expired\"").contains("Your session has ended");
    }

    private static void assertSentToSignIn(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("HX-Redirect")).hasValue("/login?expired");
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.body()).doesNotContain("id=\"sign-in\"").doesNotContain("name=\"password\"");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> htmxGet(HttpClient http, String path) {
        return send(http, HttpRequest.newBuilder(URI.create(base() + path))
                .header("HX-Request", "true").header("HX-Target", "vm-rows").GET().build());
    }

    /** Lets the client's session run out in the shared store, and the expiry sweep find it. */
    private void expireSessionOf(HttpClient http) {
        CookieManager cookies = (CookieManager) http.cookieHandler().orElseThrow();
        String cookie = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        TestSessions.expire(context, TestSessions.idOf(cookie));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}

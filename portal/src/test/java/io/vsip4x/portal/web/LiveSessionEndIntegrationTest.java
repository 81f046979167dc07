package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The end of a session reaches its live streams on every node through {@code live_event}: signing
 * out on one node ends the session's streams on each (this node's too, by the same row another
 * node reads), and the row names the session by its hash only, never by its id.
 */
class LiveSessionEndIntegrationTest extends PortalTestSupport {

    private static final Duration SOON = Duration.ofSeconds(2);

    @Autowired
    LiveProperties properties;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    ApplicationContext context;

    @Test
    void signingOutEndsTheSessionsStreamThroughTheLiveEventSignal() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        String sessionId = sessionIdOf(http);
        long before = newestEvent();
        try (LiveStream open = LiveStream.open(http, port, null)) {
            open.awaitHello();

            signOut(http);

            await().atMost(SOON).until(open::ended);
            // Ended by a request: the page that asked is answered by its own request; no event.
            assertThat(open.named(LiveUpdates.SIGNED_OUT)).isEmpty();
        }
        List<Map<String, Object>> told = signalsAfter(before);
        assertThat(told).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("kind", LiveSessionEnd.SIGNED_OUT)
                    .containsEntry("session_hash", SessionHash.of(sessionId));
            assertThat(row.get("tenant_id")).isNull();
            assertThat(row.get("user_id")).isNull();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM live_event WHERE CONCAT_WS('|', vm_id, kind, session_hash) LIKE ?")
                .param("%" + sessionId + "%").query(Integer.class).single())
                .as("rows naming the session id itself").isZero();
    }

    @Test
    void aSessionEndedOnAnotherNodeSendsItsPagesHereToSignIn() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        // A second portal node: its own live updates and session ends over the same database.
        LiveEventWriter writer = new LiveEventWriter(new LiveEventLog(jdbc), transactions);
        LiveSessionEnd secondNode = new LiveSessionEnd(writer, new LiveUpdates(writer, properties), publisher);
        try (LiveStream open = LiveStream.open(http, port, null);
                LiveStream other = LiveStream.open(LiveStream.signedIn(port, t.requester(), PASSWORD), port, null)) {
            open.awaitHello();
            other.awaitHello();

            secondNode.publish(sessionIdOf(http), true);

            LiveStream.Event out = open.await(e -> LiveUpdates.SIGNED_OUT.equals(e.name()), SOON);
            assertThat(out.data()).isEqualTo(LiveUpdates.SIGN_IN_AGAIN);
            await().atMost(SOON).until(open::ended);
            assertThat(other.ended()).as("another session of the same person").isFalse();
            assertThat(other.named(LiveUpdates.SIGNED_OUT)).isEmpty();
        }
    }

    @Test
    void aSessionThatExpiresIsToldAsExpiredByItsHash() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        String sessionId = sessionIdOf(http);
        long before = newestEvent();

        TestSessions.expire(context, sessionId);

        assertThat(signalsAfter(before))
                .filteredOn(row -> SessionHash.of(sessionId).equals(row.get("session_hash")))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("kind", LiveSessionEnd.EXPIRED));
    }

    private long newestEvent() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM live_event").query(Long.class).single();
    }

    private List<Map<String, Object>> signalsAfter(long id) {
        return jdbc.sql("""
                SELECT tenant_id, user_id, vm_id, kind, session_hash
                  FROM live_event
                 WHERE id > :id AND session_hash IS NOT NULL""")
                .param("id", id).query().listOfRows();
    }

    private static String sessionIdOf(HttpClient http) {
        CookieManager cookies = (CookieManager) http.cookieHandler().orElseThrow();
        return TestSessions.idOf(cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst().orElseThrow());
    }

    private void signOut(HttpClient http) {
        String csrf = PageClient.csrfOf(LiveStream.page(http, port, "/vms"));
        try {
            URI logout = URI.create("http://127.0.0.1:" + port + "/logout");
            HttpResponse<String> out = http.send(HttpRequest.newBuilder(logout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + PageClient.enc(csrf))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(out.uri().getQuery()).isEqualTo("logout");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}

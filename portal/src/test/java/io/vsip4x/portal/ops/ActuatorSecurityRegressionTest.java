package io.vsip4x.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Regression tests (issue 11, breaker): ways around the actuator's security. A page session of a
 * platform admin locked since signing in must not read the metrics, whatever {@code Authorization}
 * header comes with it; odd spellings of the admin paths are never answered to anonymous callers;
 * no refused actuator request makes a session row.
 */
class ActuatorSecurityRegressionTest extends PortalTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLockedAdminsSessionWithAForeignAuthorizationHeaderReadsNoMetrics() {
        String admin = newPlatformAdmin("locked-ops");
        PageClient pages = signedInPages(admin);
        assertThat(answered(pages.get("/actuator/prometheus"), "/actuator/prometheus")).isTrue();

        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", admin).update();

        // A scheme neither the Bearer nor the Basic filter reads leaves the session's sign-in in place.
        HttpResponse<String> foreign = pages.get("/actuator/prometheus", "Authorization", "Negotiate abc");
        assertThat(answered(foreign, "/actuator/prometheus")).as("locked admin's session with a foreign scheme")
                .isFalse();
        assertThat(foreign.body()).doesNotContain("portal_operations");
        assertThat(answered(pages.get("/actuator/prometheus"), "/actuator/prometheus")).as("the session itself")
                .isFalse();
    }

    @Test
    void aLockedAdminsSessionWithBasicOfAWrongPasswordReadsNoMetrics() {
        String admin = newPlatformAdmin("locked-basic");
        PageClient pages = signedInPages(admin);
        assertThat(answered(pages.get("/actuator/metrics"), "/actuator/metrics")).isTrue();

        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", admin).update();

        // Basic with the session's own user name is not checked again: the session's sign-in stays.
        String basic = "Basic " + Base64.getEncoder().encodeToString((admin + ":not-the-password")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = pages.get("/actuator/metrics", "Authorization", basic);
        assertThat(answered(answer, "/actuator/metrics")).as("locked admin's session with a wrong Basic password")
                .isFalse();
        assertThat(answer.body()).doesNotContain("\"names\"");
    }

    @Test
    void oddSpellingsOfTheAdminPathsAreNotAnsweredToAnonymousCallers() {
        String[] paths = {"/actuator/prometheus/", "/actuator//prometheus", "/actuator/%70rometheus",
            "/actuator/prometheus;x=y", "/actuator;x=y/prometheus", "/actuator/health/liveness/../../prometheus",
            "/actuator/health/liveness/..;/..;/prometheus", "/ACTUATOR/prometheus", "/actuator/metrics/",
            "/actuator/health/readiness/db", "/actuator/health/db", "/actuator/health/", "/actuator/env",
            "/actuator/heapdump", "/actuator/loggers", "/livez/../actuator/prometheus", "/actuator%2Fprometheus",
            "/actuator/health%2F..%2Fprometheus"};
        SoftAssertions softly = new SoftAssertions();
        for (String path : paths) {
            for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
                HttpResponse<String> answer = send(method, path, null);
                softly.assertThat(answer.statusCode()).as("%s %s", method, path).isNotIn(200, 204);
                softly.assertThat(answer.body()).as("%s %s", method, path)
                        .doesNotContain("portal_", "\"details\"", "\"components\"", "\"names\"");
                if (path.startsWith("/actuator/")) {
                    // Pages (any other spelling) keep a refused request for after the sign-in; the actuator does not.
                    softly.assertThat(answer.headers().firstValue("Set-Cookie")).as("%s %s", method, path).isEmpty();
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void probesGiveAnOrdinaryUserTheStatusAlone() {
        TestTenant t = newTenant();
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> answer = send("GET", probe, "Bearer " + apiToken(t.requester()));
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void refusedAndProbeRequestsMakeNoSessionRows() {
        int before = sessions();
        for (int i = 0; i < 20; i++) {
            send("GET", "/actuator/prometheus", null);
            send("GET", "/actuator/health", "Bearer not-a-token");
            send("GET", "/actuator/health/readiness", null);
            send("HEAD", "/actuator/health/liveness", null);
        }
        assertThat(sessions()).isLessThanOrEqualTo(before);
    }

    /** Whether {@code path} itself answered (the page client follows a redirect to the sign-in page). */
    private static boolean answered(HttpResponse<String> answer, String path) {
        return answer.statusCode() == 200 && answer.uri().getPath().equals(path);
    }

    private int sessions() {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Integer.class).single();
    }

    private HttpResponse<String> send(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}

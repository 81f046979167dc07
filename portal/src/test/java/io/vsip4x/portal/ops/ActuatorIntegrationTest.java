package io.vsip4x.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.cluster.ClusterNode;
import io.vsip4x.portal.platform.PlatformHealth;
import io.vsip4x.sdk.callback.CallbackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * The actuator as a proxy, an orchestrator and an operator use it: the probes answer anyone with the
 * status alone (readiness 503 while the node drains, and untouched by a platform outage); health's
 * components, the metrics and the Prometheus scrape are for platform admins only, signed in with a
 * token or a page session; every series of the portal carries the node's name, and applied platform
 * events are counted.
 */
class ActuatorIntegrationTest extends PortalTestSupport {

    private static final String UP = "{\"status\":\"UP\"}";
    private static final Pattern APPLIED = Pattern.compile("(?m)^portal_callbacks_applied_total\\{[^}]*node=\"[^\"]+\""
            + "[^}]*} (\\S+)$");

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private ApplicationContext context;
    @Autowired
    private PlatformHealth platformHealth;
    @Autowired
    private ClusterNode node;

    @Test
    void probesAnswerAnyoneWithTheStatusAloneAndMakeNoSession() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> answer = send(probe, null);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as(probe).isEqualTo(UP);
            assertThat(answer.headers().firstValue("Set-Cookie")).as(probe).isEmpty();
        }
    }

    @Test
    void readinessRefusesWhileTheNodeDrainsAndLivenessDoesNot() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            HttpResponse<String> readiness = send("/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
            assertThat(send("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(send("/actuator/health/readiness", null).body()).isEqualTo(UP);
    }

    @Test
    void healthComponentsMetricsAndPrometheusAreForPlatformAdminsOnly() {
        TestTenant t = newTenant();
        String admin = newPlatformAdmin("ops");
        String[] adminReads = {"/actuator/health", "/actuator/info", "/actuator/metrics",
            "/actuator/metrics/portal.operations", "/actuator/prometheus"};

        for (String path : adminReads) {
            assertThat(send(path, null).statusCode()).as("anonymous %s", path).isEqualTo(401);
            assertThat(send(path, "Bearer " + apiToken(t.requester())).statusCode()).as("requester %s", path)
                    .isEqualTo(403);
            // Health answers 503 while a component is down (the tests' mail server, say), with its body.
            HttpResponse<String> answer = send(path, "Bearer " + apiToken(admin));
            assertThat(answer.statusCode()).as("admin %s", path).isIn(200, 503);
            assertThat(answer.body()).as("admin %s", path).isNotBlank();
        }
        PageClient requesterPages = signedInPages(t.requester());
        assertThat(requesterPages.get("/actuator/prometheus").statusCode()).isEqualTo(403);
        PageClient adminPages = signedInPages(admin);
        assertThat(adminPages.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(adminPages.get("/actuator/health").body()).contains("\"platform\"", "\"db\"");

        // Other endpoints are neither exposed nor open, whoever asks.
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/shutdown"}) {
            assertThat(send(path, "Bearer " + apiToken(admin)).statusCode()).as("admin %s", path).isEqualTo(403);
        }
        // Readiness shows an admin the database and the draining state, not the platform.
        assertThat(send("/actuator/health/readiness", "Bearer " + apiToken(admin)).body())
                .contains("\"db\"", "\"readinessState\"").doesNotContain("\"platform\"");
    }

    @Test
    void everyPortalSeriesIsScrapedWithTheNodesName() {
        assertThat(send("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        String scrape = send("/actuator/prometheus", "Bearer " + apiToken(newPlatformAdmin("ops"))).body();

        for (String state : new String[] {"QUEUED", "SENDING", "SENT"}) {
            assertThat(scrape).containsPattern("(?m)^portal_operations\\{[^}]*node=\"[^\"]+\"[^}]*state=\""
                    + state + "\"[^}]*} \\d");
        }
        for (String series : new String[] {"portal_callbacks_applied_total", "portal_live_streams",
            "portal_console_tunnels", "portal_platform_reachable", "portal_cluster_nodes",
            "http_server_requests_seconds_count"}) {
            assertThat(scrape).as(series).containsPattern("(?m)^" + series + "\\{[^}]*node=\"[^\"]+\"");
        }
    }

    @Test
    void theNodeTagOfEverySeriesIsTheNameTheNodeHasInTheCluster() {
        String scrape = send("/actuator/prometheus", "Bearer " + apiToken(newPlatformAdmin("ops"))).body();

        Set<String> tags = Pattern.compile("node=\"([^\"]+)\"").matcher(scrape).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(tags).containsExactly(node.name());
        assertThat(jdbc.sql("SELECT state FROM portal_node WHERE name = :name").param("name", node.name())
                .query(String.class).single()).isEqualTo("RUNNING");
    }

    @Test
    void appliedPlatformEventsAreCountedOnceEach() throws Exception {
        String token = "Bearer " + apiToken(newPlatformAdmin("ops"));
        double before = applied(token);
        String eventId = UUID.randomUUID().toString();
        String event = """
                {"eventId":"%s","vmId":"","operation":"startHost","result":"3000","resultinfo":"ok",
                 "hostId":"host-metrics-%s","sequence":1,"occurredAt":"2026-12-04T00:00:00Z"}"""
                .formatted(eventId, eventId.substring(0, 8));

        assertThat(postCallback(event)).isEqualTo(204);
        assertThat(postCallback(event)).as("the same event again").isEqualTo(204);

        assertThat(applied(token)).isEqualTo(before + 1);
    }

    @Test
    void aPlatformOutageShowsInItsOwnComponentAndMetricButNotInReadiness() {
        String token = "Bearer " + apiToken(newPlatformAdmin("ops"));
        simulator.simulator().stop();
        try {
            // Forwarding the operation log calls the platform every second: it finds the outage.
            await().atMost(PATIENCE).until(() -> !platformHealth.reachable());

            assertThat(send("/actuator/health/readiness", null).body()).isEqualTo(UP);
            assertThat(send("/actuator/health", token).body())
                    .containsPattern("\"platform\":\\{(\"details\":\\{[^}]*},)?\"status\":\"DOWN\"");
            assertThat(send("/actuator/prometheus", token).body())
                    .containsPattern("(?m)^portal_platform_reachable\\{[^}]*} 0(\\.0)?$");
        } finally {
            simulator.simulator().start();
        }
        // The callers back off while the platform is away (up to 30 s): the first to call again finds it.
        await().atMost(Duration.ofSeconds(60)).until(platformHealth::reachable);
    }

    private double applied(String token) {
        Matcher m = APPLIED.matcher(send("/actuator/prometheus", token).body());
        assertThat(m.find()).as("the applied events' counter is scraped").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private int postCallback(String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/platform/callback"))
                .header("Content-Type", "application/json")
                .header(CallbackSignature.TIMESTAMP_HEADER, String.valueOf(now))
                .header(CallbackSignature.SIGNATURE_HEADER,
                        new CallbackSignature("sim-callback-secret").sign(now, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> send(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}

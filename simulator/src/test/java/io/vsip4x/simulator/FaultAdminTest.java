package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The admin endpoint {@code {base}/admin/faults}, over plain HTTP. */
class FaultAdminTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void showsNoFaultsAtFirstAndNoSecrets() {
        HttpResponse<String> response = send("GET", null, "portal-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> view = read(response);
        assertThat(view).containsEntry("platformDown", false).containsEntry("methods", Map.of())
                .containsEntry("failingOperations", List.of()).containsEntry("exhaustedPools", List.of());
        assertThat(response.body()).doesNotContain("portal-secret", "sim-callback-secret");
    }

    @Test
    void makesAMethodAnswerACodeForTheNextCalls() {
        HttpResponse<String> response = send("PUT", """
                {"methods": {"searchVmList": {"fault": "answer", "code": "2003", "times": 2}}}""", "portal-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response)).extracting(v -> v.get("methods"))
                .isEqualTo(Map.of("searchVmList", Map.of("fault", "answer", "code", "2003", "times", 2)));
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> platform.client.searchVmList(Map.of()))
                    .isInstanceOf(Vsip4xProtocolException.class).hasMessageContaining("2003");
        }
        assertThat(platform.client.searchVmList(Map.of())).isEmpty();
        assertThat(read(send("GET", null, "portal-secret"))).containsEntry("methods", Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void countsTheCallsOfEachMethodAndTheVmIdsTheyNamed() {
        platform.client.createVm(TestPlatform.spec("pool-prod", "vm-j1", "vm-j2"));
        platform.client.createVm(TestPlatform.spec("pool-prod", "vm-j2"));

        Map<String, Object> calls = read(call("GET", "/admin/calls"));
        Map<String, Object> create = (Map<String, Object>) calls.get("createVm");
        assertThat(create).containsEntry("calls", 2).containsEntry("vmIds", Map.of("vm-j1", 1, "vm-j2", 2));
        assertThat(call("DELETE", "/admin/calls").body()).isEqualTo("{}");
        assertThat(call("GET", "/admin/calls").body()).isEqualTo("{}");
        assertThat(call("PUT", "/admin/calls").statusCode()).isEqualTo(405);
    }

    @Test
    void takesThePlatformDownWhileStayingReachableItself() {
        send("PUT", "{\"platformDown\": true}", "portal-secret");

        assertThatThrownBy(() -> platform.client.searchRepository(Map.of()))
                .isInstanceOf(Vsip4xUnreachableException.class).hasMessageContaining("503");
        assertThat(read(send("GET", null, "portal-secret"))).containsEntry("platformDown", true);

        HttpResponse<String> reset = send("DELETE", null, "portal-secret");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(read(reset)).containsEntry("platformDown", false);
        assertThat(platform.client.searchRepository(Map.of())).hasSize(2);
    }

    @Test
    void putReplacesEveryFault() {
        send("PUT", "{\"platformDown\": true, \"exhaustedPools\": [\"pool-prod\"]}", "portal-secret");

        send("PUT", "{\"methods\": {\"createVm\": {\"fault\": \"slow\", \"delayMs\": 10}}}", "portal-secret");

        Map<String, Object> view = read(send("GET", null, "portal-secret"));
        assertThat(view).containsEntry("platformDown", false).containsEntry("exhaustedPools", List.of());
        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-p")).ok()).isTrue();
    }

    @Test
    void failsOperationsAndExhaustsPools() {
        send("PUT", "{\"failingOperations\": [\"createVm\"], \"exhaustedPools\": [\"pool-test\"]}", "portal-secret");

        assertThat(platform.client.createVm(TestPlatform.spec("pool-test", "vm-t")).code()).isEqualTo("2002");
        platform.client.createVm(TestPlatform.spec("pool-prod", "vm-f"));
        assertThat(platform.awaitEvents("vm-f", 2)).extracting(e -> e.get("result")).containsExactly("0", "2000");
    }

    @Test
    void countsDroppedCallbacks() {
        send("PUT", "{\"callbacks\": {\"drop\": 1.0, \"seed\": 7}}", "portal-secret");

        platform.createStopped("pool-prod", "vm-d");

        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) read(send("GET", null, "portal-secret"))
                .get("callbackCounts");
        assertThat(counts).containsEntry("dropped", 2);
        assertThat(platform.receiver.events()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1, 2]",
        "{\"colour\": \"blue\"}",
        "{\"platformDown\": \"yes\"}",
        "{\"methods\": {\"noSuchMethod\": {\"fault\": \"answer\", \"code\": \"2003\"}}}",
        "{\"methods\": {\"createVm\": {\"fault\": \"explode\"}}}",
        "{\"methods\": {\"createVm\": {\"fault\": \"answer\", \"code\": \"abc\"}}}",
        "{\"methods\": {\"createVm\": {\"fault\": \"answer\"}}}",
        "{\"methods\": {\"createVm\": {\"fault\": \"answer\", \"code\": \"2002\", \"times\": 0}}}",
        "{\"methods\": {\"createVm\": {\"fault\": \"slow\"}}}",
        "{\"methods\": {\"createVm\": {\"fault\": \"slow\", \"delayMs\": -5}}}",
        "{\"callbacks\": {\"drop\": 1.5}}",
        "{\"callbacks\": {\"drop\": 0.6, \"duplicate\": 0.6}}",
        "{\"callbacks\": {\"delay\": \"half\"}}",
        "{\"failingOperations\": [\"noSuchMethod\"]}",
        "{\"exhaustedPools\": [\"pool-nowhere\"]}",
        "{\"platformDown\": true, \"exhaustedPools\": \"pool-prod\"}"
    })
    void refusesBadInputWith400AndChangesNothing(String body) {
        send("PUT", "{\"methods\": {\"getSystemInfo\": {\"fault\": \"answer\", \"code\": \"2003\"}}}", "portal-secret");
        String before = send("GET", null, "portal-secret").body();

        HttpResponse<String> response = send("PUT", body, "portal-secret");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat((String) read(response).get("message")).isNotBlank();
        assertThat(send("GET", null, "portal-secret").body()).isEqualTo(before);
    }

    @Test
    void namesTheWrongKeyInItsMessage() {
        HttpResponse<String> response = send("PUT", "{\"callbacks\": {\"drop\": 1.5}}", "portal-secret");

        assertThat((String) read(response).get("message")).contains("drop", "between 0.0 and 1.0");
    }

    @Test
    void refusesWrongCredentialsWith401AndChangesNothing() {
        assertThat(send("GET", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("PUT", "{\"platformDown\": true}", "wrong").statusCode()).isEqualTo(401);
        assertThat(send("DELETE", null, "wrong").statusCode()).isEqualTo(401);

        assertThat(platform.simulator.faults().platformDown()).isFalse();
    }

    @Test
    void answers405ToOtherVerbs() {
        HttpResponse<String> response = send("POST", "{}", "portal-secret");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, PUT, DELETE");
    }

    private HttpResponse<String> call(String verb, String path) {
        String credentials = Base64.getEncoder()
                .encodeToString("portal:portal-secret".getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl() + path))
                    .header("Authorization", "Basic " + credentials)
                    .method(verb, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("The admin endpoint did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> send(String verb, String body, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString(("portal:" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl() + "/admin/faults"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("The admin endpoint did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(HttpResponse<String> response) {
        return json.readValue(response.body(), Map.class);
    }
}

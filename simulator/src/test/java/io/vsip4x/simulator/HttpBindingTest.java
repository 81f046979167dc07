package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.PoolInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP side of the binding: credentials, method names, malformed bodies, spelling. */
class HttpBindingTest {

    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("portal:portal-secret".getBytes(StandardCharsets.UTF_8));
    private static TestPlatform platform;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        platform = new TestPlatform();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void refusesAWrongPasswordWith401() {
        // The adapter reports refused credentials as a protocol error carrying the status.
        assertThatThrownBy(() -> platform.client(platform.simulator, "wrong").searchRepository(Map.of()))
                .isInstanceOfSatisfying(Vsip4xProtocolException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void refusesMissingCredentialsWith401() throws Exception {
        HttpResponse<String> response = HTTP.send(post("searchRepository", "{\"args\":[{}]}", null),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
        assertThat(response.body()).contains("\"result\":\"1003\"").contains("用户名或者密码错误");
    }

    @ParameterizedTest
    @ValueSource(strings = {"noSuchMethod", "getremotecontrolinfo", "startVM", "getRemoteControlllInfo"})
    void answersUnknownMethodsWith404(String method) {
        // Names are matched exactly: only the spec's own spellings are served (catalog A01, A02).
        assertThatThrownBy(() -> platform.client.call(method, "vm-x"))
                .isInstanceOfSatisfying(Vsip4xProtocolException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "file:///etc/passwd", "/relative/path"})
    void refusesACallbackUrlThatIsNotAnAbsoluteHttpUrlWith400(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl() + "/startVm"))
                .header("Authorization", AUTH)
                .header("X-Vsip4x-Callback-Url", url)
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\": [\"vm-none\"]}"))
                .build();

        assertThat(status(request)).isEqualTo(400);
    }

    @Test
    void refusesTwoKeysThatTrimToTheSameWith400() throws Exception {
        String body = "{\"args\": [{\"vmId\": \"vm-1\", \"vmId \": \"vm-2\"}]}";

        assertThat(status(post("searchVmList", body, AUTH))).isEqualTo(400);
        assertThat(status(post("searchVmList", "{\"args\": [{\" vmId \": \"vm-1\"}]}", AUTH))).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1, 2]", "{\"args\": {}}", "{}", "{\"args\": []}", "{\"args\": [{}, {}]}",
            "{\"args\": [\"a string, not a map\"]}", "{\"args\": [null]}"})
    void refusesMalformedBodiesWith400(String body) throws Exception {
        assertThat(status(post("searchVmList", body, AUTH))).isEqualTo(400);
    }

    @Test
    void refusesANonStringVmIdWith400() throws Exception {
        assertThat(status(post("startVm", "{\"args\": [{\"vmId\": \"x\"}]}", AUTH))).isEqualTo(400);
    }

    @Test
    void answersGetOnAMethodWith405() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(url("searchVmList")).header("Authorization", AUTH).GET().build();

        assertThat(status(get)).isEqualTo(405);
    }

    @Test
    void readsKeysWithStraySpacesAndVariantSpellings() throws Exception {
        HttpResponse<String> response = HTTP.send(
                post("getVirtualNetwork", "{\"args\": [{\" repold \": \"pool-test\"}]}", AUTH),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"result\":\"0\"", "vnet-office", "vnet-dmz");
        assertThat(platform.client.searchHostList(Map.of("repName ", "pool-test"))).hasSize(2);
    }

    @Test
    void acceptsPoolNameOrIdForRemainder() {
        assertThat(platform.client.searchRepository(Map.of())).extracting(PoolInfo::name).contains("测试资源池");
        CreateVmSpec spec = TestPlatform.spec("pool-test", "x");
        assertThat(platform.client.getCreateRemainder(spec, "测试资源池").satisfied()).isTrue();
        assertThat(platform.client.getCreateRemainder(TestPlatform.spec("pool-test", "x"), "pool-test").satisfied())
                .isTrue();
    }

    @Test
    void servesTheBindingPageWithoutCredentials() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("binding")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/"));
        assertThat(response.body()).startsWith("# Vsip4x HTTP binding").contains("X-Vsip4x-Signature");
    }

    @Test
    void answersPathsOutsideTheBaseWith404() throws Exception {
        URI outside = URI.create("http://127.0.0.1:" + platform.simulator.port() + "/other/searchVmList");
        HttpRequest request = HttpRequest.newBuilder(outside).header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[{}]}")).build();

        assertThat(status(request)).isEqualTo(404);
    }

    private static URI url(String method) {
        return URI.create(platform.simulator.baseUrl() + "/" + method);
    }

    private static HttpRequest post(String method, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(method))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static int status(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

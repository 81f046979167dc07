package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The software UKEY middleware ({@code vsip4x-soft v1}) over real HTTP, as a page reaches it. */
class UkeyMiddlewareTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHALLENGE = "vsip4x-ukey:1700000000000:AAAAAAAAAAAAAAAAAAAAAA";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final TestPlatform platform = new TestPlatform(s -> s.withUkeyMiddlewarePort(0));
    private final URI base = platform.simulator.ukeyMiddlewareUrl();

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void listsTheInsertedDemoKeysByCertificateUser() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/keys", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        List<Map<String, Object>> keys = keys(response);
        assertThat(keys).extracting(key -> key.get("certUser"))
                .containsExactly("alice", "audrey", "bob", "dave", "erin", "paula", "sam");
        Map<String, Object> alice = keys.get(0);
        assertThat(alice).containsEntry("sid", "SIM-UK-ALICE")
                .containsEntry("subject", "CN=alice,SERIALNUMBER=SIM-UK-ALICE,O=Vsip4x Simulator")
                .containsEntry("issuer", "CN=Vsip4x Simulator UKEY CA");
        assertThat(Instant.parse((String) alice.get("notAfter"))).isAfter(Instant.now().plus(Duration.ofDays(300)));
    }

    @Test
    void signsWithTheRightPinAndReturnsTheCertificate() throws Exception {
        IssuedUkey carol = platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");

        HttpResponse<String> response = sign("UK-C", IssuedUkey.DEMO_PIN, CHALLENGE);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> answer = JSON.readValue(response.body(), Map.class);
        assertThat(answer.get("sid")).isEqualTo("UK-C");
        assertThat(answer.get("certUser")).isEqualTo("carol");
        // The JDK's certificate factory does not know the SM2 curve; BouncyCastle reads the PEM.
        try (PEMParser pem = new PEMParser(new StringReader((String) answer.get("certificate")))) {
            X509CertificateHolder certificate = (X509CertificateHolder) pem.readObject();
            assertThat(certificate.getEncoded()).isEqualTo(carol.certificate().getEncoded());
        }
        assertThat(Sm2.verify(carol.certificate().getPublicKey(), CHALLENGE.getBytes(StandardCharsets.UTF_8),
                (String) answer.get("signature"))).isTrue();
    }

    @Test
    void countsWrongPinsAndLocksAfterFiveUntilUnblockedWithThePuk() throws Exception {
        for (int triesLeft = 4; triesLeft >= 1; triesLeft--) {
            HttpResponse<String> wrong = sign("SIM-UK-BOB", "000000", CHALLENGE);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(JSON.readValue(wrong.body(), Map.class))
                    .isEqualTo(Map.of("error", "PIN_INCORRECT", "triesLeft", triesLeft));
        }
        HttpResponse<String> fifth = sign("SIM-UK-BOB", "000000", CHALLENGE);
        HttpResponse<String> rightButLocked = sign("SIM-UK-BOB", IssuedUkey.DEMO_PIN, CHALLENGE);

        assertThat(fifth.statusCode()).isEqualTo(423);
        assertThat(fifth.body()).contains("PIN_LOCKED");
        assertThat(rightButLocked.statusCode()).isEqualTo(423);
        assertThat(send("POST", "/v1/devices/SIM-UK-BOB/unblock", "{\"puk\":\"" + IssuedUkey.DEMO_PUK + "\"}", null)
                .statusCode()).isEqualTo(204);
        assertThat(sign("SIM-UK-BOB", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(200);
        // The count starts again from five.
        assertThat(sign("SIM-UK-BOB", "000000", CHALLENGE).body()).contains("\"triesLeft\":4");
    }

    @Test
    void aLockedKeyStaysLockedWhenPulledOutAndPutBack() throws Exception {
        lock("SIM-UK-BOB");

        assertThat(send("POST", "/v1/devices/SIM-UK-BOB/remove", "", null).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/v1/devices/SIM-UK-BOB/insert", "", null).statusCode()).isEqualTo(204);
        assertThat(sign("SIM-UK-BOB", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(423);

        IssuedUkey bob = demoKey("bob");
        platform.simulator.removeUkey(bob.sid());
        platform.simulator.insertUkey(bob);
        assertThat(sign("SIM-UK-BOB", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(423);
    }

    @Test
    void refusesAWrongPukAndKeepsTheKeyLocked() throws Exception {
        lock("SIM-UK-ERIN");

        for (String puk : List.of("00000000", "", IssuedUkey.DEMO_PIN)) {
            HttpResponse<String> wrong = send("POST", "/v1/devices/SIM-UK-ERIN/unblock", "{\"puk\":\"" + puk + "\"}",
                    null);
            assertThat(wrong.statusCode()).as(puk).isEqualTo(403);
            assertThat(wrong.body()).isEqualTo("{\"error\":\"PUK_INCORRECT\"}");
        }
        assertThat(sign("SIM-UK-ERIN", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(423);
        assertThat(send("POST", "/v1/devices/SIM-UK-ERIN/unblock", "{\"pin\":\"123456\"}", null).body())
                .isEqualTo("{\"error\":\"BAD_REQUEST\"}");
        assertThat(send("POST", "/v1/devices/SIM-UK-ERIN/unblock", "not json", null).statusCode()).isEqualTo(400);
        String puk = "{\"puk\":\"" + IssuedUkey.DEMO_PUK + "\"}";
        assertThat(send("POST", "/v1/devices/UK-NOPE/unblock", puk, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v1/devices/SIM-UK-ERIN/remove", "", null).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/v1/devices/SIM-UK-ERIN/unblock", puk, null).body())
                .isEqualTo("{\"error\":\"KEY_ABSENT\"}");
    }

    @Test
    void theSimulatorsApiUnblocksAKey() throws Exception {
        lock("SIM-UK-PAULA");

        assertThat(platform.simulator.unblockUkey("SIM-UK-PAULA")).isTrue();
        assertThat(sign("SIM-UK-PAULA", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(200);
        assertThat(platform.simulator.unblockUkey("UK-NOPE")).isFalse();
    }

    @Test
    void aReissuedKeyWithTheSameSidStartsUnlocked() throws Exception {
        platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");
        lock("UK-C");

        platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");

        assertThat(sign("UK-C", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(200);
    }

    @Test
    void aRightPinClearsTheWrongOnes() throws Exception {
        sign("SIM-UK-ERIN", "1", CHALLENGE);
        sign("SIM-UK-ERIN", "2", CHALLENGE);
        assertThat(sign("SIM-UK-ERIN", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(200);

        assertThat(sign("SIM-UK-ERIN", "3", CHALLENGE).body()).contains("\"triesLeft\":4");
    }

    @Test
    void aPulledOutKeyIsAbsentUntilPutBack() throws Exception {
        assertThat(send("POST", "/v1/devices/SIM-UK-DAVE/remove", "", null).statusCode()).isEqualTo(204);

        assertThat(keys(send("GET", "/v1/keys", null, null))).extracting(key -> key.get("sid"))
                .doesNotContain("SIM-UK-DAVE").contains("SIM-UK-ALICE");
        HttpResponse<String> absent = sign("SIM-UK-DAVE", IssuedUkey.DEMO_PIN, CHALLENGE);
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(absent.body()).isEqualTo("{\"error\":\"KEY_ABSENT\"}");

        assertThat(send("POST", "/v1/devices/SIM-UK-DAVE/insert", "", null).statusCode()).isEqualTo(204);
        assertThat(sign("SIM-UK-DAVE", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(200);
    }

    @Test
    void theSimulatorsApiPullsKeysOutAndPutsThemBack() throws Exception {
        IssuedUkey sam = demoKey("sam");

        platform.simulator.removeUkey(sam.sid());
        assertThat(sign(sam.sid(), IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(404);
        platform.simulator.insertUkey(sam);
        assertThat(sign(sam.sid(), IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesUnknownDevicesAndBadRequests() throws Exception {
        assertThat(send("POST", "/v1/devices/UK-NOPE/remove", "", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v1/devices/UK-NOPE/insert", "", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v1/devices/remove", "", null).statusCode()).isEqualTo(404);
        assertThat(sign("UK-NOPE", IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(404);

        assertThat(send("POST", "/v1/sign", "{not json", null).body()).isEqualTo("{\"error\":\"BAD_REQUEST\"}");
        assertThat(send("POST", "/v1/sign", "{\"sid\":\"SIM-UK-ALICE\",\"pin\":\"123456\"}", null).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/v1/sign", "[1,2]", null).statusCode()).isEqualTo(400);
        assertThat(sign("SIM-UK-ALICE", IssuedUkey.DEMO_PIN, "x".repeat(1024)).statusCode()).isEqualTo(200);
        assertThat(sign("SIM-UK-ALICE", IssuedUkey.DEMO_PIN, "x".repeat(1025)).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/v1/sign", null, null).statusCode()).isEqualTo(405);
        assertThat(send("GET", "/v2/keys", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void answersLoopbackPagesWithCorsHeaders() throws Exception {
        for (String origin : List.of("http://127.0.0.1:8080", "https://localhost", "http://[::1]:9000",
                "http://LOCALHOST:1")) {
            HttpResponse<String> response = send("GET", "/v1/keys", null, origin);

            assertThat(response.statusCode()).as(origin).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(origin).hasValue(origin);
            assertThat(response.headers().firstValue("Vary")).hasValue("Origin");
        }
        HttpResponse<String> signed = send("POST", "/v1/sign", body("SIM-UK-ALICE", IssuedUkey.DEMO_PIN, CHALLENGE),
                "http://localhost:8080");
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
    }

    @Test
    void answersAPreflightOfALoopbackPage() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(base.resolve("/v1/sign"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .header("Access-Control-Request-Private-Network", "true")
                .build();

        HttpResponse<String> response = http.send(preflight, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Private-Network")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    }

    @Test
    void refusesPagesOfOtherOriginsWithoutCorsHeaders() throws Exception {
        for (String origin : List.of("https://evil.example", "http://localhost.evil.example", "null",
                "http://127.0.0.2", "file://", "http://localhost:8080/path", "http://user@localhost")) {
            HttpResponse<String> response = send("POST", "/v1/sign",
                    body("SIM-UK-ALICE", IssuedUkey.DEMO_PIN, CHALLENGE), origin);

            assertThat(response.statusCode()).as(origin).isEqualTo(403);
            assertThat(response.body()).doesNotContain("signature");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
        }
        // A foreign page's preflight is refused too, so the browser never sends the request.
        HttpRequest preflight = HttpRequest.newBuilder(base.resolve("/v1/sign"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .build();
        assertThat(http.send(preflight, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void listensOnLoopbackOnlyAndKeepsItsPortAcrossARestart() throws Exception {
        assertThat(base.getHost()).isEqualTo("127.0.0.1");

        platform.simulator.stop();
        platform.simulator.start();

        assertThat(platform.simulator.ukeyMiddlewareUrl()).isEqualTo(base);
        assertThat(keys(send("GET", "/v1/keys", null, null))).hasSize(7);
    }

    @Test
    void isOffUnlessAsked() {
        try (TestPlatform plain = new TestPlatform()) {
            assertThat(plain.simulator.ukeyMiddlewareUrl()).isNull();
            assertThat(plain.simulator.demoUkeys()).hasSize(7);
        }
    }

    /** Locks key {@code sid} with five wrong PINs. */
    private void lock(String sid) throws Exception {
        for (int i = 0; i < 5; i++) {
            sign(sid, "000000", CHALLENGE);
        }
        assertThat(sign(sid, IssuedUkey.DEMO_PIN, CHALLENGE).statusCode()).isEqualTo(423);
    }

    private IssuedUkey demoKey(String certUser) {
        return platform.simulator.demoUkeys().stream().filter(key -> key.certUser().equals(certUser)).findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> sign(String sid, String pin, String data) throws Exception {
        return send("POST", "/v1/sign", body(sid, pin, data), null);
    }

    private static String body(String sid, String pin, String data) {
        return JSON.writeValueAsString(Map.of("sid", sid, "pin", pin, "data", data));
    }

    private HttpResponse<String> send(String method, String path, String body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keys(HttpResponse<String> response) {
        return (List<Map<String, Object>>) JSON.readValue(response.body(), Map.class).get("keys");
    }
}

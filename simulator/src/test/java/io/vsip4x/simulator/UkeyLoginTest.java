package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.sdk.ukey.UkeyAnswerSignature;
import io.vsip4x.sdk.ukey.UkeyChallenge;
import io.vsip4x.sdk.ukey.UkeyEnvelope;
import io.vsip4x.sdk.ukey.UkeyLoginAnswer;
import io.vsip4x.sdk.ukey.UkeyLoginRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** ukeyLogin over HTTP with the binding's UKEY envelope, against the simulator's UKEY registry. */
class UkeyLoginTest {

    private static final String CERT_USER = "demo-cert-user-1";
    private static final String SID = "UK-DEMO-0001";

    private final KeyPair portal = Sm2.generate();
    private final PrivateKey demoKey = Sm2.privateKey(resource("/ukey/demo-ukey-1.pem"));
    private final PrivateKey otherDemoKey = Sm2.privateKey(resource("/ukey/demo-ukey-2.pem"));
    private TestPlatform platform;

    @BeforeEach
    void start() throws Exception {
        platform = new TestPlatform();
        platform.simulator.setPortalPublicKey(Sm2.pem(portal.getPublic()));
        platform.client.setPrivateKey(Sm2.pem(portal.getPrivate()));
        platform.client.setPlatformPublicKey(fetchPublicKey(platform.simulator));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void signsInTheDemoKeysUserWithAFreshToken() {
        UkeyLoginRequest request = UkeyLoginRequest.signed(CERT_USER, SID, challenge(), demoKey);

        UkeyLoginAnswer answer = platform.client.ukeyLogin(request);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.userId()).isEqualTo("u-1001");
        assertThat(answer.userName()).isEqualTo("张三");
        assertThat(answer.token()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(answer.toString()).doesNotContain(answer.token()).contains("u-1001");
        assertThat(request.toString()).doesNotContain(request.signMessage());
    }

    @Test
    void theAnswerIsSealedForThePortalsKeyOnlyAndSignedByThePlatform() throws Exception {
        UkeyLoginRequest request = UkeyLoginRequest.signed(CERT_USER, SID, challenge(), demoKey);
        String sealed = UkeyEnvelope.seal(json(request.toMap()), Sm2.publicKey(platform.simulator.platformPublicKey()));

        Object answer = platform.client.call("ukeyLogin", sealed);

        assertThat(answer).isInstanceOf(String.class);
        Map<?, ?> opened = new JsonMapper().readValue(UkeyEnvelope.open((String) answer, portal.getPrivate()),
                Map.class);
        assertThat(opened.get("user.id")).isEqualTo("u-1001");
        assertThat(opened.get("user.cert.password")).isInstanceOf(String.class);
        assertThat(opened.get("sid")).isEqualTo(SID);
        assertThat(opened.get("challenge")).isEqualTo(request.challenge());
        assertThat(UkeyAnswerSignature.verify(Sm2.publicKey(platform.simulator.platformPublicKey()), "u-1001", "张三",
                SID, request.challenge(), (String) opened.get("user.cert.password"), (String) opened.get("signature")))
                .isTrue();
        assertThat(tryOpen((String) answer, Sm2.generate().getPrivate())).isFalse();
    }

    @Test
    void refusesASignatureByAnotherKeyWith1003() {
        UkeyLoginAnswer answer = platform.client.ukeyLogin(
                UkeyLoginRequest.signed(CERT_USER, SID, challenge(), otherDemoKey));

        assertThat(answer.code()).isEqualTo("1003");
        assertThat(answer.token()).isNull();
    }

    @Test
    void refusesASignatureOfAnotherChallengeWith1003() {
        UkeyLoginRequest signedOther = UkeyLoginRequest.signed(CERT_USER, SID, challenge(), demoKey);
        UkeyLoginRequest request = new UkeyLoginRequest(CERT_USER, SID, signedOther.signMessage(), challenge());

        assertThat(platform.client.ukeyLogin(request).code()).isEqualTo("1003");
    }

    @Test
    void refusesAnExpiredChallengeWith1003() {
        String stale = UkeyChallenge.fresh(Instant.now().minus(Duration.ofMinutes(10)));

        UkeyLoginAnswer answer = platform.client.ukeyLogin(UkeyLoginRequest.signed(CERT_USER, SID, stale, demoKey));

        assertThat(answer.code()).isEqualTo("1003");
    }

    @Test
    void refusesAChallengeUsedBeforeWith1003() {
        UkeyLoginRequest request = UkeyLoginRequest.signed(CERT_USER, SID, challenge(), demoKey);
        assertThat(platform.client.ukeyLogin(request).ok()).isTrue();

        // Replaying the same signed challenge must not sign anyone in again.
        assertThat(platform.client.ukeyLogin(request).code()).isEqualTo("1003");
    }

    @Test
    void refusesAnUnknownSidOrCertificateUserWith1001() {
        UkeyLoginAnswer unknownSid = platform.client.ukeyLogin(
                UkeyLoginRequest.signed(CERT_USER, "UK-NOPE", challenge(), demoKey));
        UkeyLoginAnswer otherUser = platform.client.ukeyLogin(
                UkeyLoginRequest.signed("demo-cert-user-2", SID, challenge(), demoKey));

        assertThat(unknownSid.code()).isEqualTo("1001");
        assertThat(otherUser.code()).isEqualTo("1001");
    }

    @Test
    void refusesATamperedOrForeignEnvelopeWith2003() throws Exception {
        String sealed = UkeyEnvelope.seal(json(UkeyLoginRequest.signed(CERT_USER, SID, challenge(), demoKey).toMap()),
                Sm2.publicKey(platform.simulator.platformPublicKey()));
        char last = sealed.charAt(sealed.length() - 5);
        String tampered = sealed.substring(0, sealed.length() - 5) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 4);
        String foreign = UkeyEnvelope.seal(json(Map.of("certuser", CERT_USER)), Sm2.generate().getPublic());

        assertThat(code(platform.client.call("ukeyLogin", tampered))).isEqualTo("2003");
        assertThat(code(platform.client.call("ukeyLogin", foreign))).isEqualTo("2003");
        assertThat(code(platform.client.call("ukeyLogin", "not an envelope"))).isEqualTo("2003");
    }

    @Test
    void refusesAnEnvelopeMissingAKeyWith2003() throws Exception {
        String sealed = UkeyEnvelope.seal(json(Map.of("certuser", CERT_USER, "sid", SID)),
                Sm2.publicKey(platform.simulator.platformPublicKey()));

        assertThat(code(platform.client.call("ukeyLogin", sealed))).isEqualTo("2003");
    }

    @Test
    void signsInAKeyRegisteredAtRunTime() {
        KeyPair ukey = Sm2.generate();
        platform.simulator.registerUkey("carol", "UK-9", Sm2.pem(ukey.getPublic()), "u-9", "Carol");

        UkeyLoginAnswer answer = platform.client.ukeyLogin(
                UkeyLoginRequest.signed("carol", "UK-9", challenge(), ukey.getPrivate()));

        assertThat(answer.userId()).isEqualTo("u-9");
        assertThat(answer.userName()).isEqualTo("Carol");
    }

    @Test
    void keepsItsKeyPairBesideTheStateFile(@TempDir Path dir) throws Exception {
        Path stateFile = dir.resolve("state.json");
        String first;
        try (Vsip4xSimulator simulator = new Vsip4xSimulator(SimulatorSettings.defaults().withStateFile(stateFile))) {
            first = fetchPublicKey(simulator.start());
        }
        try (Vsip4xSimulator again = new Vsip4xSimulator(SimulatorSettings.defaults().withStateFile(stateFile))) {
            assertThat(again.platformPublicKey()).isEqualTo(first);
        }
        assertThat(dir.resolve("state.json.sm2-key.pem")).exists();
        assertThat(first).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    private static String challenge() {
        return UkeyChallenge.fresh(Instant.now());
    }

    private static String fetchPublicKey(Vsip4xSimulator simulator) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/ukey/public-key")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(simulator.platformPublicKey());
        return response.body();
    }

    private static boolean tryOpen(String envelope, PrivateKey key) {
        try {
            UkeyEnvelope.open(envelope, key);
            return true;
        } catch (UkeyEnvelope.InvalidEnvelopeException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static String code(Object answer) {
        return SdkResult.of((Map<String, Object>) answer).code();
    }

    private static byte[] json(Map<String, Object> map) {
        return new JsonMapper().writeValueAsBytes(map);
    }

    private static String resource(String name) {
        try (InputStream in = UkeyLoginTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

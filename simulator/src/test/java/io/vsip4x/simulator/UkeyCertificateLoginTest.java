package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.sdk.ukey.UkeyChallenge;
import io.vsip4x.sdk.ukey.UkeyExchange;
import io.vsip4x.sdk.ukey.UkeyLoginAnswer;
import io.vsip4x.sdk.ukey.UkeyLoginRequest;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** ukeyLogin with certificate keys from the simulator's CA, signed by hand or through the middleware. */
class UkeyCertificateLoginTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyPair portal = Sm2.generate();
    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform(s -> s.withUkeyMiddlewarePort(0));
        platform.simulator.setPortalPublicKey(Sm2.pem(portal.getPublic()));
        platform.client.setPrivateKey(Sm2.pem(portal.getPrivate()));
        platform.client.setPlatformPublicKey(platform.simulator.platformPublicKey());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void issuesDemoKeysForThePortalsDemoAccounts() {
        assertThat(platform.simulator.demoUkeys()).extracting(IssuedUkey::certUser)
                .containsExactly("alice", "dave", "bob", "erin", "paula", "sam", "audrey");
        assertThat(platform.simulator.demoUkeys()).extracting(IssuedUkey::sid)
                .containsExactly("SIM-UK-ALICE", "SIM-UK-DAVE", "SIM-UK-BOB", "SIM-UK-ERIN", "SIM-UK-PAULA",
                        "SIM-UK-SAM", "SIM-UK-AUDREY");
        assertThat(platform.simulator.demoUkeys()).extracting(IssuedUkey::userName)
                .containsExactly("李爱丽", "戴维", "鲍勃", "艾琳", "宝拉", "萨姆", "奥黛丽");
        assertThat(platform.simulator.demoUkeys()).allSatisfy(
                key -> assertThat(key.userId()).isEqualTo("pu-" + key.certUser()));
    }

    @Test
    void demoKeysAreNewAtEveryStartWithTheSameSidsAndUsers() {
        try (Vsip4xSimulator other = new Vsip4xSimulator(SimulatorSettings.defaults())) {
            IssuedUkey before = platform.simulator.demoUkeys().get(0);
            IssuedUkey after = other.demoUkeys().get(0);

            assertThat(after.sid()).isEqualTo(before.sid());
            assertThat(after.userId()).isEqualTo(before.userId());
            assertThat(after.certificate().getPublicKey()).isNotEqualTo(before.certificate().getPublicKey());
        }
        try (Vsip4xSimulator empty = new Vsip4xSimulator(SimulatorSettings.defaults().withSeedDemoInventory(false))) {
            assertThat(empty.demoUkeys()).isEmpty();
        }
    }

    @Test
    void signsInADemoUserWhoseKeySignedThroughTheMiddleware() throws Exception {
        String challenge = UkeyChallenge.fresh(Instant.now());
        Map<?, ?> signed = middlewareSign("SIM-UK-AUDREY", challenge);

        UkeyLoginAnswer answer = platform.client.ukeyLogin(new UkeyLoginRequest((String) signed.get("certUser"),
                (String) signed.get("sid"), (String) signed.get("signature"), challenge));

        assertThat(answer.ok()).isTrue();
        assertThat(answer.userId()).isEqualTo("pu-audrey");
        assertThat(answer.userName()).isEqualTo("奥黛丽");
        assertThat(answer.token()).isNotBlank();
    }

    @Test
    void signsInAnIssuedKey() {
        IssuedUkey key = platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");

        UkeyLoginAnswer answer = platform.client.ukeyLogin(request(key));

        assertThat(answer.ok()).isTrue();
        assertThat(answer.userId()).isEqualTo("u-c");
    }

    @Test
    void refusesAnExpiredOrNotYetValidCertificateWith1003() {
        Instant now = Instant.now();
        IssuedUkey expired = platform.simulator.issueUkey("old", "UK-OLD", "u-old", "Old",
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        IssuedUkey early = platform.simulator.issueUkey("new", "UK-NEW", "u-new", "New",
                now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(400)));

        assertThat(platform.client.ukeyLogin(request(expired)).code()).isEqualTo("1003");
        assertThat(platform.client.ukeyLogin(request(early)).code()).isEqualTo("1003");
    }

    @Test
    void refusesAKeySigningForAnotherIssuedKeysSidWith1003() {
        IssuedUkey carol = platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");
        IssuedUkey mallory = platform.simulator.issueUkey("mallory", "UK-M", "u-m", "Mallory");

        UkeyLoginRequest forged = UkeyLoginRequest.signed(carol.certUser(), carol.sid(),
                UkeyChallenge.fresh(Instant.now()), mallory.privateKey());

        assertThat(platform.client.ukeyLogin(forged).code()).isEqualTo("1003");
    }

    @Test
    void forgetsARevokedKey() {
        IssuedUkey key = platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");

        platform.simulator.revokeUkey("UK-C");

        assertThat(platform.client.ukeyLogin(request(key)).code()).isEqualTo("1001");
    }

    @Test
    void pullingAKeyOutOfTheMiddlewareDoesNotRevokeIt() {
        IssuedUkey key = platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");

        platform.simulator.removeUkey("UK-C");

        assertThat(platform.client.ukeyLogin(request(key)).ok()).isTrue();
    }

    @Test
    void anAnswerReplayedForAnotherSignInIsRefused() {
        IssuedUkey key = platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");
        UkeyLoginRequest first = request(key);
        Object firstAnswer = platform.client.call("ukeyLogin",
                UkeyExchange.seal(first, Sm2.publicKey(platform.simulator.platformPublicKey())));
        UkeyLoginRequest second = request(key);

        // A man in the middle answering the second sign-in with the first one's answer.
        assertThatThrownBy(() -> UkeyExchange.open(firstAnswer, second, portal.getPrivate(),
                Sm2.publicKey(platform.simulator.platformPublicKey())))
                .isInstanceOf(Vsip4xProtocolException.class);
        assertThat(UkeyExchange.open(firstAnswer, first, portal.getPrivate(),
                Sm2.publicKey(platform.simulator.platformPublicKey())).userId()).isEqualTo("u-c");
    }

    @Test
    void anAnswerIsVerifiedWithThePlatformsKey() {
        IssuedUkey key = platform.simulator.issueUkey("carol", "UK-C", "u-c", "Carol");
        UkeyLoginRequest request = request(key);
        Object answer = platform.client.call("ukeyLogin",
                UkeyExchange.seal(request, Sm2.publicKey(platform.simulator.platformPublicKey())));

        assertThatThrownBy(() -> UkeyExchange.open(answer, request, portal.getPrivate(), Sm2.generate().getPublic()))
                .isInstanceOf(Vsip4xProtocolException.class)
                .hasMessageContaining("signature");
    }

    private static UkeyLoginRequest request(IssuedUkey key) {
        return UkeyLoginRequest.signed(key.certUser(), key.sid(), UkeyChallenge.fresh(Instant.now()),
                key.privateKey());
    }

    private Map<?, ?> middlewareSign(String sid, String data) throws Exception {
        URI url = platform.simulator.ukeyMiddlewareUrl().resolve("/v1/sign");
        String body = JSON.writeValueAsString(Map.of("sid", sid, "pin", IssuedUkey.DEMO_PIN, "data", data));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }
}

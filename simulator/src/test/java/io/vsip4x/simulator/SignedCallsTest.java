package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.sdk.ukey.RequestSignature;
import io.vsip4x.sdk.ukey.Sm2;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Calls signed with the portal's SM2 key, and callbacks signed with the platform's, over HTTP. */
class SignedCallsTest {

    private final KeyPair portal = Sm2.generate();
    private TestPlatform platform;
    private CallbackReceiver strictReceiver;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        strictReceiver = new CallbackReceiver(TestPlatform.SECRET, platform.simulator.platformPublicKey());
    }

    @AfterEach
    void stop() {
        strictReceiver.close();
        platform.close();
    }

    @Test
    void withoutAPortalKeyUnsignedCallsWorkAsBefore() {
        assertThat(platform.client.settings().privateKey()).isNull();

        assertThat(platform.client.searchRepository(Map.of())).isNotEmpty();
    }

    @Test
    void acceptsCallsSignedWithThePortalsKey() {
        platform.simulator.setPortalPublicKey(Sm2.pem(portal.getPublic()));
        platform.client.setPrivateKey(Sm2.pem(portal.getPrivate()));

        assertThat(platform.client.searchRepository(Map.of())).isNotEmpty();
        assertThat(platform.client.getSystemInfo()).isNotNull();
    }

    @Test
    void refusesUnsignedCallsWith401WhenSigningIsRequired() throws Exception {
        platform.simulator.setPortalPublicKey(Sm2.pem(portal.getPublic()));

        assertThatThrownBy(() -> platform.client.searchRepository(Map.of()))
                .isInstanceOfSatisfying(Vsip4xProtocolException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
        HttpResponse<String> raw = post("searchRepository", body(), Map.of());
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(new JsonMapper().readValue(raw.body(), Map.class)).containsEntry("result", "1003");
    }

    @Test
    void refusesCallsSignedWithAnotherKey() {
        platform.simulator.setPortalPublicKey(Sm2.pem(portal.getPublic()));
        platform.client.setPrivateKey(Sm2.pem(Sm2.generate().getPrivate()));

        assertThatThrownBy(() -> platform.client.searchRepository(Map.of()))
                .isInstanceOfSatisfying(Vsip4xProtocolException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void refusesATamperedBodyAnotherMethodOrAStaleTimestamp() throws Exception {
        platform.simulator.setPortalPublicKey(Sm2.pem(portal.getPublic()));
        long now = System.currentTimeMillis();
        byte[] body = body();
        String signature = RequestSignature.sign(portal.getPrivate(), now, "searchRepository", body);
        long stale = now - Duration.ofMinutes(10).toMillis();

        assertThat(post("searchRepository", body, signed(now, signature)).statusCode()).isEqualTo(200);
        byte[] changed = "{\"args\":[{\"repoName\":\"x\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(post("searchRepository", changed, signed(now, signature)).statusCode()).isEqualTo(401);
        assertThat(post("getSystemInfo", "{\"args\":[]}".getBytes(StandardCharsets.UTF_8), signed(now, signature))
                .statusCode()).isEqualTo(401);
        String staleSignature = RequestSignature.sign(portal.getPrivate(), stale, "searchRepository", body);
        assertThat(post("searchRepository", body, signed(stale, staleSignature)).statusCode()).isEqualTo(401);
    }

    @Test
    void callbacksCarryThePlatformsSm2SignatureWhichVerifies() {
        HttpVsip4xClient client = new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", platform.simulator.baseUrl(),
                "portal", "portal-secret", null, strictReceiver.url(), Duration.ofSeconds(1), Duration.ofSeconds(3)));

        assertThat(client.createVm(TestPlatform.spec("pool-prod", "vm-signed")).ok()).isTrue();

        Await.until("the creation event arrived", () -> !strictReceiver.eventsOf("vm-signed").isEmpty());
        assertThat(strictReceiver.badSignatures()).isZero();
        assertThat(strictReceiver.lastDelivery().sm2()).isNotBlank();
    }

    @Test
    void aTamperedOrForeignCallbackIsRefused() {
        HttpVsip4xClient client = new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", platform.simulator.baseUrl(),
                "portal", "portal-secret", null, strictReceiver.url(), Duration.ofSeconds(1), Duration.ofSeconds(3)));
        client.createVm(TestPlatform.spec("pool-prod", "vm-tamper"));
        Await.until("the creation event arrived", () -> !strictReceiver.eventsOf("vm-tamper").isEmpty());
        CallbackReceiver.Delivery delivery = strictReceiver.lastDelivery();
        CallbackSignature verifier = new CallbackSignature(TestPlatform.SECRET, platform.simulator.platformPublicKey());
        Instant now = Instant.now();

        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8).replace("vm-tamper", "vm-other")
                .getBytes(StandardCharsets.UTF_8);
        // The HMAC alone is re-computable by anyone holding the shared secret; the SM2 one is not.
        String rehmaced = new CallbackSignature(TestPlatform.SECRET).sign(Long.parseLong(delivery.timestamp()),
                tampered);
        CallbackSignature otherPlatform = new CallbackSignature(TestPlatform.SECRET,
                Sm2.pem(Sm2.generate().getPublic()));

        assertThat(verifier.verify(delivery.timestamp(), delivery.hmac(), delivery.sm2(), delivery.body(), now))
                .isTrue();
        assertThat(verifier.verify(delivery.timestamp(), rehmaced, delivery.sm2(), tampered, now)).isFalse();
        assertThat(verifier.verify(delivery.timestamp(), delivery.hmac(), null, delivery.body(), now)).isFalse();
        assertThat(otherPlatform.verify(delivery.timestamp(), delivery.hmac(), delivery.sm2(), delivery.body(), now))
                .isFalse();
    }

    private static byte[] body() {
        return "{\"args\":[{}]}".getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> signed(long timestamp, String signature) {
        return Map.of(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp),
                RequestSignature.SIGNATURE_HEADER, signature);
    }

    private HttpResponse<String> post(String method, byte[] body, Map<String, String> headers) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString("portal:portal-secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl() + "/" + method))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

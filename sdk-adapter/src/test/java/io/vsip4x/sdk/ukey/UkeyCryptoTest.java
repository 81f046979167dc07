package io.vsip4x.sdk.ukey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SM2 keys and signatures, the UKEY envelope and the challenge, without a platform. */
class UkeyCryptoTest {

    private static final byte[] TEXT = "{\"certuser\":\"alice\"}".getBytes(StandardCharsets.UTF_8);

    private final KeyPair pair = Sm2.generate();

    @Test
    void keysSurviveTheirPemForm() {
        String privatePem = Sm2.pem(pair.getPrivate());
        String publicPem = Sm2.pem(pair.getPublic());

        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
        String signature = Sm2.sign(Sm2.privateKey(privatePem), TEXT);
        assertThat(Sm2.verify(Sm2.publicKey(publicPem), TEXT, signature)).isTrue();
        assertThat(Sm2.publicKeyOf(Sm2.privateKey(privatePem))).isEqualTo(pair.getPublic());
    }

    @Test
    void aSignatureVerifiesOnlyForItsTextAndKey() {
        String signature = Sm2.sign(pair.getPrivate(), TEXT);

        assertThat(Sm2.verify(pair.getPublic(), TEXT, signature)).isTrue();
        assertThat(Sm2.verify(pair.getPublic(), "other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(Sm2.verify(Sm2.generate().getPublic(), TEXT, signature)).isFalse();
        assertThat(Sm2.verify(pair.getPublic(), TEXT, "not base64!")).isFalse();
        assertThat(Sm2.verify(pair.getPublic(), TEXT, null)).isFalse();
    }

    @Test
    void textThatIsNoKeyIsRefused() {
        assertThatThrownBy(() -> Sm2.privateKey("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sm2.publicKey(Sm2.pem(pair.getPrivate())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sm2.privateKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEnvelopeOpensOnlyWithTheRecipientsKey() {
        String sealed = UkeyEnvelope.seal(TEXT, pair.getPublic());

        assertThat(sealed).startsWith("v1.").doesNotContain("alice");
        assertThat(UkeyEnvelope.open(sealed, pair.getPrivate())).isEqualTo(TEXT);
        assertThatThrownBy(() -> UkeyEnvelope.open(sealed, Sm2.generate().getPrivate()))
                .isInstanceOf(UkeyEnvelope.InvalidEnvelopeException.class);
        assertThat(UkeyEnvelope.seal(TEXT, pair.getPublic())).isNotEqualTo(sealed);
    }

    @Test
    void anyChangedPartOfAnEnvelopeFailsToOpen() {
        String[] parts = UkeyEnvelope.seal(TEXT, pair.getPublic()).split("\\.");
        for (int i = 1; i < parts.length; i++) {
            String[] changed = parts.clone();
            changed[i] = flipFirst(changed[i]);
            String tampered = String.join(".", changed);
            assertThatThrownBy(() -> UkeyEnvelope.open(tampered, pair.getPrivate()))
                    .as("part %d changed", i).isInstanceOf(UkeyEnvelope.InvalidEnvelopeException.class);
        }
        assertThatThrownBy(() -> UkeyEnvelope.open("v2." + parts[1], pair.getPrivate()))
                .isInstanceOf(UkeyEnvelope.InvalidEnvelopeException.class);
    }

    @Test
    void aChallengeIsCurrentForFiveMinutesOnly() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        String challenge = UkeyChallenge.fresh(now);

        assertThat(UkeyChallenge.current(challenge, now.plus(Duration.ofMinutes(4)))).isTrue();
        assertThat(UkeyChallenge.current(challenge, now.plus(Duration.ofMinutes(6)))).isFalse();
        assertThat(UkeyChallenge.current(challenge, now.minus(Duration.ofMinutes(2)))).isFalse();
        assertThat(UkeyChallenge.current("hello", now)).isFalse();
        assertThat(UkeyChallenge.fresh(now)).isNotEqualTo(challenge);
    }

    @Test
    void requestSignaturesCoverTimeMethodAndBody() {
        long time = System.currentTimeMillis();
        String signature = RequestSignature.sign(pair.getPrivate(), time, "startVm", TEXT);
        Instant now = Instant.ofEpochMilli(time);

        assertThat(RequestSignature.verify(pair.getPublic(), Long.toString(time), "startVm", TEXT, signature, now))
                .isTrue();
        assertThat(RequestSignature.verify(pair.getPublic(), Long.toString(time), "deleteVm", TEXT, signature, now))
                .isFalse();
        assertThat(RequestSignature.verify(pair.getPublic(), Long.toString(time + 1), "startVm", TEXT, signature,
                now)).isFalse();
        assertThat(RequestSignature.verify(pair.getPublic(), Long.toString(time), "startVm", TEXT, signature,
                now.plus(Duration.ofMinutes(6)))).isFalse();
    }

    @Test
    void answersAndRequestsHideTheirSecrets() {
        UkeyLoginAnswer answer = new UkeyLoginAnswer("0", "", "u-1", "Alice", "tok-secret-123");
        UkeyLoginRequest request = UkeyLoginRequest.signed("alice", "UK-1", "c", pair.getPrivate());

        assertThat(answer.toString()).doesNotContain("tok-secret-123");
        assertThat(request.toString()).doesNotContain(request.signMessage());
        assertThat(UkeyLoginAnswer.from(answer.toMap()).token()).isEqualTo("tok-secret-123");
    }

    private static String flipFirst(String base64) {
        char first = base64.charAt(0);
        return (first == 'A' ? 'B' : 'A') + base64.substring(1);
    }
}

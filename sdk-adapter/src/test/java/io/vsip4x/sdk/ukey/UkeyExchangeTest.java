package io.vsip4x.sdk.ukey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The answer of {@code ukeyLogin}: sealed for the portal, bound to its request, signed by the platform. */
class UkeyExchangeTest {

    private static final String TOKEN = "tok-secret-123";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyPair platform = Sm2.generate();
    private final KeyPair portal = Sm2.generate();
    private final KeyPair ukey = Sm2.generate();
    private final UkeyLoginRequest request = UkeyLoginRequest.signed("alice", "UK-1",
            UkeyChallenge.fresh(Instant.now()), ukey.getPrivate());
    private final UkeyLoginAnswer accepted = new UkeyLoginAnswer("0", "", "u-1", "李爱丽", TOKEN);

    @Test
    void opensTheAnswerSignedForItsRequest() {
        String sealed = UkeyExchange.sealAnswer(accepted, request, platform.getPrivate(), portal.getPublic());

        UkeyLoginAnswer answer = UkeyExchange.open(sealed, request, portal.getPrivate(), platform.getPublic());

        assertThat(answer).isEqualTo(accepted);
        assertThat(answer.ok()).isTrue();
    }

    @Test
    void theSealedAnswerCarriesTheRequestsSidChallengeAndTheSignature() throws Exception {
        String sealed = UkeyExchange.sealAnswer(accepted, request, platform.getPrivate(), portal.getPublic());

        Map<?, ?> opened = JSON.readValue(UkeyEnvelope.open(sealed, portal.getPrivate()), Map.class);

        assertThat(opened.get("user.id")).isEqualTo("u-1");
        assertThat(opened.get("sid")).isEqualTo("UK-1");
        assertThat(opened.get("challenge")).isEqualTo(request.challenge());
        String text = "vsip4x-ukey-answer\nu-1\n李爱丽\nUK-1\n" + request.challenge() + "\n"
                + UkeyAnswerSignature.sm3Hex(TOKEN);
        assertThat(Sm2.verify(platform.getPublic(), text.getBytes(StandardCharsets.UTF_8),
                (String) opened.get("signature"))).isTrue();
    }

    @Test
    void theTokensDigestIsSm3InLowerCaseHex() {
        // GB/T 32905-2016, example 1: SM3("abc").
        assertThat(UkeyAnswerSignature.sm3Hex("abc"))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void refusesAnAnswerToAnotherChallengeOrKey() {
        UkeyLoginRequest otherChallenge = UkeyLoginRequest.signed("alice", "UK-1",
                UkeyChallenge.fresh(Instant.now()), ukey.getPrivate());
        UkeyLoginRequest otherKey = new UkeyLoginRequest("alice", "UK-2", request.signMessage(), request.challenge());
        String sealed = UkeyExchange.sealAnswer(accepted, request, platform.getPrivate(), portal.getPublic());

        // A replayed answer of an earlier sign-in must not sign in this one.
        assertThatThrownBy(() -> UkeyExchange.open(sealed, otherChallenge, portal.getPrivate(), platform.getPublic()))
                .isInstanceOf(Vsip4xProtocolException.class).hasMessageContaining("another key or challenge");
        assertThatThrownBy(() -> UkeyExchange.open(sealed, otherKey, portal.getPrivate(), platform.getPublic()))
                .isInstanceOf(Vsip4xProtocolException.class);
    }

    @Test
    void refusesAnAnswerSignedByAnotherKey() {
        String forged = UkeyExchange.sealAnswer(accepted, request, Sm2.generate().getPrivate(), portal.getPublic());

        // Anyone may seal for the portal's public key; only the platform's signature counts.
        assertThatThrownBy(() -> UkeyExchange.open(forged, request, portal.getPrivate(), platform.getPublic()))
                .isInstanceOf(Vsip4xProtocolException.class)
                .hasMessageContaining("signature")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void refusesAnAnswerWhoseUserOrTokenWasChanged() {
        String signature = UkeyAnswerSignature.sign(platform.getPrivate(), "u-1", "李爱丽", "UK-1",
                request.challenge(), TOKEN);

        assertThatThrownBy(() -> open(Map.of("user.id", "u-2", "user.name", "李爱丽", "user.cert.password", TOKEN,
                "sid", "UK-1", "challenge", request.challenge(), "signature", signature)))
                .isInstanceOf(Vsip4xProtocolException.class);
        assertThatThrownBy(() -> open(Map.of("user.id", "u-1", "user.name", "李爱丽", "user.cert.password", "other",
                "sid", "UK-1", "challenge", request.challenge(), "signature", signature)))
                .isInstanceOf(Vsip4xProtocolException.class);
        assertThatThrownBy(() -> open(Map.of("user.id", "u-1", "user.name", "李爱丽", "user.cert.password", TOKEN,
                "sid", "UK-1", "challenge", request.challenge())))
                .isInstanceOf(Vsip4xProtocolException.class);
        assertThat(open(Map.of("user.id", "u-1", "user.name", "李爱丽", "user.cert.password", TOKEN,
                "sid", "UK-1", "challenge", request.challenge(), "signature", signature)).token()).isEqualTo(TOKEN);
    }

    @Test
    void readsARefusalWithoutAnEnvelope() {
        UkeyLoginAnswer answer = UkeyExchange.open(Map.of("result", "1003", "resultinfo", "bad signature"), request,
                portal.getPrivate(), platform.getPublic());

        assertThat(answer.ok()).isFalse();
        assertThat(answer.code()).isEqualTo("1003");
        assertThat(answer.token()).isNull();
    }

    @Test
    void refusesAnAnswerSealedForAnotherKey() {
        String sealed = UkeyExchange.sealAnswer(accepted, request, platform.getPrivate(), Sm2.generate().getPublic());

        assertThatThrownBy(() -> UkeyExchange.open(sealed, request, portal.getPrivate(), platform.getPublic()))
                .isInstanceOf(Vsip4xProtocolException.class).hasMessageContaining("cannot be opened");
    }

    private UkeyLoginAnswer open(Map<String, Object> answer) {
        String sealed = UkeyEnvelope.seal(JSON.writeValueAsBytes(answer), portal.getPublic());
        return UkeyExchange.open(sealed, request, portal.getPrivate(), platform.getPublic());
    }
}

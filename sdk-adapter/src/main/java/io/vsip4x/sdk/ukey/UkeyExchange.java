package io.vsip4x.sdk.ukey;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xProtocolException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two halves of a {@code ukeyLogin} call (see the binding's UKEY envelope): the request
 * sealed for the platform's key, and the answer sealed for the portal's, which carries the
 * request's {@code sid} and {@code challenge} and the platform's {@link UkeyAnswerSignature}.
 */
public final class UkeyExchange {

    private static final String METHOD = "ukeyLogin";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UkeyExchange() {
    }

    /** {@code request} as the envelope {@code ukeyLogin} takes, sealed for {@code platformKey}. */
    public static String seal(UkeyLoginRequest request, PublicKey platformKey) {
        return UkeyEnvelope.seal(JSON.writeValueAsBytes(request.toMap()), platformKey);
    }

    /**
     * The platform's side: the accepted {@code answer} to {@code request} as the envelope
     * {@code ukeyLogin} returns, signed with {@code platformKey} and sealed for {@code portalKey}.
     */
    public static String sealAnswer(UkeyLoginAnswer answer, UkeyLoginRequest request, PrivateKey platformKey,
            PublicKey portalKey) {
        Map<String, Object> map = answer.toMap();
        map.put("sid", request.sid());
        map.put("challenge", request.challenge());
        map.put("signature", UkeyAnswerSignature.sign(platformKey, answer.userId(), answer.userName(),
                request.sid(), request.challenge(), answer.token()));
        return UkeyEnvelope.seal(JSON.writeValueAsBytes(map), portalKey);
    }

    /**
     * Reads the platform's answer to {@code request}: a refusal as a refused answer; an envelope
     * opened with {@code ownKey}, which must carry the request's {@code sid} and
     * {@code challenge} and {@code platformKey}'s signature of them with the user and token.
     *
     * @throws Vsip4xProtocolException when the answer is neither, cannot be opened, answers
     *                                 another request, or is not signed by the platform
     */
    public static UkeyLoginAnswer open(Object answer, UkeyLoginRequest request, PrivateKey ownKey,
            PublicKey platformKey) {
        Objects.requireNonNull(request, "request");
        Object sealed = answer;
        if (answer instanceof Map<?, ?> map) {
            SdkResult result = SdkResult.of(SdkMaps.trimKeys(map));
            if (!result.ok()) {
                return UkeyLoginAnswer.refused(result.code(), result.info());
            }
            sealed = result.raw().get("data");
        }
        if (!(sealed instanceof String envelope)) {
            throw new Vsip4xProtocolException(METHOD, 200, "The platform's answer to ukeyLogin is not a string");
        }
        Map<String, Object> opened;
        try {
            opened = SdkMaps.trimKeys(JSON.readValue(UkeyEnvelope.open(envelope, ownKey), Map.class));
        } catch (UkeyEnvelope.InvalidEnvelopeException | JacksonException e) {
            throw new Vsip4xProtocolException(METHOD, 200,
                    "The platform's answer to ukeyLogin cannot be opened with the private key");
        }
        UkeyLoginAnswer read = UkeyLoginAnswer.from(opened);
        if (!request.sid().equals(opened.get("sid")) || !request.challenge().equals(opened.get("challenge"))) {
            throw new Vsip4xProtocolException(METHOD, 200,
                    "The platform's answer to ukeyLogin answers another key or challenge");
        }
        if (!(opened.get("signature") instanceof String signature) || !UkeyAnswerSignature.verify(platformKey,
                read.userId(), read.userName(), request.sid(), request.challenge(), read.token(), signature)) {
            throw new Vsip4xProtocolException(METHOD, 200,
                    "The platform's answer to ukeyLogin does not carry the platform's signature");
        }
        return read;
    }
}

package io.vsip4x.sdk.ukey;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xProtocolException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two halves of a {@code ukeyLogin} call (see the binding's UKEY envelope): the request
 * sealed for the platform's key, and the answer opened with the portal's.
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
     * Reads the platform's answer: a refusal as a refused answer, an envelope opened with
     * {@code ownKey}.
     *
     * @throws Vsip4xProtocolException when the answer is neither, or cannot be opened
     */
    public static UkeyLoginAnswer open(Object answer, PrivateKey ownKey) {
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
        try {
            Map<?, ?> opened = JSON.readValue(UkeyEnvelope.open(envelope, ownKey), Map.class);
            return UkeyLoginAnswer.from(SdkMaps.trimKeys(opened));
        } catch (UkeyEnvelope.InvalidEnvelopeException | JacksonException e) {
            throw new Vsip4xProtocolException(METHOD, 200,
                    "The platform's answer to ukeyLogin cannot be opened with the private key");
        }
    }
}

package io.vsip4x.sdk.ukey;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a UKEY presents to sign in, before it is sealed into the envelope of {@code ukeyLogin}.
 *
 * @param certUser    {@code certuser}, the certificate's user
 * @param sid         {@code sid}, the key's device serial
 * @param signMessage {@code signmessage}, the Base64 SM3withSM2 signature of {@code challenge}
 *                    by the key's private key
 * @param challenge   {@code challenge}, the text the key signed (see {@link UkeyChallenge}); our
 *                    binding's addition to the spec's three keys
 */
public record UkeyLoginRequest(String certUser, String sid, String signMessage, String challenge) {

    public UkeyLoginRequest {
        Objects.requireNonNull(certUser, "certUser");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(signMessage, "signMessage");
        Objects.requireNonNull(challenge, "challenge");
    }

    /** A request whose challenge is signed with {@code ukeyKey}, as a UKEY device would. */
    public static UkeyLoginRequest signed(String certUser, String sid, String challenge, PrivateKey ukeyKey) {
        return new UkeyLoginRequest(certUser, sid, Sm2.sign(ukeyKey, challenge.getBytes(StandardCharsets.UTF_8)),
                challenge);
    }

    /** The map that is turned into JSON and sealed, with the spec's keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("certuser", certUser);
        map.put("sid", sid);
        map.put("signmessage", signMessage);
        map.put("challenge", challenge);
        return map;
    }

    /** Leaves the signature out. */
    @Override
    public String toString() {
        return "UkeyLoginRequest[certUser=" + certUser + ", sid=" + sid + "]";
    }
}

package io.vsip4x.sdk.ukey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.util.encoders.Hex;

/**
 * The platform's signature over a {@code ukeyLogin} answer, which binds it to the request it
 * answers: SM3withSM2 ({@link Sm2#sign}) of the UTF-8 bytes of
 * {@code "vsip4x-ukey-answer\n" + user.id + "\n" + user.name + "\n" + sid + "\n" + challenge
 * + "\n" + hex(SM3(token))}, where {@code sid} and {@code challenge} are the request's and the
 * hex digest of the token's UTF-8 bytes is in lower case. Sealed into the answer as
 * {@code signature} beside {@code sid} and {@code challenge}.
 */
public final class UkeyAnswerSignature {

    private static final String LABEL = "vsip4x-ukey-answer";

    private UkeyAnswerSignature() {
    }

    /** The platform's signature of an answer for {@code userId}, {@code userName} and {@code token}. */
    public static String sign(PrivateKey platformKey, String userId, String userName, String sid, String challenge,
            String token) {
        return Sm2.sign(platformKey, payload(userId, userName, sid, challenge, token));
    }

    /** Whether {@code signature} is {@code platformKey}'s signature of the answer; missing values do not verify. */
    public static boolean verify(PublicKey platformKey, String userId, String userName, String sid,
            String challenge, String token, String signature) {
        if (userId == null || userName == null || sid == null || challenge == null || token == null) {
            return false;
        }
        return Sm2.verify(platformKey, payload(userId, userName, sid, challenge, token), signature);
    }

    /** The signed text's bytes. */
    static byte[] payload(String userId, String userName, String sid, String challenge, String token) {
        String text = LABEL + "\n" + userId + "\n" + userName + "\n" + sid + "\n" + challenge + "\n" + sm3Hex(token);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The lower-case hex SM3 digest of {@code text}'s UTF-8 bytes. */
    static String sm3Hex(String text) {
        try {
            MessageDigest sm3 = MessageDigest.getInstance("SM3", Sm2.PROVIDER);
            return Hex.toHexString(sm3.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM3 is not available", e);
        }
    }
}

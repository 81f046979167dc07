package io.vsip4x.sdk.ukey;

import io.vsip4x.sdk.SdkMaps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's answer to {@code ukeyLogin}: on success the decrypted map's
 * {@code user.id}, {@code user.name} and {@code user.cert.password}; on refusal only the code.
 *
 * @param code     {@code "0"} when the key was accepted, else the refusal's result code
 *                 (1001 unknown key, 1003 bad signature or challenge, 2003 bad envelope)
 * @param info     the platform's text for the code, possibly empty
 * @param userId   {@code user.id}, the platform's user id, or {@code null} on refusal
 * @param userName {@code user.name}, or {@code null} on refusal
 * @param token    {@code user.cert.password}, the login token, or {@code null} on refusal;
 *                 never shown by {@link #toString()}
 */
public record UkeyLoginAnswer(String code, String info, String userId, String userName, String token) {

    /** A refusal with {@code code}. */
    public static UkeyLoginAnswer refused(String code, String info) {
        return new UkeyLoginAnswer(code, info == null ? "" : info, null, null, null);
    }

    /** Reads the decrypted answer map (keys trimmed). */
    public static UkeyLoginAnswer from(Map<String, ?> map) {
        Map<String, Object> m = SdkMaps.trimKeys(map);
        return new UkeyLoginAnswer("0", "", SdkMaps.string(m, "user.id"), SdkMaps.string(m, "user.name"),
                SdkMaps.string(m, "user.cert.password"));
    }

    /** The map the platform turns into JSON and seals, with the spec's keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("user.id", userId);
        map.put("user.name", userName);
        map.put("user.cert.password", token);
        return map;
    }

    /** Whether the platform accepted the key. */
    public boolean ok() {
        return "0".equals(code);
    }

    /** Leaves the token out. */
    @Override
    public String toString() {
        return "UkeyLoginAnswer[code=" + code + ", userId=" + userId + ", userName=" + userName + "]";
    }
}

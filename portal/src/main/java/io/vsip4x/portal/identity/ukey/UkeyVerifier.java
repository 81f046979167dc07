package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.ukey.UkeyLoginAnswer;
import io.vsip4x.sdk.ukey.UkeyLoginRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Checks what a UKEY signed: spends the challenge, asks the platform through {@code ukeyLogin}
 * (which verifies the signature and answers, authenticated, the platform user of the key), and
 * finds the active binding of the key to that platform user. Whether the account may sign in is
 * the caller's business.
 */
@Service
public class UkeyVerifier {

    private static final Logger log = LoggerFactory.getLogger(UkeyVerifier.class);
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_CERT_USER = 128;
    private static final int MAX_CHALLENGE = 100;
    private static final int MAX_SIGNATURE = 512;

    /**
     * A key the platform accepted, bound to an account.
     *
     * @param binding the key's active binding
     * @param spent   the challenge it signed
     */
    public record VerifiedKey(UkeyBinding binding, UkeyChallenges.Spent spent) {
    }

    private final UkeyChallenges challenges;
    private final UkeyBindings bindings;
    private final PlatformClient platform;

    UkeyVerifier(UkeyChallenges challenges, UkeyBindings bindings, PlatformClient platform) {
        this.challenges = challenges;
        this.bindings = bindings;
        this.platform = platform;
    }

    /**
     * Verifies a signed challenge posted in the session {@code sessionId}.
     *
     * @throws UkeyRefusedException saying why it does not sign anybody in
     */
    public VerifiedKey verify(String challenge, String certUser, String sid, String signature, String sessionId) {
        String namedSid = sid != null && SID.matcher(sid).matches() ? sid : null;
        if (namedSid == null || blank(challenge) || challenge.length() > MAX_CHALLENGE || blank(certUser)
                || certUser.length() > MAX_CERT_USER || blank(signature) || signature.length() > MAX_SIGNATURE) {
            throw new UkeyRefusedException(UkeyRefusal.INVALID, namedSid, null);
        }
        UkeyChallenges.Spent spent = challenges.spend(challenge, sessionId, sid);
        UkeyLoginAnswer answer;
        try {
            answer = platform.call(client -> client.ukeyLogin(new UkeyLoginRequest(certUser, sid, signature,
                    challenge)));
        } catch (Vsip4xException | IllegalStateException | IllegalArgumentException e) {
            log.warn("ukeyLogin of UKEY '{}' failed: {}", sid, e.getClass().getSimpleName());
            throw new UkeyRefusedException(UkeyRefusal.PLATFORM, sid, null);
        }
        if (!answer.ok()) {
            UkeyRefusal reason = switch (answer.code()) {
                case "1001" -> UkeyRefusal.UNKNOWN_KEY;
                case "1003" -> UkeyRefusal.SIGNATURE;
                default -> UkeyRefusal.PLATFORM;
            };
            throw new UkeyRefusedException(reason, sid, null);
        }
        if (blank(answer.userId())) {
            throw new UkeyRefusedException(UkeyRefusal.PLATFORM, sid, null);
        }
        UkeyBinding binding = bindings.active(sid).orElse(null);
        if (binding == null) {
            UkeyBinding revoked = bindings.latest(sid).filter(b -> !b.active()).orElse(null);
            throw revoked != null ? new UkeyRefusedException(UkeyRefusal.REVOKED, sid, revoked.username())
                    : new UkeyRefusedException(UkeyRefusal.UNBOUND, sid, null);
        }
        if (!binding.platformUserId().equals(answer.userId())) {
            // Bound, but to another platform user than the platform names: a binding to check, both ids kept.
            throw new UkeyRefusedException(UkeyRefusal.MISMATCH, sid, binding.username(), mismatch(binding,
                    answer.userId()));
        }
        return new VerifiedKey(binding, spent);
    }

    private static Map<String, String> mismatch(UkeyBinding binding, String answered) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("boundPlatformUserId", binding.platformUserId());
        ids.put("platformUserId", answered);
        return ids;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

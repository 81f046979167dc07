package io.vsip4x.simulator.ukey;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.sdk.ukey.UkeyChallenge;
import io.vsip4x.sdk.ukey.UkeyEnvelope;
import io.vsip4x.sdk.ukey.UkeyLoginAnswer;
import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.http.RefusalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ukeyLogin}: opens the UKEY envelope with the platform's key, finds the UKEY by
 * {@code sid} and {@code certuser}, checks its SM2 signature over a current challenge that was
 * not used before, and answers the user's id, name and a fresh login token sealed for the
 * portal's public key. A key with a certificate must hold one the simulator's CA issued,
 * valid now. Refusals: 2003 for an envelope that cannot be opened or lacks a key, 1001 for
 * an unknown UKEY, 1003 for a certificate that is foreign, expired or not yet valid, a bad
 * signature, or an expired, foreign or reused challenge, 9999 when the platform has no portal
 * key to answer to. Thread-safe.
 */
public final class UkeyAuthority {

    /** The demo UKEYs registered at start: certificate user, sid, user id, user name, key resource. */
    static final List<List<String>> DEMO_KEYS = List.of(
            List.of("demo-cert-user-1", "UK-DEMO-0001", "u-1001", "张三", "demo-ukey-1.pub.pem"),
            List.of("demo-cert-user-2", "UK-DEMO-0002", "u-1002", "李四", "demo-ukey-2.pub.pem"));

    private static final Logger log = LoggerFactory.getLogger(UkeyAuthority.class);
    private static final String UNKNOWN_KEY = "1001";
    private static final String BAD_SIGNATURE = "1003";
    private static final String INVALID = "2003";
    private static final String NOT_SET_UP = "9999";
    private static final int MAX_USED_CHALLENGES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlatformKey platformKey;
    private final Clock clock;
    private final UkeyCa ca;
    private final Map<String, RegisteredUkey> keys = new ConcurrentHashMap<>();
    private final Map<String, Instant> usedChallenges = new LinkedHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile PublicKey portalKey;

    /**
     * An authority with the two demo public keys registered, trusting the certificates
     * {@code ca} issued.
     */
    public UkeyAuthority(PlatformKey platformKey, Clock clock, UkeyCa ca) {
        this.platformKey = platformKey;
        this.clock = clock;
        this.ca = ca;
        for (List<String> demo : DEMO_KEYS) {
            register(new RegisteredUkey(demo.get(0), demo.get(1), Sm2.publicKey(resource(demo.get(4))),
                    demo.get(2), demo.get(3)));
        }
    }

    /** Serves {@code ukeyLogin} through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("ukeyLogin", this::ukeyLogin, ArgType.STRING);
    }

    /** Registers {@code ukey}, replacing one with the same {@code sid}. */
    public void register(RegisteredUkey ukey) {
        keys.put(ukey.sid(), ukey);
    }

    /** Forgets UKEY {@code sid}; unknown sids are ignored. */
    public void forget(String sid) {
        keys.remove(sid);
    }

    /** The portal's SM2 public key answers are sealed for, or {@code null}. */
    public PublicKey portalKey() {
        return portalKey;
    }

    /** Sets the portal's SM2 public key; {@code null} removes it. */
    public void setPortalKey(PublicKey key) {
        portalKey = key;
    }

    private Object ukeyLogin(Call call) {
        PublicKey portal = portalKey;
        if (portal == null) {
            throw new RefusalException(NOT_SET_UP, "No portal public key is configured for UKEY answers");
        }
        Map<String, Object> info = open(call.string(0));
        String certUser = text(info, "certuser");
        String sid = text(info, "sid");
        String signature = text(info, "signmessage");
        String challenge = text(info, "challenge");

        RegisteredUkey ukey = keys.get(sid);
        if (ukey == null || !ukey.certUser().equals(certUser)) {
            throw new RefusalException(UNKNOWN_KEY, "No UKEY '" + sid + "' of '" + certUser + "'");
        }
        if (ukey.certificate() != null && !ca.vouchesFor(ukey.certificate(), clock.instant())) {
            throw new RefusalException(BAD_SIGNATURE, "The certificate of UKEY '" + sid + "' is not valid now");
        }
        if (!Sm2.verify(ukey.publicKey(), challenge.getBytes(StandardCharsets.UTF_8), signature)) {
            throw new RefusalException(BAD_SIGNATURE, "The signature of UKEY '" + sid + "' does not verify");
        }
        if (!claim(challenge)) {
            throw new RefusalException(BAD_SIGNATURE, "UKEY '" + sid + "' signed an expired or used challenge");
        }

        UkeyLoginAnswer answer = new UkeyLoginAnswer("0", "", ukey.userId(), ukey.userName(), newToken());
        log.info("UKEY '{}' signed in user '{}'", sid, ukey.userId());
        return UkeyEnvelope.seal(json.writeValueAsBytes(answer.toMap()), portal);
    }

    private Map<String, Object> open(String envelope) {
        try {
            Object parsed = json.readValue(UkeyEnvelope.open(envelope, platformKey.privateKey()), Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return SdkMaps.trimKeys(map);
            }
        } catch (UkeyEnvelope.InvalidEnvelopeException | JacksonException e) {
            throw new RefusalException(INVALID, "The UKEY envelope cannot be opened: " + e.getMessage());
        }
        throw new RefusalException(INVALID, "The UKEY envelope holds no map");
    }

    private static String text(Map<String, Object> info, String key) {
        if (!(info.get(key) instanceof String value) || value.isBlank()) {
            throw new RefusalException(INVALID, "The UKEY envelope lacks '" + key + "'");
        }
        return value.trim();
    }

    /** Marks {@code challenge} used; {@code false} when it is not current or was used before. */
    private synchronized boolean claim(String challenge) {
        Instant now = clock.instant();
        if (!UkeyChallenge.current(challenge, now)) {
            return false;
        }
        Iterator<Map.Entry<String, Instant>> oldest = usedChallenges.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> entry = oldest.next();
            if (usedChallenges.size() < MAX_USED_CHALLENGES
                    && !entry.getValue().plus(UkeyChallenge.LIFETIME).plusSeconds(60).isBefore(now)) {
                break;
            }
            oldest.remove();
        }
        return usedChallenges.putIfAbsent(challenge, now) == null;
    }

    private static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    private static String resource(String name) {
        try (InputStream in = UkeyAuthority.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

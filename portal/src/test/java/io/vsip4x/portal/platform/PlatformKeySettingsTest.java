package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.sdk.ukey.RequestSignature;
import io.vsip4x.sdk.ukey.Sm2;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The SM2 key settings: checked at start without showing the key, and used for callbacks. */
class PlatformKeySettingsTest {

    @Test
    void keysAreOptional() {
        PlatformProperties properties = bind(Map.of());

        assertThat(properties.privateKey()).isNull();
        assertThat(properties.platformPublicKey()).isNull();
    }

    @Test
    void refusesAPrivateKeyThatIsNotAnSm2KeyWithoutShowingIt() {
        String notAKey = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXZhbHVl\n-----END PRIVATE KEY-----";

        assertThatThrownBy(() -> bind(Map.of("portal.platform.private-key", notAKey)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("portal.platform.private-key is not an SM2 private key in PEM")
                .hasMessageNotContaining("c2VjcmV0LXZhbHVl");
    }

    @Test
    void refusesAPlatformKeyThatIsNotAnSm2PublicKey() {
        assertThatThrownBy(() -> bind(Map.of("portal.platform.platform-public-key", "not pem")))
                .rootCause().hasMessage("portal.platform.platform-public-key is not an SM2 public key in PEM");
    }

    @Test
    void withThePlatformKeyCallbacksNeedThePlatformsSm2SignatureBesideTheHmac() {
        KeyPair platform = Sm2.generate();
        PlatformProperties properties = bind(Map.of(
                "portal.platform.platform-public-key", Sm2.pem(platform.getPublic()),
                "portal.platform.private-key", Sm2.pem(Sm2.generate().getPrivate())));
        CallbackSignature verifier = new CallbackSignature(properties.callbackSecret(),
                properties.platformPublicKey());
        byte[] body = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String timestamp = Long.toString(now.toEpochMilli());
        String hmac = new CallbackSignature(properties.callbackSecret()).sign(now.toEpochMilli(), body);
        String sm2 = RequestSignature.signCallback(platform.getPrivate(), now.toEpochMilli(), body);

        assertThat(verifier.verify(timestamp, hmac, sm2, body, now)).isTrue();
        assertThat(verifier.verify(timestamp, hmac, null, body, now)).as("HMAC alone").isFalse();
        String forged = RequestSignature.signCallback(Sm2.generate().getPrivate(), now.toEpochMilli(), body);
        assertThat(verifier.verify(timestamp, hmac, forged, body, now)).as("another key's signature").isFalse();
    }

    private static PlatformProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("portal.platform", PlatformProperties.class);
    }
}

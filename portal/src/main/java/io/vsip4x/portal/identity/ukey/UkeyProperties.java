package io.vsip4x.portal.identity.ukey;

import io.vsip4x.sdk.ukey.UkeyChallenge;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * UKEY sign-in ({@code portal.ukey.*}).
 *
 * @param middlewareUrl     where the sign-in page reaches the key vendor's middleware on the person's
 *                          computer (such as {@code http://127.0.0.1:5600}); empty: the embedded
 *                          simulator's software middleware
 * @param middlewareAdapter the page's adapter for that middleware ({@code vsip4x-soft})
 * @param challengeTtl      how long a challenge may wait for its signature
 * @param secondFactorTtl   how long a verified password waits for its UKEY
 */
@Validated
@ConfigurationProperties("portal.ukey")
public record UkeyProperties(
        String middlewareUrl,
        @DefaultValue("vsip4x-soft") @NotBlank String middlewareAdapter,
        @DefaultValue("60s") @NotNull Duration challengeTtl,
        @DefaultValue("5m") @NotNull Duration secondFactorTtl) {

    public UkeyProperties {
        middlewareUrl = middlewareUrl == null || middlewareUrl.isBlank() ? null : middlewareUrl.strip();
        if (challengeTtl != null && (challengeTtl.isNegative() || challengeTtl.isZero()
                || challengeTtl.compareTo(UkeyChallenge.LIFETIME) > 0)) {
            // The platform accepts a challenge for at most that long: a longer one would only fail there.
            throw new IllegalArgumentException("portal.ukey.challenge-ttl must be above zero and at most "
                    + UkeyChallenge.LIFETIME.toSeconds() + "s");
        }
    }
}

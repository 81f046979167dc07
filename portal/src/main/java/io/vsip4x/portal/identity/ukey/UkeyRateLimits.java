package io.vsip4x.portal.identity.ukey;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often one client address may call the UKEY sign-in's endpoints that need no sign-in
 * ({@code portal.ukey.rate-limit.*}; {@link UkeyRateLimiter}).
 *
 * @param perMinute calls an address may make a minute, on average (20)
 * @param burst     calls it may make at once (10)
 */
@Validated
@ConfigurationProperties("portal.ukey.rate-limit")
public record UkeyRateLimits(@DefaultValue("20") @Positive int perMinute, @DefaultValue("10") @Positive int burst) {
}

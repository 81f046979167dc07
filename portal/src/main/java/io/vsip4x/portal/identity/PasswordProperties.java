package io.vsip4x.portal.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rules a new password must follow.
 *
 * @param minLength the fewest characters a password has
 * @param history   how many of the account's latest passwords (the current one included) a new
 *                  one may not repeat
 */
@ConfigurationProperties("portal.security.password")
@Validated
public record PasswordProperties(
        @DefaultValue("10") @Min(1) @Max(64) int minLength,
        @DefaultValue("5") @Min(0) @Max(50) int history) {
}

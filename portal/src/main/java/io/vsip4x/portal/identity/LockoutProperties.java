package io.vsip4x.portal.identity;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When failed sign-ins lock an account.
 *
 * @param maxAttempts the failed sign-ins in a row that lock the account
 * @param duration    how long such a lock lasts
 */
@ConfigurationProperties("portal.security.lockout")
@Validated
public record LockoutProperties(
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("15m") @NotNull Duration duration) {
}

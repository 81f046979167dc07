package io.vsip4x.portal.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrators of a non-demo installation.
 *
 * @param initialPassword the password of the {@code admin} and {@code security} accounts created on
 *                        the first start, to be changed at their first sign-in; required while no
 *                        platform administrator exists; never logged
 */
@ConfigurationProperties("portal.admin")
public record AdminProperties(String initialPassword) {

    @Override
    public String toString() {
        return "AdminProperties[initialPassword=" + (initialPassword == null ? "unset" : "set") + "]";
    }
}

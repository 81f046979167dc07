package io.vsip4x.portal.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data of the default run.
 *
 * @param enabled  seed demo tenants and accounts (once, into an empty database)
 * @param password the demo accounts' password
 */
@ConfigurationProperties("portal.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("demo1234") String password) {

    @Override
    public String toString() {
        return "DemoProperties[enabled=" + enabled + "]";
    }
}

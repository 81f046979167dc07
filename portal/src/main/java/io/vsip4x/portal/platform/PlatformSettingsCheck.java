package io.vsip4x.portal.platform;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Checks the platform settings before anything else starts (a database, a web server), so that
 * a production start with the demo secrets fails at once with the reason, not after the
 * database was reached. Registered in {@code META-INF/spring.factories}.
 */
public class PlatformSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Binder.get(context.getEnvironment()).bindOrCreate("portal.platform", PlatformProperties.class);
    }
}

package io.vsip4x.portal.platform;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded MariaDB as soon as the configuration is known, before the application
 * context is built, so that the two come up side by side; the data source waits for it.
 * Registered in {@code META-INF/spring.factories}.
 */
public class EmbeddedMariaDbInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The bean name under which the started server is registered. */
    static final String BEAN = "embeddedMariaDb";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedDatabaseProperties properties = Binder.get(context.getEnvironment())
                .bindOrCreate("portal.database.embedded", EmbeddedDatabaseProperties.class);
        if (!properties.enabled()
                || context.getBeanFactory().containsSingleton(BEAN)) {
            return;
        }
        EmbeddedMariaDb db = new EmbeddedMariaDb(properties);
        // The context stops it, last: not the JVM's exit hook, which would run beside the context's.
        db.stopWithOwner();
        db.startInBackground();
        context.getBeanFactory().registerSingleton(BEAN, db);
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            // Destroyed after the beans that use it (the data source), not before.
            registry.registerDisposableBean(BEAN, db::close);
        }
    }
}

package io.vsip4x.portal.platform;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the in-process simulator when the portal runs on the embedded default. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "portal.platform.embedded-simulator", havingValue = "true", matchIfMissing = true)
    EmbeddedSimulator embeddedSimulator(PlatformProperties properties, @Value("${portal.data-dir}") Path dataDir) {
        return new EmbeddedSimulator(properties, dataDir);
    }
}

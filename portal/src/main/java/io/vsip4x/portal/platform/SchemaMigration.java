package io.vsip4x.portal.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schema's Flyway migrations alone, without starting the portal: the step of a first
 * start or an upgrade that must come before {@code deploy/mariadb/accounts.sql} grants the runtime
 * account on the tables the migrations create. It reads the settings a portal node reads from its
 * environment file ({@code SPRING_FLYWAY_URL}, or else {@code SPRING_DATASOURCE_URL};
 * {@code SPRING_FLYWAY_USER}, {@code SPRING_FLYWAY_PASSWORD}), so passwords stay off the command line:
 * <pre>
 * java -cp vsip4x-portal.jar -Dloader.main=io.vsip4x.portal.platform.SchemaMigration \
 *      org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 * Flyway holds its lock (a MariaDB named lock) while it migrates, so nodes starting meanwhile wait
 * and then find nothing left to do. Exits with 0 when the schema is up to date, 1 when a migration
 * failed, 2 when a setting is missing.
 */
public final class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);
    /** Where the migrations are, as {@code spring.flyway.locations} says in application.yml. */
    static final String LOCATIONS = "classpath:db/migration";

    private SchemaMigration() {
    }

    /** No arguments: the settings come from the environment. */
    public static void main(String[] args) {
        quietLibraries();
        Map<String, String> env = System.getenv();
        String url = first(env.get("SPRING_FLYWAY_URL"), env.get("SPRING_DATASOURCE_URL"));
        String user = env.get("SPRING_FLYWAY_USER");
        if (url == null || user == null || user.isBlank()) {
            log.error("Set SPRING_FLYWAY_URL (or SPRING_DATASOURCE_URL), SPRING_FLYWAY_USER and "
                    + "SPRING_FLYWAY_PASSWORD, as in /etc/vsip4x/portal.env");
            System.exit(2);
        }
        try {
            MigrateResult result = migrate(url, user, env.getOrDefault("SPRING_FLYWAY_PASSWORD", ""));
            log.info("The schema is at version {} ({} migrations applied now)", result.targetSchemaVersion,
                    result.migrationsExecuted);
            System.exit(0);
        } catch (RuntimeException e) {
            log.error("The migrations failed; the schema is where the last successful one left it", e);
            System.exit(1);
        }
    }

    /**
     * Applies the pending migrations.
     *
     * @param url      the schema's JDBC URL
     * @param user     the migration account
     * @param password its password
     * @return what Flyway did
     * @throws org.flywaydb.core.api.FlywayException when a migration fails
     */
    public static MigrateResult migrate(String url, String user, String password) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations(LOCATIONS)
                .load()
                .migrate();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    /** Without Spring Boot's logging set-up Logback logs everything at DEBUG; INFO is enough here. */
    private static void quietLibraries() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        }
    }
}

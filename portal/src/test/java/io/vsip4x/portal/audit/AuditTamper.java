package io.vsip4x.portal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * What the tests do to the audit tables behind the portal's back, each undone afterwards (the
 * tests of one JVM share one database and one chain): events inserted directly, a trigger dropped
 * for one change and put back as it was, rows deleted and put back with the purge switch.
 */
final class AuditTamper {

    private final DataSource dataSource;

    AuditTamper(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts an event that occurred at {@code at}, with {@code id} when not {@code null}; answers its id. */
    long insert(Long id, Instant at, String action, String target) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return insert(c, id, at, action, target);
        }
    }

    /** Like {@link #insert(Long, Instant, String, String)} on {@code c}, in its transaction. */
    static long insert(Connection c, Long id, Instant at, String action, String target) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO audit_event (id, occurred_at, actor, action, target_type, target, result)
                        VALUES (?, ?, 'tester', ?, 'TEST', ?, 'SUCCESS')""", Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, action);
            insert.setString(4, target);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** An event id handed out and never used: its insert was rolled back. */
    long burntId(String target) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long burnt = insert(c, null, Instant.now(), "BURNT", target);
            c.rollback();
            return burnt;
        }
    }

    /**
     * Inserts an event under {@code id}, an id the sealer has passed, after forgetting that the
     * sealer waits for it: a row slipped in behind the sealer. The chain's head is held meanwhile,
     * as the sealer does for a round, so the scheduled sealer cannot be between reading the gaps
     * and sealing them.
     */
    void slipIn(long id, Instant at, String action, String target) throws SQLException {
        try (Connection head = dataSource.getConnection()) {
            head.setAutoCommit(false);
            try (Statement lock = head.createStatement()) {
                lock.executeQuery("SELECT last_seq FROM audit_chain WHERE id = 1 FOR UPDATE").close();
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement forget = c.prepareStatement("DELETE FROM audit_gap WHERE event_id = ?")) {
                forget.setLong(1, id);
                forget.executeUpdate();
                insert(c, id, at, action, target);
            }
            head.commit();
        }
    }

    /** What a test does while a trigger is dropped. */
    interface Tampering {
        void run() throws Exception;
    }

    /** Runs {@code sql} with the trigger {@code trigger} dropped, and puts the trigger back as it was. */
    void withoutTrigger(String trigger, String sql, Object... args) throws SQLException {
        try {
            withoutTrigger(trigger, () -> plain(sql, args));
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code tampering} with the trigger {@code trigger} dropped, and puts the trigger back as it was. */
    void withoutTrigger(String trigger, Tampering tampering) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String definition;
            try (ResultSet rs = s.executeQuery("SHOW CREATE TRIGGER " + trigger)) {
                rs.next();
                // Without its DEFINER clause: the embedded server runs without grant tables.
                definition = rs.getString("SQL Original Statement").replaceFirst("(?i)DEFINER\\s*=\\s*\\S+\\s+", "");
            }
            s.execute("DROP TRIGGER " + trigger);
            try {
                tampering.run();
            } finally {
                s.execute(definition);
            }
        }
    }

    /** Runs {@code sql} with the purge switch on, as audit_purge does, in a session of its own. */
    void asPurge(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET @vsip4x_audit_purge = 1");
            try {
                execute(c, sql, args);
            } finally {
                s.execute("SET @vsip4x_audit_purge = NULL");
            }
        }
    }

    /** Runs a plain statement in a session of its own (to see the database's own refusal). */
    void plain(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql, args);
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }
}

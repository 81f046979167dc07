package io.vsip4x.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Fills the portal's operation log with many events straight in its MariaDB: {@code INSERT ...
 * SELECT} from the SEQUENCE engine ({@code seq_1_to_N}) in chunks, each chunk one transaction.
 * The events spread over {@link #DAYS} days up to a minute ago, {@link #ACTORS} accounts of the
 * seeded tenants plus {@code platform} and {@code system}, the {@link #ACTIONS} below (the frequent
 * first), VM, request, account and tenant targets, and mostly successes with some failures and
 * refusals carrying codes. The table's non-unique secondary indexes (whatever the migrations made)
 * are dropped first and built again at the end, sorted, which is faster than keeping them up to
 * date row by row once the table outgrows MariaDB's buffer pool; the append-only triggers of the
 * events and seals are dropped meanwhile too (see {@link #dropTriggers}) and created again.
 *
 * <p>The portal's sealer would otherwise hash millions of events into its chain while the benchmark
 * measures. So each chunk is sealed in its own transaction, computing nothing: it takes the chain
 * head's lock, gives every event after the head a seal numbered on from the head with the
 * placeholder hash {@link #PLACEHOLDER_HASH}, counts them in {@code audit_hourly}, moves the head
 * past them (its hash the placeholder) and marks them forwarded in {@code audit_forward}. The sealer
 * then links later events onto that head as usual: the chain is contiguous and grows normally, but a
 * verification from its start reports the first placeholder seal as a broken link. Every event
 * stays within the default retention of 180 days, so no archiving starts during the run.
 */
final class AuditSeeder {

    /** Days the events spread over, ending a minute before the population started. */
    static final int DAYS = 179;
    /** Accounts acting, besides {@code platform} and {@code system}. */
    static final int ACTORS = 300;
    /** The hash of every seal written here: recognisably not a SHA-256 of anything. */
    static final String PLACEHOLDER_HASH = "b".repeat(64);

    /**
     * The actions, the most frequent first, each with its target's type and who does it:
     * U an account, P the platform, S the portal itself. An event takes action number
     * {@code floor(40 r²)} for an r spread evenly over [0, 1): the first about 16 %, the last 0.6 %.
     */
    static final List<Action> ACTIONS = List.of(
            new Action("VM_STATE", "VM", 'P'), new Action("SIGN_IN", "ACCOUNT", 'U'),
            new Action("VM_START", "VM", 'U'), new Action("VM_SHUTDOWN", "VM", 'U'),
            new Action("SIGN_OUT", "ACCOUNT", 'U'), new Action("VM_REBOOT", "VM", 'U'),
            new Action("REQUEST_SUBMIT", "REQUEST", 'U'), new Action("REQUEST_APPROVE", "REQUEST", 'U'),
            new Action("VM_PAUSE", "VM", 'U'), new Action("VM_RESUME", "VM", 'U'),
            new Action("CONSOLE_OPEN", "VM", 'U'), new Action("VM_RESYNC", "VM", 'U'),
            new Action("REFUSED", null, 'U'), new Action("NOTIFICATION_READ", "NOTIFICATION", 'U'),
            new Action("REQUEST_COMMENT", "REQUEST", 'U'), new Action("LEASE_RENEW", "VM", 'U'),
            new Action("VM_DELETE", "VM", 'U'), new Action("REQUEST_REJECT", "REQUEST", 'U'),
            new Action("REQUEST_WITHDRAW", "REQUEST", 'U'), new Action("REQUEST_LEVEL_APPROVE", "REQUEST", 'U'),
            new Action("VM_MIGRATE", "VM", 'U'), new Action("VM_MOVE", "VM", 'U'),
            new Action("LEASE_WARN", "VM", 'S'), new Action("LEASE_EXPIRE", "VM", 'S'),
            new Action("CALLBACK_REFUSED", "VM", 'P'), new Action("PASSWORD_CHANGE", "ACCOUNT", 'U'),
            new Action("REQUEST_ASK_CHANGES", "REQUEST", 'U'), new Action("REQUEST_RESUBMIT", "REQUEST", 'U'),
            new Action("NOTIFICATION_READ_ALL", "NOTIFICATION", 'U'), new Action("VM_CLASSIFICATION", "VM", 'P'),
            new Action("ACCOUNT_LOCKOUT", "ACCOUNT", 'U'), new Action("DEPUTY_ADD", "ACCOUNT", 'U'),
            new Action("DEPUTY_REMOVE", "ACCOUNT", 'U'), new Action("TENANT_QUOTA_SET", "TENANT", 'U'),
            new Action("ACCOUNT_UPDATE", "ACCOUNT", 'U'), new Action("ACCOUNT_CREATE", "ACCOUNT", 'U'),
            new Action("ACCOUNT_PASSWORD_RESET", "ACCOUNT", 'U'), new Action("USER_CLEARANCE", "ACCOUNT", 'U'),
            new Action("APPROVAL_CHAIN_SET", "TENANT", 'U'), new Action("TENANT_CREATE", "TENANT", 'U'));

    /** How long the population waits for the forwarder to catch up with the sealer first. */
    static final Duration FORWARD_WAIT = Duration.ofMinutes(1);

    /** The action the filtered query of the benchmark asks for: about 3.4 % of the events. */
    static final String QUERIED_ACTION = "VM_REBOOT";

    private static final String[] SURNAMES = {"wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou",
        "wu"};
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /** One action of the log: its name, its target's type (null for none) and its actor's kind. */
    record Action(String name, String targetType, char actor) {
    }

    /**
     * What the population did.
     *
     * @param events         events written
     * @param chunks         transactions they were written in
     * @param seconds        the time it took, sealing and indexes included
     * @param oldest         the oldest event's time
     * @param newest         the newest event's time, give or take 20 s
     * @param lastSeq        the chain's head after it
     * @param indexes        the secondary indexes of {@code audit_event} dropped and built again
     * @param indexSeconds   of {@code seconds}, the time building them took
     * @param unforwarded    the portal's own sealed events that the forwarder had not sent when the
     *                       population began (after a minute's wait), marked forwarded with the rest
     */
    record Populated(long events, int chunks, double seconds, Instant oldest, Instant newest, long lastSeq,
            int indexes, double indexSeconds, long unforwarded) {

        double perSecond() {
            return seconds > 0 ? events / seconds : 0;
        }
    }

    private AuditSeeder() {
    }

    /**
     * Writes {@code count} events, {@code chunk} per transaction, on a connection of its own
     * (its session in UTC).
     *
     * @param tenants the seeded tenants, whose codes the events carry (see {@link #tenantCode})
     * @param now     the population's time: the newest event is a minute older
     */
    static Populated populate(Connection db, long count, int chunk, int tenants, Instant now) throws SQLException {
        long t0 = System.nanoTime();
        Instant newest = now.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Instant oldest = newest.minus(DAYS, ChronoUnit.DAYS);
        long spanMillis = Duration.between(oldest, newest).toMillis();
        boolean autoCommit = db.getAutoCommit();
        try (Statement session = db.createStatement()) {
            session.execute("SET time_zone = '+00:00'");
        }
        long unforwarded = awaitForwarding(db);
        List<String> indexes = secondaryIndexes(db);
        alter(db, indexes.stream().map(ix -> "DROP INDEX " + ix.substring(0, ix.indexOf(' '))).toList());
        List<String> triggers = dropTriggers(db);
        db.setAutoCommit(false);
        int chunks = 0;
        long lastSeq = 0;
        try {
            for (long done = 0; done < count; done += chunk) {
                int n = (int) Math.min(chunk, count - done);
                long c0 = System.nanoTime();
                try (Statement st = db.createStatement()) {
                    st.executeUpdate(insertSql(done, n, count, spanMillis, oldest, tenants));
                }
                long s0 = System.nanoTime();
                lastSeq = seal(db);
                db.commit();
                chunks++;
                Benchmark.LOG.info("  audit events {} of {}: written in {} s, sealed in {} s", done + n, count,
                        String.format("%.1f", (s0 - c0) / 1e9), String.format("%.1f", (System.nanoTime() - s0) / 1e9));
            }
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
            try (Statement st = db.createStatement()) {
                for (String trigger : triggers) {
                    st.execute(trigger);
                }
            }
        }
        long b0 = System.nanoTime();
        List<String> changes = new ArrayList<>(indexes.stream().map(ix -> "ADD " + ix.substring(ix.indexOf(' ') + 1))
                .toList());
        // Each INSERT ... SELECT reserved ids in growing blocks and left the rest unused: the next
        // event follows the last one, not a jump the sealer would warn about or wait on as gaps.
        changes.add("AUTO_INCREMENT = " + (newest(db) + 1));
        alter(db, changes);
        double indexSeconds = (System.nanoTime() - b0) / 1e9;
        Benchmark.LOG.info("  the {} secondary indexes of audit_event built again in {} s", indexes.size(),
                String.format("%.1f", indexSeconds));
        return new Populated(count, chunks, (System.nanoTime() - t0) / 1e9, oldest, newest, lastSeq, indexes.size(),
                indexSeconds, unforwarded);
    }

    /**
     * The chunk of events {@code from} to {@code from + n - 1} of {@code count}: i is an event's
     * number, r1..r3 are three pseudo-random 20-bit numbers of it (the top bits of multiplicative
     * hashes), k its action's index and a its account's.
     */
    static String insertSql(long from, int n, long count, long spanMillis, Instant oldest, int tenants) {
        String names = quoted(ACTIONS.stream().map(Action::name).toList());
        String types = quoted(ACTIONS.stream().map(Action::targetType).toList());
        String actors = quoted(ACTIONS.stream().map(a -> String.valueOf(a.actor())).toList());
        String surnames = quoted(List.of(SURNAMES));
        String events = String.format("""
                SELECT i, r1, r2, r3, FLOOR(POW(r2 / 1048576, 2) * %d) AS k, FLOOR(POW(r1 / 1048576, 2) * %d) AS a
                  FROM (SELECT seq - 1 + %d AS i,
                               ((seq - 1 + %d) * 2654435761 MOD 4294967296) DIV 4096 AS r1,
                               ((seq - 1 + %d) * 2246822519 + 3266489917) MOD 4294967296 DIV 4096 AS r2,
                               ((seq - 1 + %d) * 3266489917 + 668265263) MOD 4294967296 DIV 4096 AS r3
                          FROM seq_1_to_%d) s""", ACTIONS.size(), ACTORS, from, from, from, from, n);
        String described = String.format("""
                SELECT e.*, ELT(k + 1, %s) AS act, ELT(k + 1, %s) AS ttype, ELT(k + 1, %s) AS kind,
                       CONCAT(ELT(a MOD 10 + 1, %s), '.', LPAD(a DIV 10, 2, '0')) AS account,
                       CASE WHEN r3 MOD 1000 < 930 THEN 'SUCCESS' WHEN r3 MOD 1000 < 970 THEN 'FAILURE'
                            ELSE 'DENIED' END AS res
                  FROM (%s) e""", names, types, actors, surnames, events);
        String tenant = String.format("CASE a MOD %d WHEN 0 THEN '%s' WHEN 1 THEN '%s' "
                + "ELSE CONCAT('dept-', LPAD(a MOD %d + 1, 3, '0')) END", tenants, Seeder.BIG_TENANT,
                Seeder.PIPE_TENANT, tenants);
        return String.format("""
                INSERT INTO audit_event (occurred_at, actor, tenant_code, role, client_addr, action, target_type,
                                         target, params, result, code, message, correlation_id)
                SELECT TIMESTAMPADD(MICROSECOND, (i * %d DIV %d + r1 MOD 20000) * 1000, '%s'),
                       CASE kind WHEN 'P' THEN 'platform' WHEN 'S' THEN 'system' ELSE account END,
                       CASE kind WHEN 'U' THEN %s END,
                       CASE kind WHEN 'U' THEN CASE a MOD 10 WHEN 0 THEN 'USER,APPROVER,TENANT_ADMIN'
                                                             WHEN 1 THEN 'USER,APPROVER' ELSE 'USER' END END,
                       CASE kind WHEN 'U' THEN CONCAT('10.20.', a DIV 100, '.', a MOD 100 + 10) END,
                       act, ttype,
                       CASE ttype
                            WHEN 'VM' THEN CONCAT('vm-', LPAD(r3 MOD 20000, 5, '0'))
                            WHEN 'REQUEST' THEN CONCAT('request:', 1 + i DIV 40)
                            WHEN 'ACCOUNT' THEN account
                            WHEN 'TENANT' THEN %s
                            WHEN 'NOTIFICATION' THEN CONCAT('notification:', i)
                            ELSE CONCAT('POST /api/v1/vms/vm-', LPAD(r3 MOD 20000, 5, '0'), '/start') END,
                       CASE ttype WHEN 'VM' THEN CONCAT('operation=', i)
                                        WHEN 'REQUEST' THEN CONCAT('vms=', 1 + r1 MOD 4, ', cpu=2, memory=4096') END,
                       res,
                       CASE res WHEN 'FAILURE' THEN ELT(r1 MOD 4 + 1, '2049', '2050', '3001', '5001')
                                   WHEN 'DENIED' THEN ELT(r2 MOD 3 + 1, 'FORBIDDEN', 'QUOTA', 'STATE')
                                   ELSE CASE kind WHEN 'P' THEN '2010' END END,
                       CASE res WHEN 'FAILURE' THEN 'the platform refused the operation'
                                   WHEN 'DENIED' THEN 'not permitted' END,
                       CASE WHEN ttype IN ('VM', 'REQUEST')
                            THEN CONCAT('00000000-0000-4000-8000-', LPAD(HEX(i DIV 2), 12, '0')) END
                  FROM (%s) d""", spanMillis, Math.max(1, count - 1), SQL_TIME.format(oldest), tenant, tenant,
                described);
    }

    /** The code of seeded tenant {@code t} (0-based), as {@link Seeder} names them. */
    static String tenantCode(int t) {
        return t == 0 ? Seeder.BIG_TENANT : t == 1 ? Seeder.PIPE_TENANT : String.format("dept-%03d", t + 1);
    }

    /**
     * Seals every event after the chain's head with the placeholder hash, within the caller's
     * transaction; answers the head's new number.
     */
    private static long seal(Connection db) throws SQLException {
        long lastSeq;
        long lastEvent;
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT last_seq, last_event_id FROM audit_chain WHERE id = 1 FOR UPDATE")) {
            if (!rs.next()) {
                throw new IllegalStateException("The portal's audit_chain has no head row (id 1)");
            }
            lastSeq = rs.getLong(1);
            lastEvent = rs.getLong(2);
        }
        int sealed;
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO audit_seal (seq, event_id, hash)
                SELECT ? + ROW_NUMBER() OVER (ORDER BY id), id, ? FROM audit_event WHERE id > ?""")) {
            st.setLong(1, lastSeq);
            st.setString(2, PLACEHOLDER_HASH);
            st.setLong(3, lastEvent);
            sealed = st.executeUpdate();
        }
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO audit_hourly (hour_start, tenant_code, result, events)
                SELECT FROM_UNIXTIME(h * 3600), tenant, result, n
                  FROM (SELECT UNIX_TIMESTAMP(occurred_at) DIV 3600 AS h, COALESCE(tenant_code, '') AS tenant,
                               result, COUNT(*) AS n
                          FROM audit_event WHERE id > ?
                         GROUP BY h, tenant, result) g
                ON DUPLICATE KEY UPDATE events = events + VALUES(events)""")) {
            st.setLong(1, lastEvent);
            st.executeUpdate();
        }
        long newSeq = lastSeq + sealed;
        try (PreparedStatement st = db.prepareStatement("""
                UPDATE audit_chain
                   SET last_seq = ?, last_hash = ?, last_event_id = ?, updated_at = CURRENT_TIMESTAMP(3)
                 WHERE id = 1""")) {
            st.setLong(1, newSeq);
            st.setString(2, PLACEHOLDER_HASH);
            st.setLong(3, Math.max(lastEvent, newest(db)));
            st.executeUpdate();
        }
        try (PreparedStatement st = db.prepareStatement(
                "UPDATE audit_forward SET forwarded_seq = GREATEST(forwarded_seq, ?) WHERE id = 1")) {
            st.setLong(1, newSeq);
            st.executeUpdate();
        }
        return newSeq;
    }

    /**
     * Drops the triggers of {@code audit_event} and {@code audit_seal} (which keep them append-only)
     * for the population, and answers the statements that create them again: with them in place,
     * MariaDB 11.4 refuses every {@code INSERT ... SELECT ... FROM} a table into {@code audit_event}
     * ("Column 'actor' cannot be null"), while single rows go in.
     */
    static List<String> dropTriggers(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT TRIGGER_NAME FROM information_schema.TRIGGERS
                 WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE IN ('audit_event', 'audit_seal')
                 ORDER BY TRIGGER_NAME""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        List<String> creates = new ArrayList<>();
        try (Statement st = db.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = st.executeQuery("SHOW CREATE TRIGGER `" + name + "`")) {
                    rs.next();
                    // Created again by the benchmark's account, whoever created them first.
                    creates.add(rs.getString("SQL Original Statement").replaceFirst("DEFINER=\\S+ ", ""));
                }
                st.execute("DROP TRIGGER `" + name + "`");
            }
        }
        return creates;
    }

    /**
     * Waits up to {@link #FORWARD_WAIT} for the forwarder to send what the sealer has sealed so far;
     * answers how many seals it still had to send.
     */
    private static long awaitForwarding(Connection db) throws SQLException {
        String behind = "SELECT c.last_seq - f.forwarded_seq FROM audit_chain c JOIN audit_forward f ON f.id = 1 "
                + "WHERE c.id = 1";
        long[] left = {0};
        try (Statement st = db.createStatement()) {
            Poll.until(() -> {
                try (ResultSet rs = st.executeQuery(behind)) {
                    left[0] = rs.next() ? Math.max(0, rs.getLong(1)) : 0;
                    return left[0] == 0;
                } catch (SQLException e) {
                    throw new IllegalStateException("The forwarding state cannot be read", e);
                }
            }, FORWARD_WAIT, Duration.ofMillis(200));
        }
        if (left[0] > 0) {
            Benchmark.LOG.warn("  the forwarder still had {} events to send after {} s; they count as forwarded too",
                    left[0], FORWARD_WAIT.toSeconds());
        }
        return left[0];
    }

    /**
     * The non-unique secondary indexes of {@code audit_event}, whatever the migrations made them,
     * each as its name, a space and its definition ({@code INDEX name (a, b DESC)}).
     */
    static List<String> secondaryIndexes(Connection db) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT INDEX_NAME, INDEX_TYPE, COLUMN_NAME, SUB_PART, COLLATION
                  FROM information_schema.STATISTICS
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'audit_event' AND NON_UNIQUE = 1
                 ORDER BY INDEX_NAME, SEQ_IN_INDEX""")) {
            while (rs.next()) {
                String name = rs.getString(1);
                kinds.put(name, "FULLTEXT".equals(rs.getString(2)) ? "FULLTEXT INDEX" : "INDEX");
                String column = "`" + rs.getString(3) + "`" + (rs.getObject(4) == null ? "" : "(" + rs.getInt(4) + ")")
                        + ("D".equals(rs.getString(5)) ? " DESC" : "");
                columns.computeIfAbsent(name, n -> new ArrayList<>()).add(column);
            }
        }
        List<String> definitions = new ArrayList<>();
        columns.forEach((name, cols) -> definitions.add("`" + name + "` " + kinds.get(name) + " `" + name + "` ("
                + String.join(", ", cols) + ")"));
        return definitions;
    }

    private static void alter(Connection db, List<String> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (Statement st = db.createStatement()) {
            st.execute("ALTER TABLE audit_event " + String.join(", ", changes));
        }
    }

    private static long newest(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quoted(List<String> values) {
        StringJoiner joined = new StringJoiner(", ");
        for (String v : values) {
            joined.add(v == null ? "NULL" : "'" + v + "'");
        }
        return joined.toString();
    }
}

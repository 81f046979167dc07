package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.audit.AuditVerification.Broken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a database administrator can do to the chain, and how the verification still catches it: the
 * newest links cut off (checkpoints kept in a file outside the database, and the forwarding's
 * progress, name seqs beyond the head), the chain rewritten from some event on with the later
 * checkpoints deleted, an event forged under an id the sealer passed, an event inserted back-dated.
 * The cuts and rewrites happen in one transaction that holds the chain's head (so the sealer waits),
 * are walked inside it, and are rolled back.
 */
class AuditTruncationIntegrationTest extends PortalTestSupport {

    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    AuditCheckpointFile file;
    @Autowired
    AuditKeys keys;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditProperties properties;

    AuditTamper tamper;

    @BeforeEach
    void tamperer() {
        tamper = new AuditTamper(dataSource);
    }

    @Test
    void aCheckpointCannotBeDeletedEvenWithThePurgeSwitch() {
        sealedEvent("CHECKPOINT_KEPT");
        checkpoints.signHead();
        long seq = jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).single();

        assertThatThrownBy(() -> tamper.asPurge("DELETE FROM audit_checkpoint WHERE seq = ?", seq))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> tamper.plain("DELETE FROM audit_checkpoint WHERE seq = ?", seq))
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_checkpoint WHERE seq = :s").param("s", seq)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everySignedCheckpointIsAppendedToTheFileOutsideTheDatabase() {
        sealedEvent("FILED");
        checkpoints.signHead();
        Map<String, Object> newest = jdbc.sql("""
                SELECT seq, hash, key_id, signature FROM audit_checkpoint ORDER BY seq DESC LIMIT 1""")
                .query().singleRow();
        long seq = (Long) newest.get("seq");

        try (Stream<AuditCheckpointFile.Line> lines = file.after(seq - 1)) {
            assertThat(lines.filter(l -> l.seq() == seq).toList()).containsExactly(new AuditCheckpointFile.Line(seq,
                    (String) newest.get("hash"), (String) newest.get("key_id"), (String) newest.get("signature")));
        }
        assertThat(file.path().getFileName().toString()).isEqualTo(AuditCheckpointFile.DEFAULT_FILE);
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void cuttingOffTheNewestEventsAndTheirCheckpointsIsCaughtByTheFile() throws Exception {
        long id = sealedEvent("CUT_OFF");
        checkpoints.signHead();
        long signed = jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).single();
        long cut = seqOf(id) - 1;
        assertThat(signed).isGreaterThan(cut);

        Broken broken = insideTampering(c -> {
            purge(c, "DELETE e FROM audit_event e JOIN audit_seal s ON s.event_id = e.id WHERE s.seq > " + cut);
            purge(c, "DELETE FROM audit_seal WHERE seq > " + cut);
            purge(c, "DELETE FROM audit_checkpoint WHERE seq > " + cut);
            run(c, "UPDATE audit_forward SET forwarded_seq = LEAST(forwarded_seq, " + cut + ") WHERE id = 1");
            run(c, "UPDATE audit_chain c JOIN audit_seal s ON s.seq = " + cut + " SET c.last_seq = s.seq, "
                    + "c.last_hash = s.hash, c.last_event_id = s.event_id WHERE c.id = 1");
        });

        assertThat(broken.problem()).isEqualTo(AuditProblem.CHAIN_TRUNCATED);
        assertThat(broken.seq()).isGreaterThan(cut);
        assertThat(broken.detail()).contains(AuditCheckpointFile.DEFAULT_FILE).contains("chain ends at seq " + cut);
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void aForgedLineInTheCheckpointFileIsCaughtAndABrokenLineSkipped(@TempDir Path folder) throws Exception {
        sealedEvent("FILE_FORGED");
        AuditSealer.Head head = sealer.head();
        AuditCheckpointFile other = new AuditCheckpointFile(properties, folder);
        Files.writeString(other.path(), "{\"seq\":" + head.seq() + ",\"hash\":\"cut short\n");
        other.append(head.seq(), head.hash(), keys.keyId(),
                keys.sign(AuditCheckpoints.signedText(head.seq(), head.hash())), Instant.now());

        assertThat(walkInside(c -> { }, other)).as("a broken line is skipped, a good one matches").isNull();

        var stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        other.append(head.seq(), head.hash(), keys.keyId(), AuditSignatures.sign(stranger.getPrivate(),
                AuditCheckpoints.signedText(head.seq(), head.hash())), Instant.now());
        Broken broken = walkInside(c -> { }, other);
        assertThat(broken.problem()).isEqualTo(AuditProblem.CHECKPOINT_BAD_SIGNATURE);
        assertThat(broken.seq()).isEqualTo(head.seq());
        assertThat(broken.detail()).contains(AuditCheckpointFile.DEFAULT_FILE);
    }

    @Test
    void eventsForwardedBeyondTheHeadMeanTheChainWasCut() throws Exception {
        sealedEvent("FORWARDED");
        long head = sealer.head().seq();

        Broken broken = insideTampering(c -> run(c, "UPDATE audit_forward SET forwarded_seq = "
                + "(SELECT last_seq + 3 FROM audit_chain WHERE id = 1) WHERE id = 1"));

        assertThat(broken.problem()).isEqualTo(AuditProblem.CHAIN_TRUNCATED);
        assertThat(broken.seq()).isGreaterThanOrEqualTo(head + 3);
        assertThat(broken.detail()).contains("forwarded");
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void aChainRewrittenWithItsLaterCheckpointsDeletedNamesTheRangeOfTheChange() throws Exception {
        sealedEvent("BEFORE_REWRITE");
        checkpoints.signHead();
        long matched = jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).single();
        long rewritten = sealedEvent("REWRITTEN");
        long from = seqOf(rewritten);
        checkpoints.signHead();
        long differs = jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).single();
        assertThat(differs).isGreaterThanOrEqualTo(from);

        Broken broken = insideTampering(c -> {
            JdbcClient db = JdbcClient.create(new SingleConnectionDataSource(c, true));
            AuditEntry event = db.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE id = :id")
                    .param("id", rewritten).query(AuditRows.MAPPER).single();
            purge(c, "DELETE FROM audit_event WHERE id = " + rewritten);
            AuditTamper.insert(c, rewritten, event.occurredAt(), event.action(), "rewritten");
            // Every later link recomputed, as someone without the key but with the database would.
            long head = db.sql("SELECT last_seq FROM audit_chain WHERE id = 1").query(Long.class).single();
            String hash = db.sql("SELECT hash FROM audit_seal WHERE seq = :s").param("s", from - 1)
                    .query(String.class).single();
            List<Object[]> seals = new ArrayList<>();
            for (long seq = from; seq <= head; seq++) {
                long eventId = db.sql("SELECT event_id FROM audit_seal WHERE seq = :s").param("s", seq)
                        .query(Long.class).single();
                AuditEntry entry = db.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE id = :id")
                        .param("id", eventId).query(AuditRows.MAPPER).single();
                hash = AuditHash.link(hash, seq, entry);
                seals.add(new Object[] {seq, eventId, hash});
            }
            purge(c, "DELETE FROM audit_seal WHERE seq >= " + from);
            purge(c, "DELETE FROM audit_checkpoint WHERE seq >= " + from);
            for (Object[] seal : seals) {
                db.sql("INSERT INTO audit_seal (seq, event_id, hash) VALUES (:s, :e, :h)").param("s", seal[0])
                        .param("e", seal[1]).param("h", seal[2]).update();
            }
            db.sql("UPDATE audit_chain SET last_hash = :h WHERE id = 1").param("h", hash).update();
        });

        assertThat(broken.problem()).isEqualTo(AuditProblem.CHECKPOINT_MISMATCH);
        assertThat(broken.seq()).isEqualTo(differs);
        assertThat(broken.detail()).isEqualTo("The chain differs from the signed checkpoint in "
                + AuditCheckpointFile.DEFAULT_FILE + " at seq " + differs
                + "; the change lies after the previous matching checkpoint at seq " + matched);
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void anEventForgedUnderAPassedIdIsReportedWhateverItsTime() throws SQLException {
        long burnt = tamper.burntId("cut-" + UUID.randomUUID());
        sealedEvent("AFTER_BURNT");
        Instant future = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        tamper.slipIn(burnt, future, "FORGED", "cut-" + UUID.randomUUID());
        try {
            sealer.sealAll();
            AuditVerification result = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester");

            assertThat(result.firstBroken()).isNotNull();
            assertThat(result.firstBroken().problem()).isEqualTo(AuditProblem.UNSEALED_EVENT);
            assertThat(result.firstBroken().eventId()).isEqualTo(burnt);
            assertThat(result.firstBroken().detail()).contains("is not waiting for it");
        } finally {
            tamper.asPurge("DELETE FROM audit_event WHERE id = ?", burnt);
        }
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void anEventInsertedBackDatedIsSealedWithAWarningThatIsItselfSealed() throws SQLException {
        sealedEvent("NOW");
        Instant weeksAgo = Instant.now().minus(Duration.ofDays(21)).truncatedTo(ChronoUnit.MILLIS);
        long backdated = tamper.insert(null, weeksAgo, "BACKDATED_INSERT", "cut-" + UUID.randomUUID());
        sealer.sealAll();

        assertThat(seqOf(backdated)).as("the back-dated event is sealed all the same").isNotNull();
        List<Map<String, Object>> warnings = jdbc.sql("""
                SELECT id, actor, result, target_type, message FROM audit_event
                 WHERE action = 'AUDIT_EVENT_BACKDATED' AND target = :t""")
                .param("t", String.valueOf(backdated)).query().listOfRows();
        assertThat(warnings).hasSize(1);
        Map<String, Object> warning = warnings.get(0);
        assertThat(warning).containsEntry("actor", "system").containsEntry("result", "FAILURE")
                .containsEntry("target_type", "AUDIT_EVENT");
        assertThat((String) warning.get("message")).contains(weeksAgo.toString()).contains("back-dated");
        assertThat(seqOf((Long) warning.get("id"))).as("the warning is sealed too").isGreaterThan(seqOf(backdated));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'AUDIT_EVENT_BACKDATED' AND target = :t")
                .param("t", String.valueOf(warning.get("id"))).query(Long.class).single())
                .as("no warning about a warning").isZero();

        long current = sealedEvent("CURRENT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'AUDIT_EVENT_BACKDATED' AND target = :t")
                .param("t", String.valueOf(current)).query(Long.class).single()).isZero();
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    /** A change made on the connection that holds the chain's head, in its open transaction. */
    private interface Change {
        void on(Connection c) throws Exception;
    }

    /**
     * Makes {@code change} in one transaction that holds the chain's head (the sealer waits), with the
     * checkpoint trigger dropped as a database administrator could; walks the chain inside that
     * transaction; rolls everything back and answers the walk's first problem.
     */
    private Broken insideTampering(Change change) throws Exception {
        Broken broken = walkInside(change, file);
        assertThat(broken).as("the walk finds the tampering").isNotNull();
        return broken;
    }

    /** Like {@link #insideTampering(Change)} with the checkpoints of {@code checkpointFile}; may find nothing. */
    private Broken walkInside(Change change, AuditCheckpointFile checkpointFile) throws Exception {
        Broken[] broken = new Broken[1];
        tamper.withoutTrigger("audit_checkpoint_no_delete", () -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    run(c, "SELECT last_seq FROM audit_chain WHERE id = 1 FOR UPDATE");
                    change.on(c);
                    JdbcClient db = JdbcClient.create(new SingleConnectionDataSource(c, true));
                    broken[0] = new ChainWalk(db, keys, checkpointFile, Instant.now().minus(Duration.ofMinutes(11)))
                            .run().broken();
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        });
        return broken[0];
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void purge(Connection c, String sql) throws SQLException {
        run(c, "SET @vsip4x_audit_purge = 1");
        try {
            run(c, sql);
        } finally {
            run(c, "SET @vsip4x_audit_purge = NULL");
        }
    }

    private long sealedEvent(String action) {
        try {
            long id = tamper.insert(null, Instant.now().truncatedTo(ChronoUnit.MILLIS), action,
                    "cut-" + UUID.randomUUID());
            sealer.sealAll();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Long seqOf(long eventId) {
        return jdbc.sql("SELECT seq FROM audit_seal WHERE event_id = :id").param("id", eventId).query(Long.class)
                .optional().orElse(null);
    }
}

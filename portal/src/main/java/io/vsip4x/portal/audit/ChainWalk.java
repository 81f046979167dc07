package io.vsip4x.portal.audit;

import io.vsip4x.portal.audit.AuditVerification.Broken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One walk of the chain, inside one consistent snapshot of the database: from the anchor to the
 * head, seal by seal in keyset batches, recomputing every link, checking the signed checkpoints on
 * the way, then looking for events that were never sealed. Stops at the first problem.
 */
final class ChainWalk {

    static final int BATCH = 10_000;
    private static final int ID_RANGE = 100_000;
    /** {@link AuditEntry#COLUMNS} of {@code audit_event e}. */
    static final String EVENT_COLUMNS = Arrays.stream(AuditEntry.COLUMNS.split(","))
            .map(c -> "e." + c.strip()).collect(Collectors.joining(", "));
    private static final String SEALS = "SELECT s.seq, s.event_id, s.hash, " + EVENT_COLUMNS + """
             FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id
            WHERE s.seq > :after AND s.seq <= :head
            ORDER BY s.seq
            LIMIT :n""";

    private final JdbcClient jdbc;
    private final AuditKeys keys;
    private final Instant unsealedBefore;

    ChainWalk(JdbcClient jdbc, AuditKeys keys, Instant unsealedBefore) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.unsealedBefore = unsealedBefore;
    }

    /** The chain's head and anchor as the snapshot holds them. */
    record Chain(long lastSeq, String lastHash, long lastEventId, long anchorSeq, String anchorHash) {
    }

    /** What the walk found: the head, how many seals it checked, and the first problem or {@code null}. */
    record Outcome(Chain chain, long checked, Broken broken) {
    }

    private record Seal(long seq, long eventId, String hash, AuditEntry event) {
    }

    private record Checkpoint(long seq, String hash, String keyId, String signature) {
    }

    Outcome run() {
        Chain chain = jdbc.sql("SELECT last_seq, last_hash, last_event_id, anchor_seq, anchor_hash FROM audit_chain "
                        + "WHERE id = 1")
                .query((rs, n) -> new Chain(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5)))
                .single();
        Broken broken = checkAnchor(chain);
        long checked = 0;
        if (broken == null) {
            long[] count = new long[1];
            broken = walkSeals(chain, count);
            checked = count[0];
        }
        if (broken == null) {
            broken = checkpointBeyondHead(chain);
        }
        if (broken == null) {
            broken = unsealed(chain);
        }
        return new Outcome(chain, checked, broken);
    }

    private Broken checkAnchor(Chain chain) {
        Optional<ArchiveRecord> newest = jdbc.sql("""
                SELECT file_name, file_sha256, first_seq, last_seq, last_hash, event_count, key_id, signature
                  FROM audit_archive
                 ORDER BY last_seq DESC
                 LIMIT 1""")
                .query((rs, n) -> new ArchiveRecord(new ArchiveManifest(rs.getString(1), rs.getString(2),
                        rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getLong(6)), rs.getString(7),
                        rs.getString(8)))
                .optional();
        if (newest.isEmpty()) {
            if (chain.anchorSeq() != 0 || !AuditHash.GENESIS.equals(chain.anchorHash())) {
                return anchor(chain, "The chain starts after seq " + chain.anchorSeq()
                        + " but no archive holds the events before it");
            }
            return null;
        }
        ArchiveRecord archive = newest.get();
        ArchiveManifest manifest = archive.manifest();
        if (!keys.verify(archive.keyId(), manifest.signedText(), archive.signature())) {
            return anchor(chain, "The signature of archive " + manifest.fileName() + " (key " + archive.keyId()
                    + ") does not verify");
        }
        if (manifest.lastSeq() != chain.anchorSeq() || !manifest.lastHash().equals(chain.anchorHash())) {
            return anchor(chain, "The chain's anchor (seq " + chain.anchorSeq() + ") is not where the newest "
                    + "archive " + manifest.fileName() + " ends (seq " + manifest.lastSeq() + ")");
        }
        return null;
    }

    private static Broken anchor(Chain chain, String detail) {
        return new Broken(chain.anchorSeq(), null, AuditProblem.ANCHOR_MISMATCH, detail);
    }

    private Broken walkSeals(Chain chain, long[] checked) {
        long expected = chain.anchorSeq() + 1;
        String previous = chain.anchorHash();
        Broken broken = checkpointsIn(chain.anchorSeq() - 1, chain.anchorSeq(), chain.anchorSeq(), previous);
        while (broken == null && expected <= chain.lastSeq()) {
            List<Seal> seals = seals(expected - 1, chain.lastSeq(), BATCH);
            if (seals.isEmpty()) {
                return new Broken(expected, null, AuditProblem.SEAL_GAP, "The seals from seq " + expected
                        + " to the head's seq " + chain.lastSeq() + " are missing");
            }
            Map<Long, Checkpoint> checkpoints = checkpoints(expected - 1, seals.get(seals.size() - 1).seq());
            for (int i = 0; i < seals.size(); i++) {
                Seal seal = seals.get(i);
                if (seal.seq() != expected) {
                    return new Broken(expected, null, AuditProblem.SEAL_GAP, "The seals from seq " + expected
                            + " to " + (seal.seq() - 1) + " are missing");
                }
                if (seal.event() == null) {
                    return new Broken(seal.seq(), seal.eventId(), AuditProblem.EVENT_MISSING,
                            "The event sealed as seq " + seal.seq() + " is no longer in the log");
                }
                String computed = AuditHash.link(previous, seal.seq(), seal.event());
                if (!computed.equals(seal.hash())) {
                    Seal next = i + 1 < seals.size() ? seals.get(i + 1) : nextSeal(seal.seq(), chain.lastSeq());
                    return mismatch(chain, seal, computed, next);
                }
                Checkpoint checkpoint = checkpoints.get(seal.seq());
                if (checkpoint != null) {
                    broken = checkpoint(checkpoint, computed, seal.eventId());
                    if (broken != null) {
                        return broken;
                    }
                }
                previous = computed;
                expected++;
                checked[0]++;
            }
        }
        if (broken == null && !previous.equals(chain.lastHash())) {
            broken = new Broken(chain.lastSeq(), chain.lastEventId(), AuditProblem.SEAL_CHANGED,
                    "The chain's head row holds another hash than its last seal");
        }
        return broken;
    }

    /** Tells a changed event (later links follow its stored hash) from a changed seal. */
    private static Broken mismatch(Chain chain, Seal seal, String computed, Seal next) {
        boolean sealKept;
        if (next != null && next.event() != null && next.seq() == seal.seq() + 1) {
            sealKept = AuditHash.link(seal.hash(), next.seq(), next.event()).equals(next.hash())
                    || !AuditHash.link(computed, next.seq(), next.event()).equals(next.hash());
        } else {
            sealKept = seal.seq() != chain.lastSeq() || seal.hash().equals(chain.lastHash());
        }
        if (sealKept) {
            return new Broken(seal.seq(), seal.eventId(), AuditProblem.EVENT_CHANGED,
                    "The event sealed as seq " + seal.seq() + " was changed after it was sealed");
        }
        return new Broken(seal.seq(), seal.eventId(), AuditProblem.SEAL_CHANGED,
                "The seal of seq " + seal.seq() + " holds another hash than the chain's link");
    }

    private Broken checkpoint(Checkpoint checkpoint, String chainHash, Long eventId) {
        if (!keys.verify(checkpoint.keyId(), AuditCheckpoints.signedText(checkpoint.seq(), checkpoint.hash()),
                checkpoint.signature())) {
            return new Broken(checkpoint.seq(), eventId, AuditProblem.CHECKPOINT_BAD_SIGNATURE,
                    "The checkpoint at seq " + checkpoint.seq() + " is not signed by a trusted key (key id "
                            + checkpoint.keyId() + ")");
        }
        if (!checkpoint.hash().equals(chainHash)) {
            return new Broken(checkpoint.seq(), eventId, AuditProblem.CHECKPOINT_MISMATCH,
                    "The signed checkpoint at seq " + checkpoint.seq() + " names another hash than the chain");
        }
        return null;
    }

    /** A checkpoint exactly at the anchor is checked against the anchor's hash. */
    private Broken checkpointsIn(long after, long through, long anchorSeq, String anchorHash) {
        if (anchorSeq == 0) {
            return null;
        }
        Checkpoint at = checkpoints(after, through).get(anchorSeq);
        return at == null ? null : checkpoint(at, anchorHash, null);
    }

    /** A signed checkpoint beyond the head means links were cut off the chain's end. */
    private Broken checkpointBeyondHead(Chain chain) {
        return jdbc.sql("SELECT seq FROM audit_checkpoint WHERE seq > :head ORDER BY seq LIMIT 1")
                .param("head", chain.lastSeq()).query(Long.class).optional()
                .map(seq -> new Broken(seq, null, AuditProblem.CHECKPOINT_MISMATCH, "A checkpoint names seq " + seq
                        + " but the chain ends at seq " + chain.lastSeq()))
                .orElse(null);
    }

    private Broken unsealed(Chain chain) {
        Long lowest = jdbc.sql("SELECT MIN(id) FROM audit_event").query(Long.class).optional().orElse(null);
        if (lowest == null) {
            return null;
        }
        for (long low = lowest - 1; low < chain.lastEventId(); low += ID_RANGE) {
            Optional<Long> found = jdbc.sql("""
                    SELECT e.id
                      FROM audit_event e LEFT JOIN audit_seal s ON s.event_id = e.id
                     WHERE e.id > :low AND e.id <= :high AND s.seq IS NULL AND e.occurred_at < :before
                     ORDER BY e.id
                     LIMIT 1""")
                    .param("low", low).param("high", Math.min(low + ID_RANGE, chain.lastEventId()))
                    .param("before", Timestamp.from(unsealedBefore))
                    .query(Long.class).optional();
            if (found.isPresent()) {
                return new Broken(null, found.get(), AuditProblem.UNSEALED_EVENT, "Event " + found.get()
                        + " is older than the sealer's wait but has no seal: it was inserted behind the sealer");
            }
        }
        return null;
    }

    private List<Seal> seals(long after, long head, int n) {
        return jdbc.sql(SEALS).param("after", after).param("head", head).param("n", n)
                .query((rs, row) -> new Seal(rs.getLong(1), rs.getLong(2), rs.getString(3), entry(rs)))
                .list();
    }

    private Seal nextSeal(long seq, long head) {
        List<Seal> next = seals(seq, head, 1);
        return next.isEmpty() ? null : next.get(0);
    }

    private Map<Long, Checkpoint> checkpoints(long after, long through) {
        return jdbc.sql("SELECT seq, hash, key_id, signature FROM audit_checkpoint WHERE seq > :a AND seq <= :b")
                .param("a", after).param("b", through)
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .stream().collect(Collectors.toMap(Checkpoint::seq, c -> c));
    }

    /** The event's columns after the seal's three, or {@code null} when the event row is gone. */
    private static AuditEntry entry(ResultSet rs) throws SQLException {
        long id = rs.getLong(4);
        if (rs.wasNull()) {
            return null;
        }
        return new AuditEntry(id, rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17));
    }

    /** A row of {@code audit_archive}: its manifest and signature. */
    record ArchiveRecord(ArchiveManifest manifest, String keyId, String signature) {
    }
}

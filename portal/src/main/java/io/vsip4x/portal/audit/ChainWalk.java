package io.vsip4x.portal.audit;

import io.vsip4x.portal.audit.AuditVerification.Broken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One walk of the chain, inside one consistent snapshot of the database: from the anchor to the
 * head, seal by seal in keyset batches, recomputing every link, checking the signed checkpoints on
 * the way, then the checkpoints and the forwarding beyond the head (a chain cut short), the checkpoints
 * of the file outside the database ({@link AuditCheckpointFile}), and events that were never sealed.
 * Stops at the first problem.
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
    private final AuditCheckpointFile file;
    private final Instant unsealedBefore;
    /** The newest checkpoint that matched the chain so far (or the anchor): a change lies after it. */
    private long lastMatched;

    ChainWalk(JdbcClient jdbc, AuditKeys keys, AuditCheckpointFile file, Instant unsealedBefore) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.file = file;
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
            broken = forwardedBeyondHead(chain);
        }
        if (broken == null) {
            broken = new CheckpointFileCheck(chain).run();
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
        lastMatched = chain.anchorSeq();
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
            return checkpointMismatch(checkpoint.seq(), eventId, lastMatched, "");
        }
        lastMatched = Math.max(lastMatched, checkpoint.seq());
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

    private static Broken checkpointMismatch(long seq, Long eventId, long matched, String where) {
        return new Broken(seq, eventId, AuditProblem.CHECKPOINT_MISMATCH, "The chain differs from the signed "
                + "checkpoint" + where + " at seq " + seq + "; the change lies after the previous matching "
                + "checkpoint at seq " + matched);
    }

    /** A signed checkpoint beyond the head means links were cut off the chain's end. */
    private Broken checkpointBeyondHead(Chain chain) {
        return jdbc.sql("SELECT seq FROM audit_checkpoint WHERE seq > :head ORDER BY seq LIMIT 1")
                .param("head", chain.lastSeq()).query(Long.class).optional()
                .map(seq -> truncated(chain, seq, "A signed checkpoint names seq " + seq))
                .orElse(null);
    }

    /** Events forwarded to the platform beyond the head mean links were cut off the chain's end. */
    private Broken forwardedBeyondHead(Chain chain) {
        return jdbc.sql("SELECT forwarded_seq FROM audit_forward WHERE id = 1").query(Long.class).optional()
                .filter(seq -> seq > chain.lastSeq())
                .map(seq -> truncated(chain, seq, "The events up to seq " + seq
                        + " were forwarded to the platform"))
                .orElse(null);
    }

    private static Broken truncated(Chain chain, long seq, String what) {
        return new Broken(seq, null, AuditProblem.CHAIN_TRUNCATED, what + " but the chain ends at seq "
                + chain.lastSeq() + ": its newest links were cut off");
    }

    /**
     * Checks the checkpoints of the file outside the database against the chain, after the walk found
     * every seal's hash to be its link: a seal's stored hash is then the chain's hash at its seq.
     * Streams the file once, looking the seals up in batches; checkpoints at or below the anchor (their
     * events archived) are skipped.
     */
    private final class CheckpointFileCheck {

        private static final int LOOKUP = 1_000;
        private final Chain chain;

        CheckpointFileCheck(Chain chain) {
            this.chain = chain;
        }

        Broken run() {
            List<AuditCheckpointFile.Line> pending = new ArrayList<>(LOOKUP);
            try (Stream<AuditCheckpointFile.Line> lines = file.after(chain.anchorSeq())) {
                Iterator<AuditCheckpointFile.Line> it = lines.iterator();
                while (it.hasNext()) {
                    pending.add(it.next());
                    if (pending.size() == LOOKUP || !it.hasNext()) {
                        Broken broken = check(pending);
                        if (broken != null) {
                            return broken;
                        }
                        pending.clear();
                    }
                }
            }
            return null;
        }

        private Broken check(List<AuditCheckpointFile.Line> lines) {
            List<Long> seqs = lines.stream().map(AuditCheckpointFile.Line::seq)
                    .filter(seq -> seq <= chain.lastSeq()).distinct().toList();
            Map<Long, String> hashes = new HashMap<>();
            if (!seqs.isEmpty()) {
                jdbc.sql("SELECT seq, hash FROM audit_seal WHERE seq IN (:seqs)").param("seqs", seqs)
                        .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                        .list().forEach(e -> hashes.put(e.getKey(), e.getValue()));
            }
            for (AuditCheckpointFile.Line line : lines) {
                String where = " in " + file.path().getFileName();
                if (!keys.verify(line.keyId(), AuditCheckpoints.signedText(line.seq(), line.hash()),
                        line.signature())) {
                    return new Broken(line.seq(), null, AuditProblem.CHECKPOINT_BAD_SIGNATURE, "The checkpoint"
                            + where + " at seq " + line.seq() + " is not signed by a trusted key (key id "
                            + line.keyId() + ")");
                }
                if (line.seq() > chain.lastSeq()) {
                    return truncated(chain, line.seq(), "The signed checkpoint" + where + " names seq "
                            + line.seq());
                }
                String hash = line.seq() == chain.anchorSeq() ? chain.anchorHash() : hashes.get(line.seq());
                if (!line.hash().equals(hash)) {
                    return checkpointMismatch(line.seq(), null, matchedBefore(line.seq()), where);
                }
                lastMatched = Math.max(lastMatched, line.seq());
            }
            return null;
        }

        /** The newest checkpoint below {@code seq} that matched: in the database (all did) or the file. */
        private long matchedBefore(long seq) {
            long inDatabase = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoint WHERE seq < :s")
                    .param("s", seq).query(Long.class).single();
            long matched = Math.max(chain.anchorSeq(), inDatabase);
            return lastMatched < seq ? Math.max(matched, lastMatched) : matched;
        }
    }

    /**
     * An event at or below the head's event id without a seal: reported when the sealer is not waiting
     * for it (no {@code audit_gap} row: it passed the id and gave up, or never saw a gap there), or when
     * it is older than the sealer's wait anyway. Walks the ids in primary-key ranges, each an anti-join
     * on the seal's unique {@code event_id} key and the gap's primary key.
     */
    private Broken unsealed(Chain chain) {
        Long lowest = jdbc.sql("SELECT MIN(id) FROM audit_event").query(Long.class).optional().orElse(null);
        if (lowest == null) {
            return null;
        }
        for (long low = lowest - 1; low < chain.lastEventId(); low += ID_RANGE) {
            Optional<Map.Entry<Long, Boolean>> found = jdbc.sql("""
                    SELECT e.id, g.event_id IS NULL AS given_up
                      FROM audit_event e
                      LEFT JOIN audit_seal s ON s.event_id = e.id
                      LEFT JOIN audit_gap g ON g.event_id = e.id
                     WHERE e.id > :low AND e.id <= :high AND s.seq IS NULL
                       AND (g.event_id IS NULL OR e.occurred_at < :before)
                     ORDER BY e.id
                     LIMIT 1""")
                    .param("low", low).param("high", Math.min(low + ID_RANGE, chain.lastEventId()))
                    .param("before", Timestamp.from(unsealedBefore))
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getBoolean(2))).optional();
            if (found.isPresent()) {
                long id = found.get().getKey();
                return new Broken(null, id, AuditProblem.UNSEALED_EVENT, found.get().getValue()
                        ? "Event " + id + " has no seal although the sealer passed its id (head's event id "
                                + chain.lastEventId() + ") and is not waiting for it: it was inserted behind "
                                + "the sealer"
                        : "Event " + id + " is older than the sealer's wait but has no seal: it was inserted "
                                + "behind the sealer");
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

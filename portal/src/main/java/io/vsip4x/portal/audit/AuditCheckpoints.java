package io.vsip4x.portal.audit;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs the chain's head now and then: {@code "seq|hash"} signed with the audit key goes into
 * {@code audit_checkpoint}. Someone who rewrites the chain from some event on, recomputing every
 * later hash, cannot sign the new hashes: the verification finds the checkpoints no longer match.
 * Every checkpoint is appended to {@link AuditCheckpointFile} as well, outside the database.
 */
@Component
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final JdbcClient jdbc;
    private final AuditKeys keys;
    private final AuditProperties properties;
    private final AuditCheckpointFile file;
    /** {@link System#nanoTime()} before which no checkpoint is due: saves a query per sealing round. */
    private volatile long quietUntil = System.nanoTime();

    AuditCheckpoints(JdbcClient jdbc, AuditKeys keys, AuditProperties properties, AuditCheckpointFile file) {
        this.jdbc = jdbc;
        this.file = file;
        this.keys = keys;
        this.properties = properties;
    }

    /** The text a checkpoint signs. */
    public static String signedText(long seq, String hash) {
        return seq + "|" + hash;
    }

    /**
     * Called after the sealer sealed events: signs the head when the newest checkpoint is older than
     * {@code portal.audit.checkpoint-interval}. Never throws: a missed checkpoint is made next time.
     */
    public void afterSealing() {
        if (System.nanoTime() - quietUntil < 0) {
            return;
        }
        try {
            boolean recent = jdbc.sql("""
                    SELECT COUNT(*) FROM audit_checkpoint
                     WHERE signed_at > TIMESTAMPADD(MICROSECOND, -:micros, CURRENT_TIMESTAMP(3))""")
                    .param("micros", properties.checkpointInterval().toNanos() / 1000)
                    .query(Long.class).single() > 0;
            if (!recent) {
                signHead();
            }
            quietUntil = System.nanoTime() + properties.checkpointInterval().toNanos() / 4;
        } catch (RuntimeException e) {
            log.warn("Signing a checkpoint of the audit chain failed; the next sealing round tries again", e);
        }
    }

    /**
     * Signs the chain's head now, unless it is signed already, and appends the checkpoint to the file;
     * answers whether a checkpoint was added. One at a time, so the file's seqs go up.
     */
    public synchronized boolean signHead() {
        record Head(long seq, String hash) {
        }
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        if (head.seq() == 0) {
            return false;
        }
        String keyId = keys.keyId();
        String signature = keys.sign(signedText(head.seq(), head.hash()));
        int added = jdbc.sql("""
                INSERT IGNORE INTO audit_checkpoint (seq, hash, key_id, signature)
                VALUES (:seq, :hash, :key, :signature)""")
                .param("seq", head.seq()).param("hash", head.hash()).param("key", keyId)
                .param("signature", signature)
                .update();
        if (added > 0) {
            file.append(head.seq(), head.hash(), keyId, signature, Instant.now());
        }
        return added > 0;
    }
}

package io.vsip4x.portal.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPOutputStream;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves events past retention out of the database into signed archive files, oldest first, at most
 * {@code portal.audit.archive-chunk} events per file: the file is written and checked against the
 * chain, its manifest signed, and only then are its events removed ({@code audit_purge}), the last
 * one's hash becoming the chain's anchor. A file whose writing fails removes nothing.
 */
@Component
public class AuditArchiver {

    private static final Logger log = LoggerFactory.getLogger(AuditArchiver.class);
    private static final String SEALS = "SELECT s.seq, s.hash, " + ChainWalk.EVENT_COLUMNS + """
             FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
            WHERE s.seq > :after AND s.seq <= :through
            ORDER BY s.seq
            LIMIT :n""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditKeys keys;
    private final AuditProperties properties;
    private final AuditService audit;
    private final AuditForwardProperties forwarding;
    private final Path directory;
    private final ReentrantLock running = new ReentrantLock();

    AuditArchiver(JdbcClient jdbc, PlatformTransactionManager transactions, AuditKeys keys,
            AuditProperties properties, AuditService audit, AuditForwardProperties forwarding,
            @Value("${portal.data-dir}") Path dataDir) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.keys = keys;
        this.properties = properties;
        this.audit = audit;
        this.forwarding = forwarding;
        this.directory = properties.archiveDir() != null ? properties.archiveDir() : dataDir.resolve("audit-archive");
    }

    /** The archives written by one run, oldest first. */
    public record Run(List<ArchiveManifest> archives, long events) {
    }

    @Scheduled(cron = "${portal.audit.archive-cron:0 15 3 * * *}")
    @SchedulerLock(name = "AuditArchiver", lockAtMostFor = "PT1H", lockAtLeastFor = "PT5M")
    void scheduled() {
        try {
            Run run = archiveBefore(Instant.now().minus(properties.retention()));
            if (run.events() > 0) {
                log.info("Archived {} audit events past retention into {} file(s) in {}", run.events(),
                        run.archives().size(), directory);
            }
        } catch (RuntimeException e) {
            log.error("Archiving the audit events past retention failed; nothing was removed that no archive holds",
                    e);
        }
    }

    /** The folder of the archive files. */
    public Path directory() {
        return directory;
    }

    /** Archives, then removes, the oldest sealed events that occurred before {@code cutoff}. */
    public Run archiveBefore(Instant cutoff) {
        return archiveBefore(cutoff, properties.archiveChunk());
    }

    /**
     * Like {@link #archiveBefore(Instant)} with at most {@code chunk} events per file. Events leave in
     * chain order: archiving stops at the first event that is not older than {@code cutoff}.
     *
     * @throws IllegalStateException when an archive cannot be written or the chain does not check
     *                               out; the archives written before stay, with their events removed
     */
    public Run archiveBefore(Instant cutoff, int chunk) {
        running.lock();
        try {
            List<ArchiveManifest> written = new ArrayList<>();
            long events = 0;
            ArchiveManifest next;
            while ((next = archiveOne(cutoff, chunk)) != null) {
                written.add(next);
                events += next.count();
            }
            return new Run(written, events);
        } finally {
            running.unlock();
        }
    }

    private record Anchor(long seq, String hash, long head) {
    }

    private ArchiveManifest archiveOne(Instant cutoff, int chunk) {
        // Events not yet handed to the platform's operateLog stay until they are.
        Anchor anchor = jdbc.sql("""
                SELECT c.anchor_seq, c.anchor_hash,
                       CASE WHEN :forwarding THEN LEAST(c.last_seq, f.forwarded_seq) ELSE c.last_seq END
                  FROM audit_chain c JOIN audit_forward f ON f.id = 1
                 WHERE c.id = 1""")
                .param("forwarding", forwarding.enabled())
                .query((rs, n) -> new Anchor(rs.getLong(1), rs.getString(2), rs.getLong(3))).single();
        long through = lastArchivable(anchor, cutoff, chunk);
        if (through <= anchor.seq()) {
            return null;
        }
        String name = String.format("audit-%012d-%012d.jsonl.gz", anchor.seq() + 1, through);
        Path file = directory.resolve(name);
        Path signatureFile = directory.resolve(name + ".sig");
        ArchiveManifest manifest;
        Instant[] span = new Instant[2];
        try {
            Files.createDirectories(directory);
            manifest = write(anchor, through, file, span);
            String signature = keys.sign(manifest.signedText());
            Path part = directory.resolve(name + ".sig.part");
            ArchiveFormat.JSON.writeValue(part.toFile(), ArchiveFormat.SignatureFile.of(manifest, keys.keyId(),
                    signature));
            Files.move(part, signatureFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tx.executeWithoutResult(status -> record(manifest, signature, span));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            deleteQuietly(signatureFile);
            audit.event("AUDIT_ARCHIVE").as("system", null, null).target("AUDIT_ARCHIVE", name)
                    .result(AuditService.FAILURE, "ERROR", "The archive could not be written; nothing was removed")
                    .recordAlone();
            throw new IllegalStateException("Archiving the audit events " + (anchor.seq() + 1) + " to " + through
                    + " failed; none of them was removed", e);
        }
        log.info("Archived audit events {} to {} into {}", manifest.firstSeq(), manifest.lastSeq(), file);
        return manifest;
    }

    /** The seq of the last event of the next archive: as far as the events are older than the cutoff. */
    private long lastArchivable(Anchor anchor, Instant cutoff, int chunk) {
        long last = anchor.seq();
        long limit = Math.min(anchor.head(), anchor.seq() + chunk);
        while (last < limit) {
            record Age(long seq, Instant at) {
            }
            List<Age> ages = jdbc.sql("""
                    SELECT s.seq, e.occurred_at
                      FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
                     WHERE s.seq > :after AND s.seq <= :limit
                     ORDER BY s.seq
                     LIMIT :n""")
                    .param("after", last).param("limit", limit).param("n", ChainWalk.BATCH)
                    .query((rs, n) -> new Age(rs.getLong(1), rs.getTimestamp(2).toInstant())).list();
            if (ages.isEmpty()) {
                return last;
            }
            for (Age age : ages) {
                if (age.seq() != last + 1 || !age.at().isBefore(cutoff)) {
                    return last;
                }
                last = age.seq();
            }
        }
        return last;
    }

    /** Writes the file (through a temporary name), checking every link; answers its manifest. */
    private ArchiveManifest write(Anchor anchor, long through, Path file, Instant[] span) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        MessageDigest sha = sha256();
        String previous = anchor.hash();
        long count = through - anchor.seq();
        try (OutputStream out = Files.newOutputStream(part);
                Writer writer = new BufferedWriter(new OutputStreamWriter(
                        new GZIPOutputStream(new DigestOutputStream(out, sha), 1 << 16), StandardCharsets.UTF_8))) {
            line(writer, new ArchiveFormat.Header(ArchiveManifest.FORMAT, anchor.seq() + 1, through, count,
                    anchor.seq(), anchor.hash()));
            long after = anchor.seq();
            while (after < through) {
                List<ArchiveFormat.Line> lines = jdbc.sql(SEALS).param("after", after).param("through", through)
                        .param("n", ChainWalk.BATCH)
                        .query((rs, n) -> ArchiveFormat.Line.of(rs.getLong(1), rs.getString(2), entry(rs)))
                        .list();
                for (ArchiveFormat.Line line : lines) {
                    if (line.seq() != after + 1) {
                        throw new IllegalStateException("The seal of seq " + (after + 1) + " is missing");
                    }
                    AuditEntry entry = line.entry();
                    previous = AuditHash.link(previous, line.seq(), entry);
                    if (!previous.equals(line.hash())) {
                        throw new IllegalStateException("The chain does not check out at seq " + line.seq());
                    }
                    span[0] = span[0] == null ? entry.occurredAt() : span[0];
                    span[1] = entry.occurredAt();
                    line(writer, line);
                    after = line.seq();
                }
                if (lines.isEmpty()) {
                    throw new IllegalStateException("The events after seq " + after + " are gone");
                }
            }
            writer.close();
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
        return new ArchiveManifest(file.getFileName().toString(), HexFormat.of().formatHex(sha.digest()),
                anchor.seq() + 1, through, previous, count);
    }

    /** In one transaction: the archive's record, its AUDIT_ARCHIVE event, and the removal of its events. */
    private void record(ArchiveManifest m, String signature, Instant[] span) {
        jdbc.sql("""
                INSERT INTO audit_archive (first_seq, last_seq, last_hash, event_count, oldest_at, newest_at,
                                           file_name, file_sha256, key_id, signature)
                VALUES (:first, :last, :hash, :count, :oldest, :newest, :file, :sha, :key, :signature)""")
                .param("first", m.firstSeq()).param("last", m.lastSeq()).param("hash", m.lastHash())
                .param("count", m.count()).param("oldest", Timestamp.from(span[0]))
                .param("newest", Timestamp.from(span[1])).param("file", m.fileName()).param("sha", m.sha256())
                .param("key", keys.keyId()).param("signature", signature)
                .update();
        audit.event("AUDIT_ARCHIVE").as("system", null, null).target("AUDIT_ARCHIVE", m.fileName())
                .params("firstSeq=" + m.firstSeq() + ", lastSeq=" + m.lastSeq() + ", count=" + m.count()
                        + ", sha256=" + m.sha256())
                .record();
        jdbc.sql("CALL audit_purge(:through)").param("through", m.lastSeq()).update();
    }

    private static void line(Writer writer, Object value) throws IOException {
        writer.write(ArchiveFormat.JSON.writeValueAsString(value));
        writer.write('\n');
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(3), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot remove the unfinished archive file {}", path, e);
        }
    }
}

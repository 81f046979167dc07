package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.PortalTestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events past retention leave the database only inside a signed archive file that checks out
 * offline, and the chain stays verifiable from its new anchor. Archiving takes the chain's oldest
 * events first, so these tests archive every event older than their own fresh one.
 */
class AuditRetentionIntegrationTest extends PortalTestSupport {

    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditArchiver archiver;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AuditKeys keys;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditForwarder forwarder;

    @TempDir
    Path scratch;

    @Test
    void oldEventsAreArchivedInSignedFilesThenRemovedAndTheChainStaysIntact() throws Exception {
        AuditTamper tamper = new AuditTamper(dataSource);
        Instant old = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.MILLIS);
        String target = "retention-" + UUID.randomUUID();
        List<Long> oldIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            oldIds.add(tamper.insert(null, old.plusSeconds(i), "OLD", target));
        }
        sealer.sealAll();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long fresh = tamper.insert(null, now, "FRESH", target);
        sealer.sealAll();
        allForwarded();
        long freshSeq = seqOf(fresh);
        long anchorBefore = anchorSeq();
        long archivable = freshSeq - 1 - anchorBefore;

        AuditArchiver.Run run = archiver.archiveBefore(now, (int) (archivable / 2 + 1));

        assertThat(run.archives()).hasSize(2);
        assertThat(run.events()).isEqualTo(archivable);
        assertThat(run.archives().get(1).lastSeq()).isEqualTo(freshSeq - 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE id IN (:ids)").param("ids", oldIds)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_seal WHERE seq <= :s").param("s", freshSeq - 1)
                .query(Long.class).single()).isZero();
        assertThat(seqOf(fresh)).isEqualTo(freshSeq);
        assertThat(anchorSeq()).isEqualTo(freshSeq - 1);

        PublicKey publicKey = AuditSignatures.readPublicKey(keys.publicKeyPem());
        for (ArchiveManifest manifest : run.archives()) {
            Path file = archiver.directory().resolve(manifest.fileName());
            ArchiveCheck.Result check = ArchiveCheck.check(file, sig(file), publicKey);
            assertThat(check.valid()).as(check.detail()).isTrue();
            assertThat(check.events()).isEqualTo(manifest.count());
            assertThat(jdbc.sql("SELECT signature FROM audit_archive WHERE last_seq = :s")
                    .param("s", manifest.lastSeq()).query(String.class).single()).satisfies(signature ->
                    assertThat(keys.verify(keys.keyId(), manifest.signedText(), signature)).isTrue());
        }
        assertThat(linesOf(archiver.directory().resolve(run.archives().get(1).fileName())))
                .anySatisfy(line -> assertThat(line).contains(target).contains("\"OLD\""));
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = 'AUDIT_ARCHIVE' AND result = 'SUCCESS'
                   AND target IN (:files)""").param("files", run.archives().stream().map(ArchiveManifest::fileName)
                .toList()).query(Long.class).single()).isEqualTo(2);

        sealer.sealAll();
        AuditVerification after = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester");
        assertThat(after.intact()).as("verification %s", after).isTrue();
        assertThat(after.checked()).isEqualTo(after.headSeq() - (freshSeq - 1));
    }

    @Test
    void aChangedArchiveFileFailsTheOfflineCheck() throws Exception {
        AuditTamper tamper = new AuditTamper(dataSource);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        tamper.insert(null, now.minus(Duration.ofDays(300)), "OLD", "retention-" + UUID.randomUUID());
        sealer.sealAll();
        tamper.insert(null, now, "FRESH", "retention-" + UUID.randomUUID());
        sealer.sealAll();
        allForwarded();
        ArchiveManifest manifest = archiver.archiveBefore(now).archives().get(0);
        Path original = archiver.directory().resolve(manifest.fileName());
        PublicKey publicKey = AuditSignatures.readPublicKey(keys.publicKeyPem());

        Path copy = scratch.resolve(manifest.fileName());
        List<String> lines = linesOf(original);
        lines.set(1, lines.get(1).replace("\"actor\":\"", "\"actor\":\"x"));
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(copy)),
                StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line + "\n");
            }
        }
        ArchiveCheck.Result changed = ArchiveCheck.check(copy, sig(original), publicKey);
        assertThat(changed.valid()).isFalse();
        assertThat(changed.detail()).contains("was changed");

        var stranger = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        assertThat(ArchiveCheck.check(original, sig(original), stranger).valid()).isFalse();
        assertThat(ArchiveCheck.check(original, sig(original), publicKey).valid()).isTrue();
    }

    @Test
    void anArchiveThatCannotBeWrittenRemovesNothing() throws Exception {
        AuditTamper tamper = new AuditTamper(dataSource);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long oldId = tamper.insert(null, now.minus(Duration.ofDays(365)), "OLD", "retention-" + UUID.randomUUID());
        sealer.sealAll();
        long fresh = tamper.insert(null, now, "FRESH", "retention-" + UUID.randomUUID());
        sealer.sealAll();
        allForwarded();
        long anchor = anchorSeq();
        long archives = jdbc.sql("SELECT COUNT(*) FROM audit_archive").query(Long.class).single();
        // The archive ends before the first event that is not old enough: FRESH, or the warning about
        // OLD inserted back-dated, sealed before FRESH.
        long last = jdbc.sql("""
                SELECT MIN(s.seq) FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
                 WHERE s.seq > :anchor AND e.occurred_at >= :now""")
                .param("anchor", anchor).param("now", java.sql.Timestamp.from(now)).query(Long.class).single() - 1;
        assertThat(last).isLessThan(seqOf(fresh));
        // A folder where the archive file must go: the file cannot take its name.
        Path blocker = archiver.directory().resolve(String.format("audit-%012d-%012d.jsonl.gz", anchor + 1,
                last));
        Files.createDirectories(blocker.resolve("occupied"));
        try {
            assertThatThrownBy(() -> archiver.archiveBefore(now)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("none of them was removed");

            assertThat(anchorSeq()).isEqualTo(anchor);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_archive").query(Long.class).single())
                    .isEqualTo(archives);
            assertThat(seqOf(oldId)).isNotNull();
            assertThat(jdbc.sql("SELECT result FROM audit_event WHERE action = 'AUDIT_ARCHIVE' ORDER BY id DESC "
                    + "LIMIT 1").query(String.class).single()).isEqualTo("FAILURE");
            assertThat(Files.exists(blocker.resolveSibling(blocker.getFileName() + ".sig"))).isFalse();
        } finally {
            Files.delete(blocker.resolve("occupied"));
            Files.delete(blocker);
        }
        assertThat(archiver.archiveBefore(now).events()).isPositive();
        assertThat(seqOf(oldId)).isNull();
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    private static Path sig(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sig");
    }

    private static List<String> linesOf(Path archive) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(archive)), StandardCharsets.UTF_8))) {
            return new ArrayList<>(reader.lines().toList());
        }
    }

    private long anchorSeq() {
        return jdbc.sql("SELECT anchor_seq FROM audit_chain WHERE id = 1").query(Long.class).single();
    }

    private Long seqOf(long eventId) {
        return jdbc.sql("SELECT seq FROM audit_seal WHERE event_id = :id").param("id", eventId).query(Long.class)
                .optional().orElse(null);
    }

    /**
     * Archiving keeps what the platform's operateLog has not received yet: these tests let it catch up.
     * An earlier test class may leave tens of thousands of events behind (the large export's), each
     * one call, signed with the portal's SM2 key as the embedded default's calls are: hence the patience.
     */
    private void allForwarded() {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            forwarder.forwardDue();
            return forwarder.lag().behind() == 0;
        });
    }
}

package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The chain holds: the portal cannot change or delete an event, and a verification finds the first
 * row changed, deleted or slipped in behind the sealer, and a forged checkpoint. Every test undoes
 * its tampering, so the shared chain is intact again after it.
 */
class AuditChainIntegrationTest extends PortalTestSupport {

    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    AuditKeys keys;
    @Autowired
    DataSource dataSource;
    @Value("${portal.data-dir}")
    Path dataDir;

    AuditTamper tamper;

    @BeforeEach
    void tamperer() {
        tamper = new AuditTamper(dataSource);
    }

    @Test
    void thePortalCanNeitherChangeNorDeleteAnEvent() throws SQLException {
        long id = sealedEvent("KEPT");

        assertThatThrownBy(() -> tamper.plain("UPDATE audit_event SET target = 'x' WHERE id = ?", id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", id).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_seal SET hash = REPEAT('1', 64) WHERE event_id = :id")
                .param("id", id).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_seal WHERE event_id = :id").param("id", id).update())
                .hasMessageContaining("append-only");
        // Without an archive that holds them, not even the purge procedure removes events.
        assertThatThrownBy(() -> jdbc.sql("CALL audit_purge(:seq)").param("seq", seqOf(id)).update())
                .hasMessageContaining("no signed archive");

        assertThat(jdbc.sql("SELECT target FROM audit_event WHERE id = :id").param("id", id).query(String.class)
                .single()).startsWith("chain-");
        assertThat(seqOf(id)).isNotNull();
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void anIntactChainIsReportedIntactAndTheRunIsLogged() {
        long id = sealedEvent("INTACT");

        AuditVerification result = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester");

        assertThat(result.intact()).as("verification %s", result).isTrue();
        assertThat(result.firstBroken()).isNull();
        assertThat(result.headSeq()).isGreaterThanOrEqualTo(seqOf(id));
        assertThat(result.checked()).isPositive();
        assertThat(result.headHash()).hasSize(64);
        Map<String, Object> run = jdbc.sql("""
                SELECT trigger_kind, requested_by, intact, checked FROM audit_verification
                 ORDER BY id DESC LIMIT 1""").query().singleRow();
        assertThat(run).containsEntry("trigger_kind", "ON_DEMAND").containsEntry("requested_by", "tester")
                .containsEntry("intact", true).containsEntry("checked", result.checked());
        assertThat(jdbc.sql("""
                SELECT result FROM audit_event WHERE action = 'AUDIT_VERIFY' ORDER BY id DESC LIMIT 1""")
                .query(String.class).single()).isEqualTo("SUCCESS");
    }

    @Test
    void aChangedEventIsReportedWithItsSeq() throws SQLException {
        long id = sealedEvent("CHANGED");
        String target = jdbc.sql("SELECT target FROM audit_event WHERE id = :id").param("id", id)
                .query(String.class).single();
        tamper.withoutTrigger("audit_event_no_update", "UPDATE audit_event SET target = ? WHERE id = ?",
                "forged", id);
        try {
            AuditVerification result = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester");

            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).isEqualTo(new AuditVerification.Broken(seqOf(id), id,
                    AuditProblem.EVENT_CHANGED, "The event sealed as seq " + seqOf(id)
                            + " was changed after it was sealed"));
            assertThat(jdbc.sql("""
                    SELECT result, code FROM audit_event WHERE action = 'AUDIT_VERIFY' ORDER BY id DESC LIMIT 1""")
                    .query().singleRow()).containsEntry("result", "FAILURE").containsEntry("code", "EVENT_CHANGED");
            assertThat(jdbc.sql("SELECT problem, broken_seq FROM audit_verification ORDER BY id DESC LIMIT 1")
                    .query().singleRow()).containsEntry("problem", "EVENT_CHANGED")
                    .containsEntry("broken_seq", seqOf(id));
        } finally {
            tamper.withoutTrigger("audit_event_no_update", "UPDATE audit_event SET target = ? WHERE id = ?",
                    target, id);
        }
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
        assertThatThrownBy(() -> tamper.plain("UPDATE audit_event SET target = 'x' WHERE id = ?", id))
                .hasMessageContaining("append-only");
    }

    @Test
    void aDeletedEventIsReportedMissing() throws SQLException {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String target = "chain-" + UUID.randomUUID();
        long id = tamper.insert(null, at, "DELETED", target);
        sealer.sealAll();
        long seq = seqOf(id);
        tamper.asPurge("DELETE FROM audit_event WHERE id = ?", id);
        try {
            AuditVerification.Broken broken = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester")
                    .firstBroken();

            assertThat(broken.problem()).isEqualTo(AuditProblem.EVENT_MISSING);
            assertThat(broken.seq()).isEqualTo(seq);
            assertThat(broken.eventId()).isEqualTo(id);
        } finally {
            tamper.insert(id, at, "DELETED", target);
        }
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void anEventInsertedBehindTheSealerIsReportedUnsealed() throws SQLException {
        // An id the sealer passed and gave up on: burnt by a rolled-back insert, then forgotten.
        long burnt = tamper.burntId("chain-" + UUID.randomUUID());
        sealedEvent("AFTER_GAP");
        Instant old = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        tamper.slipIn(burnt, old, "SLIPPED_IN", "chain-" + UUID.randomUUID());
        try {
            sealer.sealAll();
            AuditVerification result = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester");

            assertThat(result.firstBroken()).isNotNull();
            assertThat(result.firstBroken().problem()).isEqualTo(AuditProblem.UNSEALED_EVENT);
            assertThat(result.firstBroken().eventId()).isEqualTo(burnt);
        } finally {
            tamper.asPurge("DELETE FROM audit_event WHERE id = ?", burnt);
        }
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void aForgedCheckpointIsCaught() throws Exception {
        sealedEvent("CHECKPOINTED");
        long seq = jdbc.sql("""
                SELECT MAX(s.seq) FROM audit_seal s
                 WHERE s.seq < (SELECT last_seq FROM audit_chain WHERE id = 1)
                   AND NOT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE c.seq = s.seq)""")
                .query(Long.class).single();
        String hash = jdbc.sql("SELECT hash FROM audit_seal WHERE seq = :s").param("s", seq).query(String.class)
                .single();
        var stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forged = AuditSignatures.sign(stranger.getPrivate(), AuditCheckpoints.signedText(seq, hash));

        insertCheckpoint(seq, hash, keys.keyId(), forged);
        try {
            AuditVerification.Broken broken = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester")
                    .firstBroken();
            assertThat(broken.problem()).isEqualTo(AuditProblem.CHECKPOINT_BAD_SIGNATURE);
            assertThat(broken.seq()).isEqualTo(seq);
        } finally {
            tamper.withoutTrigger("audit_checkpoint_no_delete", "DELETE FROM audit_checkpoint WHERE seq = ?", seq);
        }

        // Signed by the portal's key, but not the chain's hash: the chain was rewritten after it.
        String other = "f".repeat(64);
        insertCheckpoint(seq, other, keys.keyId(), keys.sign(AuditCheckpoints.signedText(seq, other)));
        try {
            AuditVerification.Broken broken = verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester")
                    .firstBroken();
            assertThat(broken.problem()).isEqualTo(AuditProblem.CHECKPOINT_MISMATCH);
            assertThat(broken.seq()).isEqualTo(seq);
            long matched = jdbc.sql("SELECT GREATEST(anchor_seq, COALESCE((SELECT MAX(seq) FROM audit_checkpoint "
                    + "WHERE seq < :s), 0)) FROM audit_chain WHERE id = 1").param("s", seq).query(Long.class).single();
            assertThat(broken.detail()).isEqualTo("The chain differs from the signed checkpoint at seq " + seq
                    + "; the change lies after the previous matching checkpoint at seq " + matched);
        } finally {
            tamper.withoutTrigger("audit_checkpoint_no_delete", "DELETE FROM audit_checkpoint WHERE seq = ?", seq);
        }
        assertThat(verifier.verify(AuditVerifier.Trigger.ON_DEMAND, "tester").intact()).isTrue();
    }

    @Test
    void theHeadIsSignedWithThePortalsKey() throws IOException {
        sealedEvent("SIGNED");
        checkpoints.signHead();

        Map<String, Object> newest = jdbc.sql("""
                SELECT seq, hash, key_id, signature FROM audit_checkpoint ORDER BY seq DESC LIMIT 1""")
                .query().singleRow();
        long seq = (Long) newest.get("seq");
        assertThat(seq).isLessThanOrEqualTo(sealer.head().seq());
        assertThat(newest.get("hash")).isEqualTo(jdbc.sql("SELECT hash FROM audit_seal WHERE seq = :s")
                .param("s", seq).query(String.class).single());
        assertThat(newest.get("key_id")).isEqualTo(keys.keyId());
        var publicKey = AuditSignatures.readPublicKey(keys.publicKeyPem());
        assertThat(AuditSignatures.verify(publicKey, AuditCheckpoints.signedText(seq, (String) newest.get("hash")),
                (String) newest.get("signature"))).isTrue();
        assertThat(AuditSignatures.keyId(publicKey)).isEqualTo(keys.keyId()).hasSize(16);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(AuditKeys.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_checkpoint SET hash = :h WHERE seq = :s")
                .param("h", "0".repeat(64)).param("s", seq).update()).hasMessageContaining("append-only");
    }

    @Test
    void theVerifyApiAnswersAuditorsAndRefusesUsers() {
        TestTenant t = newTenant();
        String auditor = "au" + UUID.randomUUID().toString().substring(0, 8);
        users.create(auditor, PASSWORD, "审计员 " + auditor, null, Set.of(Role.AUDITOR));

        assertThat(status(t.requester(), "/audit/verify")).isEqualTo(403);
        Map<String, Object> answer = get(auditor, "/audit/verify");
        assertThat(answer).containsEntry("intact", true).containsEntry("firstBroken", null)
                .containsKeys("checked", "headSeq", "headHash", "verifiedAt", "durationMs");
        assertThat(jdbc.sql("""
                SELECT actor FROM audit_event WHERE action = 'AUDIT_VERIFY' ORDER BY id DESC LIMIT 1""")
                .query(String.class).single()).isEqualTo(auditor);
    }

    @Test
    void anAuditorRunsTheVerificationFromThePage() {
        String auditor = "au" + UUID.randomUUID().toString().substring(0, 8);
        users.create(auditor, PASSWORD, "审计员 " + auditor, null, Set.of(Role.AUDITOR));
        PageClient browser = new PageClient(port, "en");
        browser.signIn(auditor, PASSWORD);
        assertThat(browser.get("/audit").body()).contains("href=\"/audit/verify\"");
        HttpResponse<String> form = browser.get("/audit/verify");
        assertThat(form.statusCode()).as("the audit list's link opens the page").isEqualTo(200);
        assertThat(form.body()).contains("action=\"/audit/verify\"").doesNotContain("verify-result");
        String token = PageClient.csrfOf(form.body());

        HttpResponse<String> fragment = browser.postForm("/audit/verify", "_csrf=" + PageClient.enc(token),
                "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("id=\"audit-verify\"").contains("The chain is intact")
                .doesNotContain("<html");

        HttpResponse<String> page = browser.postForm("/audit/verify", "_csrf=" + PageClient.enc(token));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html").contains("Verify the audit chain").contains("The chain is intact");

        PageClient chinese = new PageClient(port, "zh-CN");
        String zhToken = PageClient.csrfOf(chinese.signIn(auditor, PASSWORD).body());
        assertThat(chinese.postForm("/audit/verify", "_csrf=" + PageClient.enc(zhToken), "HX-Request", "true")
                .body()).contains("审计链完整");
    }

    private long sealedEvent(String action) {
        try {
            long id = tamper.insert(null, Instant.now().truncatedTo(ChronoUnit.MILLIS), action,
                    "chain-" + UUID.randomUUID());
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

    private void insertCheckpoint(long seq, String hash, String keyId, String signature) {
        jdbc.sql("INSERT INTO audit_checkpoint (seq, hash, key_id, signature) VALUES (:s, :h, :k, :sig)")
                .param("s", seq).param("h", hash).param("k", keyId).param("sig", signature).update();
    }
}

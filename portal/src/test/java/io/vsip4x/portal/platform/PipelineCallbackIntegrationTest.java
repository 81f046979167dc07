package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.callback.CallbackSignature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Callbacks as the platform's partner relies on them: a forged or malformed one is refused and
 * audited, an impossible one is recorded but not applied, and one that meets a database error is
 * answered 503 with nothing kept, so that the platform's retry applies it.
 */
class PipelineCallbackIntegrationTest extends PipelineTestSupport {

    private static final String SECRET = "sim-callback-secret";
    private final CallbackSignature signature = new CallbackSignature(SECRET);

    @Autowired
    private DataSource dataSource;

    @Test
    void forgedUnsignedAndExpiredCallbacksAreRefusedAndAuditedWithoutTheirSignature() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String body = event(UUID.randomUUID().toString(), vmId, "shutdownVm", "2011", "0", 1_000_000);
        long now = System.currentTimeMillis();
        String forged = new CallbackSignature("guessed-secret").sign(now, bytes(body));
        int before = refusals();

        assertThat(send(body, null, null)).isEqualTo(401);
        assertThat(send(body, String.valueOf(now), forged)).isEqualTo(401);
        long stale = now - 6 * 60 * 1000;
        assertThat(send(body, String.valueOf(stale), signature.sign(stale, bytes(body)))).isEqualTo(401);

        assertThat(refusals()).isEqualTo(before + 3);
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT actor, result, code, params FROM audit_event
                 WHERE action = 'CALLBACK_REFUSED' ORDER BY id DESC LIMIT 3""").query().listOfRows();
        assertThat(rows).extracting(r -> r.get("params").toString())
                .anySatisfy(p -> assertThat(p).contains("reason=unsigned"))
                .anySatisfy(p -> assertThat(p).contains("reason=wrong signature"))
                .anySatisfy(p -> assertThat(p).contains("reason=expired timestamp"))
                .allSatisfy(p -> assertThat(p).doesNotContain(forged).doesNotContain(SECRET)
                        .doesNotContain(forged.substring("hmac-sha256=".length())));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("actor")).isEqualTo("platform");
            assertThat(r.get("result")).isEqualTo("FAILURE");
            assertThat(r.get("code")).isEqualTo("401");
        });
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1);
    }

    @Test
    void malformedCallbackIsRefusedWith400AndAudited() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        int before = refusals();

        assertThat(signedSend("{not json")).isEqualTo(400);
        assertThat(signedSend(event(UUID.randomUUID().toString(), vmId, "shutdownVm", "2011", "0", -4)))
                .isEqualTo(400);

        assertThat(refusals()).isEqualTo(before + 2);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'CALLBACK_REFUSED' AND code = '400' AND params LIKE 'reason=%'""")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1);
    }

    @Test
    void impossibleTransitionIsStoredAsSeenButNotAppliedAndIsAudited() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        // A start that reports a stopped VM, and a shutdown that carries the start's code.
        String startStopped = UUID.randomUUID().toString();
        String shutdownWithStartCode = UUID.randomUUID().toString();

        assertThat(signedSend(event(startStopped, vmId, "startVm", "2010", "0", 1_000_000))).isEqualTo(204);
        assertThat(signedSend(event(shutdownWithStartCode, vmId, "shutdownVm", "2010", "0", 1_000_001)))
                .isEqualTo(204);
        assertThat(signedSend(event(startStopped, vmId, "startVm", "2010", "0", 1_000_000))).isEqualTo(204);

        assertThat(row(vmId)).containsEntry("status", 1).containsEntry("lifecycle", "ACTIVE");
        assertThat(jdbc.sql("SELECT status_seq FROM vm WHERE vm_id = :id").param("id", vmId).query(Long.class)
                .single()).isLessThan(1_000_000L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM callback_event WHERE event_id IN (:ids)")
                .param("ids", List.of(startStopped, shutdownWithStartCode)).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'CALLBACK_REFUSED' AND target = :vm AND params LIKE '%impossible transition%'""")
                .param("vm", vmId).query(Integer.class).single()).as("audited once each, repeats not").isEqualTo(2);

        // A deleted VM takes no event but its deletion's repeat.
        jdbc.sql("UPDATE vm SET lifecycle = 'DELETED' WHERE vm_id = :id").param("id", vmId).update();
        assertThat(signedSend(event(UUID.randomUUID().toString(), vmId, "startVm", "2010", "1", 1_000_002)))
                .isEqualTo(204);
        assertThat(row(vmId)).containsEntry("status", 1).containsEntry("lifecycle", "DELETED");
        jdbc.sql("UPDATE vm SET lifecycle = 'ACTIVE' WHERE vm_id = :id").param("id", vmId).update();
        cleanUp(List.of(vmId));
    }

    @Test
    void databaseErrorWhileApplyingAnswers503WithNothingKeptAndTheRetrySucceeds() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String eventId = UUID.randomUUID().toString();
        String stop = event(eventId, vmId, "shutdownVm", "2011", "0", 1_000_000);

        // Another connection holds the VM's row: the callback's transaction cannot get it.
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT vm_id FROM vm WHERE vm_id = ? FOR UPDATE")) {
                lock.setString(1, vmId);
                try (ResultSet rs = lock.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThat(signedSend(stop)).isEqualTo(503);
            other.rollback();
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM callback_event WHERE event_id = :id").param("id", eventId)
                .query(Integer.class).single()).as("nothing half-applied").isZero();
        assertThat(row(vmId)).containsEntry("status", 1);

        assertThat(signedSend(stop)).as("the platform's retry").isEqualTo(204);
        assertThat(row(vmId)).containsEntry("status", 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM callback_event WHERE event_id = :id").param("id", eventId)
                .query(Integer.class).single()).isEqualTo(1);
        // The portal now believes the VM stopped; put the platform in step before cleaning up.
        cleanUp(List.of(vmId));
    }

    private int refusals() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'CALLBACK_REFUSED'")
                .query(Integer.class).single();
    }

    private static String event(String id, String vmId, String op, String result, String status, long seq) {
        return CallbackPoster.event(id, vmId, op, result, status, seq);
    }

    private int signedSend(String body) throws Exception {
        return new CallbackPoster(port).signed(body);
    }

    private int send(String body, String timestamp, String sig) throws Exception {
        return new CallbackPoster(port).send(body, timestamp, sig);
    }

    private static byte[] bytes(String s) {
        return CallbackPoster.bytes(s);
    }
}

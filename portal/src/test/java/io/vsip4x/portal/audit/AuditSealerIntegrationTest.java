package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sealer: every committed event gets one link, in a contiguous chain, whatever the commit order. */
class AuditSealerIntegrationTest extends PortalTestSupport {

    @Autowired
    AuditService audit;
    @Autowired
    AuditSealer sealer;
    @Autowired
    DataSource dataSource;

    @Test
    void anEventCommittedAfterANewerOneIsSealedWhenItTurnsUp() throws Exception {
        String target = "seal-" + UUID.randomUUID();
        long slowId;
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            slowId = insert(slow, target, "SLOW");
            audit.event("FAST").as("tester", null, null).target("TEST", target).recordAlone();
            sealer.sealAll();
            assertThat(sealOf(eventId(target, "FAST"))).isNotNull();
            assertThat(sealOf(slowId)).isNull();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_gap WHERE event_id = :id").param("id", slowId)
                    .query(Long.class).single()).isEqualTo(1);
            slow.commit();
        }
        sealer.sealAll();
        Long slowSeq = sealOf(slowId);
        assertThat(slowSeq).isGreaterThan(sealOf(eventId(target, "FAST")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_gap WHERE event_id = :id").param("id", slowId)
                .query(Long.class).single()).isZero();
        assertChainRecomputes();
    }

    @Test
    void anEventThatTurnsUpIsSealedHoweverManyIdsAreStillWaitedFor() throws Exception {
        // More waited-for ids than a round reads, none of which will turn up (ids no event can have).
        jdbc.sql("INSERT INTO audit_gap (event_id) SELECT -seq FROM seq_1_to_6000").update();
        try {
            anEventCommittedAfterANewerOneIsSealedWhenItTurnsUp();
        } finally {
            jdbc.sql("DELETE FROM audit_gap WHERE event_id < 0").update();
        }
    }

    @Test
    void aRolledBackEventLeavesNoLinkAndTheChainStaysWhole() throws Exception {
        String target = "seal-" + UUID.randomUUID();
        try (Connection lost = dataSource.getConnection()) {
            lost.setAutoCommit(false);
            insert(lost, target, "LOST");
            lost.rollback();
        }
        audit.event("KEPT").as("tester", null, null).target("TEST", target).recordAlone();
        sealer.sealAll();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :t").param("t", target)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(sealOf(eventId(target, "KEPT"))).isNotNull();
        assertChainRecomputes();
    }

    @Test
    void theHourlyCountsFollowTheSealedEvents() {
        String tenant = "h" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            audit.event("COUNTED").as("tester", tenant, null).result(AuditService.DENIED, "403", null).recordAlone();
        }
        sealer.sealAll();
        assertThat(jdbc.sql("SELECT SUM(events) FROM audit_hourly WHERE tenant_code = :t AND result = 'DENIED'")
                .param("t", tenant).query(Long.class).single()).isEqualTo(3);
    }

    private void assertChainRecomputes() {
        record Link(long seq, long eventId, String hash) {
        }
        List<Link> links = jdbc.sql("SELECT seq, event_id, hash FROM audit_seal ORDER BY seq")
                .query((rs, n) -> new Link(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
        Map<Long, AuditEntry> events = jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event")
                .query(AuditRows.MAPPER).stream().collect(Collectors.toMap(AuditEntry::id, e -> e));
        // From the anchor: archiving (another test) may have removed the chain's oldest links.
        String previous = jdbc.sql("SELECT anchor_hash FROM audit_chain WHERE id = 1").query(String.class).single();
        long expectedSeq = jdbc.sql("SELECT anchor_seq FROM audit_chain WHERE id = 1").query(Long.class).single() + 1;
        for (Link link : links) {
            assertThat(link.seq()).isEqualTo(expectedSeq++);
            previous = AuditHash.link(previous, link.seq(), events.get(link.eventId()));
            assertThat(link.hash()).as("link %d", link.seq()).isEqualTo(previous);
        }
        assertThat(sealer.head().hash()).isEqualTo(previous);
    }

    private long insert(Connection connection, String target, String action) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_event (occurred_at, actor, action, target_type, target, result)
                VALUES (?, 'tester', ?, 'TEST', ?, 'SUCCESS')""", Statement.RETURN_GENERATED_KEYS)) {
            insert.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
            insert.setString(2, action);
            insert.setString(3, target);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private long eventId(String target, String action) {
        return jdbc.sql("SELECT id FROM audit_event WHERE target = :t AND action = :a").param("t", target)
                .param("a", action).query(Long.class).single();
    }

    private Long sealOf(long eventId) {
        return jdbc.sql("SELECT seq FROM audit_seal WHERE event_id = :id").param("id", eventId).query(Long.class)
                .optional().orElse(null);
    }
}

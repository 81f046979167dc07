package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.cluster.ClusterNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Cluster-wide jobs run on one node at a time: while another node holds the reconciliation's lock
 * in {@code shedlock}, this node's reconciliation (a package-private scheduled method, locked
 * through its bean's proxy) does nothing, whether the scheduler or a caller runs it; once the lock
 * runs out, it runs, and its lock row names this node.
 */
class SchedulerLockIntegrationTest extends PipelineTestSupport {

    private static final String LOCK = "Reconciler.reconcile";

    @Autowired
    private Reconciler reconciler;
    @Autowired
    private ClusterNode node;

    @Test
    void aJobWhoseLockAnotherNodeHoldsDoesNotRunAndRunsOnceTheLockRunsOut() {
        jdbc.sql("""
                INSERT IGNORE INTO shedlock (name, lock_until, locked_at, locked_by)
                VALUES (:name, NOW(3), NOW(3), 'nobody')""").param("name", LOCK).update();
        // Taken as ShedLock takes it: only when no run holds it, so this node's current run cannot undo it.
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                UPDATE shedlock SET lock_until = NOW(3) + INTERVAL 1 HOUR, locked_at = NOW(3), locked_by = 'other-node'
                 WHERE name = :name AND lock_until <= NOW(3)""").param("name", LOCK).update() == 1);
        try {
            // A host start sent a day ago whose host never came up: reconciliation times it out when it runs.
            long id = staleHostStart();
            reconciler.reconcile();
            assertThat(state(id)).as("the locked job did not run").isEqualTo("SENT");
            assertThat(lockedBy()).isEqualTo("other-node");

            jdbc.sql("UPDATE shedlock SET lock_until = NOW(3) WHERE name = :name AND locked_by = 'other-node'")
                    .param("name", LOCK).update();
            reconciler.reconcile();
            await().atMost(PATIENCE).until(() -> "FAILED".equals(state(id)));
            assertThat(jdbc.sql("SELECT result_info FROM operation WHERE id = :id").param("id", id)
                    .query(String.class).single()).isEqualTo(OperationTimeouts.HOST_TIMED_OUT);
            assertThat(lockedBy()).isEqualTo(node.name());
        } finally {
            jdbc.sql("UPDATE shedlock SET lock_until = NOW(3) WHERE name = :name AND locked_by = 'other-node'")
                    .param("name", LOCK).update();
        }
    }

    private long staleHostStart() {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operation (kind, host_id, state, attempts, created_at, updated_at, sent_at)
                VALUES ('START_HOST', :host, 'SENT', 1, NOW(3) - INTERVAL 1 DAY, NOW(3) - INTERVAL 1 DAY,
                        NOW(3) - INTERVAL 1 DAY)""")
                .param("host", "no-such-host-" + UUID.randomUUID().toString().substring(0, 8))
                .update(keys);
        return keys.getKey().longValue();
    }

    private String state(long id) {
        return jdbc.sql("SELECT state FROM operation WHERE id = :id").param("id", id).query(String.class).single();
    }

    private String lockedBy() {
        return jdbc.sql("SELECT locked_by FROM shedlock WHERE name = :name").param("name", LOCK)
                .query(String.class).single();
    }
}

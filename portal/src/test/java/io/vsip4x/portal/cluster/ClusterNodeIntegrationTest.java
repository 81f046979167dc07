package io.vsip4x.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The node registry: this node's row is RUNNING with a fresh heartbeat, a node whose heartbeat is
 * older than the lease does not count as live, a node stopped cleanly is left STOPPED, rows of
 * nodes gone for more than a day are removed, and a heartbeat leaves the lease of a claim that this
 * node's dispatcher does not hold to run out. The heartbeats (the node's and its consoles') go on while
 * every thread of the application's task scheduler is stuck, as on a platform that never answers.
 */
class ClusterNodeIntegrationTest extends PortalTestSupport {

    @Autowired
    private ClusterNode node;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private ThreadPoolTaskScheduler scheduler;

    @Test
    void thisNodeIsRegisteredRunningUnderItsHostPidRandomName() {
        node.heartbeat();

        assertThat(node.name()).matches("[a-z0-9.-]+-" + ProcessHandle.current().pid() + "-[0-9a-f]{8}");
        assertThat(row(node.name())).containsEntry("state", "RUNNING");
        assertThat(node.draining()).isFalse();
        assertThat(node.liveNodes()).isPositive();
    }

    @Test
    void onlyNodesWithAFreshHeartbeatThatDidNotStopCountAsLive() {
        long before = node.liveNodes();
        ClusterNode second = new ClusterNode(new ClusterProperties("second-" + UUID.randomUUID().toString()
                .substring(0, 8), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(20)), jdbc, events);
        second.start();
        assertThat(node.liveNodes()).isEqualTo(before + 1);

        jdbc.sql("UPDATE portal_node SET heartbeat_at = NOW(3) - INTERVAL 31 SECOND WHERE name = :name")
                .param("name", second.name()).update();
        assertThat(node.liveNodes()).as("silent for longer than the lease").isEqualTo(before);

        second.start();
        second.stop();
        assertThat(second.draining()).isTrue();
        assertThat(row(second.name())).containsEntry("state", "DRAINING");
        second.destroy();
        assertThat(row(second.name())).containsEntry("state", "STOPPED");
        assertThat(node.liveNodes()).isEqualTo(before);
    }

    @Test
    void rowsOfNodesGoneForMoreThanADayAreRemovedAtAHeartbeat() {
        String gone = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        String recent = "recent-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO portal_node (name, started_at, heartbeat_at, state)
                VALUES (:gone, NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 25 HOUR, 'STOPPED'),
                       (:recent, NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 23 HOUR, 'RUNNING')""")
                .param("gone", gone).param("recent", recent).update();

        node.heartbeat();

        assertThat(count(gone)).isZero();
        assertThat(count(recent)).isOne();
        jdbc.sql("DELETE FROM portal_node WHERE name = :name").param("name", recent).update();
    }

    @Test
    void aHeartbeatLeavesTheLeaseOfAClaimThisNodeIsNotSendingToRunOut() {
        jdbc.sql("""
                INSERT INTO operation (kind, vm_id, state, attempts, claimed_by, claim_expires_at)
                VALUES ('CREATE_SNAP', :vm, 'SENDING', 1, :node, NOW(3) + INTERVAL 1 SECOND)""")
                .param("vm", "lease-" + UUID.randomUUID()).param("node", node.name()).update();

        node.heartbeat();

        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM operation
                 WHERE claimed_by = :node AND vm_id LIKE 'lease-%' AND claim_expires_at > NOW(3) + INTERVAL 2 SECOND""")
                .param("node", node.name()).query(Integer.class).single()).as("leases moved on").isZero();
        jdbc.sql("UPDATE operation SET state = 'FAILED' WHERE claimed_by = :node AND vm_id LIKE 'lease-%'")
                .param("node", node.name()).update();
    }

    @Test
    void theHeartbeatsGoOnWhileEveryThreadOfTheTaskSchedulerIsStuck() {
        String vmId = "beat-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO console_session (vm_id, vm_name, tenant_id, user_id, username, view_only, node, seen_at)
                VALUES (:vmId, 'beat', 0, 0, 'beat', FALSE, :node, :seen)""")
                .param("vmId", vmId).param("node", node.name())
                .param("seen", Timestamp.valueOf("2001-01-01 00:00:00")).update();
        int threads = scheduler.getScheduledThreadPoolExecutor().getCorePoolSize();
        CountDownLatch stuck = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        try {
            // Every thread of the scheduler waits, as a job waits on a platform that never answers.
            for (int i = 0; i <= threads; i++) {
                scheduler.execute(() -> {
                    stuck.countDown();
                    try {
                        release.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> stuck.getCount() == 0);
            Timestamp before = heartbeatAt(node.name());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(heartbeatAt(node.name())).as("the node's heartbeat").isAfter(before);
                assertThat(jdbc.sql("SELECT seen_at FROM console_session WHERE vm_id = :vmId")
                        .param("vmId", vmId).query(Timestamp.class).single())
                        .as("the consoles' refresh").isAfter(Timestamp.valueOf("2001-01-01 00:00:00"));
            });
            assertThat(stuck.getCount()).isZero();
            assertThat(release.getCount()).as("the scheduler was stuck all along").isOne();
        } finally {
            release.countDown();
            jdbc.sql("DELETE FROM console_session WHERE vm_id = :vmId").param("vmId", vmId).update();
        }
    }

    private Timestamp heartbeatAt(String name) {
        return jdbc.sql("SELECT heartbeat_at FROM portal_node WHERE name = :name").param("name", name)
                .query(Timestamp.class).single();
    }

    private Map<String, Object> row(String name) {
        return jdbc.sql("SELECT state, heartbeat_at FROM portal_node WHERE name = :name").param("name", name)
                .query().singleRow();
    }

    private int count(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM portal_node WHERE name = :name").param("name", name)
                .query(Integer.class).single();
    }
}

package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.cluster.ClusterNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one outbox: claims made at the same moment by two nodes get each operation
 * once, two dispatchers at once send each operation once, a VM's operations still go out one at a
 * time in order, a stopping node hands back what it claimed and never sent, and a node whose claim
 * was taken over while it was frozen does not send the operation.
 */
class OperationClaimsIntegrationTest extends ClusterTestSupport {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void twoNodesClaimingTheSameOperationsAtOnceGetEachExactlyOnce() throws Exception {
        List<String> vms = fakeVms("race", 30);
        List<Long> ids = new ArrayList<>();
        // Each operation waits behind an open one of its VM, so this context's own dispatcher leaves it alone.
        vms.forEach(vm -> blocker(vm));
        vms.forEach(vm -> ids.add(queued(OperationKind.START_VM, vm)));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<Long>>> racers = List.of("node-x", "node-y").stream()
                    .<Callable<List<Long>>>map(name -> () -> {
                        start.await();
                        return claims.claim(ids, name, LEASE);
                    }).toList();
            List<Future<List<Long>>> results = racers.stream().map(pool::submit).toList();
            start.countDown();
            List<Long> x = results.get(0).get();
            List<Long> y = results.get(1).get();

            Set<Long> both = new HashSet<>(x);
            both.retainAll(y);
            assertThat(both).as("claimed by both").isEmpty();
            Set<Long> all = new HashSet<>(x);
            all.addAll(y);
            assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
            for (long id : ids) {
                assertThat(column(id, "state")).isEqualTo("SENDING");
                assertThat(column(id, "claimed_by")).isEqualTo(x.contains(id) ? "node-x" : "node-y");
                assertThat(column(id, "attempts")).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            failOpen(vms);
        }
    }

    @Test
    void twoDispatchersRunningAtOnceSendEachOperationOnce() throws Exception {
        List<String> vms = fakeVms("twice", 16);
        countCalls("startVm");
        ClusterNode twice = secondNode("twice");
        OperationDispatcher second = dispatcherOf(twice, 4);
        List<Long> ids = new ArrayList<>();
        vms.forEach(vm -> ids.add(queued(OperationKind.START_VM, vm)));

        // This context's dispatcher ticks on its own; the second node's runs on two threads besides.
        try (Racing racing = new Racing(second)) {
            await().atMost(PATIENCE).until(() -> jdbc.sql("""
                    SELECT COUNT(*) FROM operation WHERE id IN (:ids) AND state IN ('QUEUED', 'SENDING')""")
                    .param("ids", ids).query(Integer.class).single() == 0);
        }

        assertThat(calls("startVm")).as("the platform got each operation once").isEqualTo(ids.size());
        for (long id : ids) {
            assertThat(column(id, "attempts")).isEqualTo(1);
            assertThat(column(id, "claimed_by")).isIn(node.name(), twice.name());
        }
        failOpen(vms);
    }

    @Test
    void aVmsOperationsGoOutOneAtATimeInOrderWhileTwoNodesDispatch() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        OperationDispatcher second = dispatcherOf(secondNode("order"), 4);
        List<OperationKind> kinds = List.of(OperationKind.SHUTDOWN_VM, OperationKind.START_VM,
                OperationKind.SHUTDOWN_VM, OperationKind.START_VM, OperationKind.SHUTDOWN_VM, OperationKind.START_VM);

        List<Long> ids = new ArrayList<>();
        try (Racing racing = new Racing(second)) {
            kinds.forEach(kind -> ids.add(queued(kind, vmId)));
            await().atMost(LONG_PATIENCE).until(() -> jdbc.sql("""
                    SELECT COUNT(*) FROM operation WHERE id IN (:ids) AND state IN ('DONE', 'FAILED')""")
                    .param("ids", ids).query(Integer.class).single() == ids.size());
        }

        // Sent out of order, a start would meet a running VM (or a shutdown a stopped one) and be refused.
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT id, state, result_code, completed_at FROM operation WHERE id IN (:ids) ORDER BY id""")
                .param("ids", ids).query().listOfRows();
        assertThat(rows).allSatisfy(row -> assertThat(row.get("state")).as("operation %s", row).isEqualTo("DONE"));
        List<Timestamp> completed = rows.stream().map(row -> (Timestamp) row.get("completed_at")).toList();
        assertThat(completed).isSorted();
        awaitPlatformStatus(vmId, 1);
        cleanUp(List.of(vmId));
    }

    @Test
    void aStoppingNodeWaitsForItsSendAndHandsBackWhatItNeverStartedSending() throws Exception {
        List<String> vms = fakeVms("back", 3);
        vms.forEach(vm -> blocker(vm));
        List<Long> ids = new ArrayList<>();
        vms.forEach(vm -> ids.add(queued(OperationKind.START_VM, vm)));
        simulator.simulator().faults().slow("startVm", Duration.ofSeconds(2), null);
        ClusterNode stopping = secondNode("back");
        OperationDispatcher second = dispatcherOf(stopping, 1);

        assertThat(second.claim(ids)).containsExactlyElementsOf(ids);
        second.wake();
        await().atMost(PATIENCE).until(() -> second.unsent() == 2);
        int handedBack = second.handBack();

        assertThat(handedBack).isEqualTo(2);
        assertThat(column(ids.get(0), "state")).as("the send under way was waited for").isNotEqualTo("SENDING");
        assertThat(column(ids.get(0), "claimed_by")).isEqualTo(stopping.name());
        for (long id : ids.subList(1, 3)) {
            assertThat(column(id, "state")).isEqualTo("QUEUED");
            assertThat(column(id, "claimed_by")).isNull();
            assertThat(column(id, "claim_expires_at")).isNull();
            assertThat(column(id, "attempts")).isEqualTo(0);
        }
        failOpen(vms);
    }

    @Test
    void aNodeWhoseClaimWasTakenOverWhileItWasFrozenDoesNotSendIt() {
        List<String> vms = fakeVms("frozen", 1);
        blocker(vms.get(0));
        long id = queued(OperationKind.START_VM, vms.get(0));
        countCalls("startVm");
        ClusterNode frozen = secondNode("frozen");
        OperationDispatcher dispatcher = dispatcherOf(frozen, 1);
        assertThat(dispatcher.claim(List.of(id))).containsExactly(id);

        // While the node was frozen past its lease, another node took the operation over.
        String thief = "thief-" + frozen.name();
        jdbc.sql("UPDATE operation SET claimed_by = :thief WHERE id = :id").param("thief", thief).param("id", id)
                .update();
        dispatcher.dispatchDue();

        assertThat(calls("startVm")).as("not sent by the node that lost it").isZero();
        assertThat(dispatcher.unsent()).isZero();
        assertThat(column(id, "state")).isEqualTo("SENDING");
        assertThat(column(id, "claimed_by")).isEqualTo(thief);
        failOpen(vms);
    }

    /** Runs a dispatcher's rounds on two threads at once, over and over, until closed. */
    private static final class Racing implements AutoCloseable {

        private final AtomicBoolean done = new AtomicBoolean();
        private final ExecutorService pool = Executors.newFixedThreadPool(2);

        Racing(OperationDispatcher dispatcher) {
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    while (!done.get()) {
                        dispatcher.dispatchDue();
                    }
                });
            }
        }

        @Override
        public void close() throws InterruptedException {
            done.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}

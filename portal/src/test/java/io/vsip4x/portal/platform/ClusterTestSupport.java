package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.cluster.ClusterNode;
import io.vsip4x.portal.cluster.ClusterProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Helpers of the tests of several nodes: a second node in the same process (its own name, row and
 * dispatcher over the same database and platform, beside this context's node), operations written
 * straight into the outbox, and the number of calls the simulator received of a method (counted
 * by a harmless one-millisecond "slow" fault with many calls left).
 */
abstract class ClusterTestSupport extends PipelineTestSupport {

    private static final int COUNTED = 100_000;

    @Autowired
    protected OperationRepository operations;
    @Autowired
    protected OperationClaims claims;
    @Autowired
    protected ClusterNode node;
    @Autowired
    private TransactionTemplate tx;
    @Autowired
    private OperationFinisher finisher;
    @Autowired
    private JsonMapper json;
    @Autowired
    private AuditService audit;
    @Autowired
    private VmResync resync;
    @Autowired
    private DiskExtensions diskExtensions;
    @Autowired
    private ApplicationEventPublisher events;

    private final List<OperationDispatcher> secondDispatchers = new ArrayList<>();
    private final List<ClusterNode> secondNodes = new ArrayList<>();

    @AfterEach
    void stopSecondNodes() throws Exception {
        for (OperationDispatcher dispatcher : secondDispatchers) {
            dispatcher.destroy();
        }
        secondNodes.forEach(ClusterNode::destroy);
        secondDispatchers.clear();
        secondNodes.clear();
    }

    /** A second live node (its row written) named after {@code prefix}. */
    protected ClusterNode secondNode(String prefix) {
        ClusterNode second = new ClusterNode(new ClusterProperties(prefix + "-" + UUID.randomUUID()
                .toString().substring(0, 8), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(20)),
                jdbc, events);
        second.start();
        secondNodes.add(second);
        return second;
    }

    /** A dispatcher of node {@code second} with {@code threads} senders; it takes over nothing. */
    protected OperationDispatcher dispatcherOf(ClusterNode second, int threads) {
        OperationDispatcher dispatcher = new OperationDispatcher(operations, platform, tx, finisher, json, audit,
                resync, diskExtensions, threads, second, claims,
                new StaticListableBeanFactory().getBeanProvider(ClaimTakeover.class));
        secondDispatchers.add(dispatcher);
        return dispatcher;
    }

    /** Queues {@code kind} on {@code vmId} straight into the outbox; returns its id. */
    protected long queued(OperationKind kind, String vmId) {
        return operations.insert(kind, vmId, null, null, null);
    }

    /**
     * An open operation on {@code vmId} that waits for a callback that never comes: while it is
     * open, no later operation of the VM is due on any node.
     */
    protected long blocker(String vmId) {
        long id = queued(OperationKind.START_VM, vmId);
        jdbc.sql("UPDATE operation SET state = 'SENT' WHERE id = :id").param("id", id).update();
        return id;
    }

    /** Finishes the operations of fake VMs a test left open, so no later test meets them. */
    protected void failOpen(List<String> vmIds) {
        jdbc.sql("""
                UPDATE operation SET state = 'FAILED', completed_at = NOW(3)
                 WHERE vm_id IN (:vms) AND state IN ('QUEUED', 'SENDING', 'SENT')""")
                .param("vms", vmIds).update();
    }

    /** Starts counting the calls the simulator receives of SDK method {@code method}. */
    protected void countCalls(String method) {
        simulator.simulator().faults().slow(method, Duration.ofMillis(1), COUNTED);
    }

    /** How many calls of {@code method} the simulator received since {@link #countCalls}. */
    protected int calls(String method) {
        var fault = simulator.simulator().faults().view().plan().methods().get(method);
        assertThat(fault).as("still counting %s", method).isNotNull();
        return COUNTED - fault.times();
    }

    /** A column of operation {@code id}. */
    protected Object column(long id, String column) {
        return jdbc.sql("SELECT " + column + " FROM operation WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getObject(1)).list().get(0);
    }

    /** Fresh fake VM ids (the platform knows none of them). */
    protected static List<String> fakeVms(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + run + "-" + i);
        }
        return ids;
    }
}

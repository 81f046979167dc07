package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.cluster.ClusterNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The claims of a node that died while sending are taken over by a live node and settled without
 * anything sent twice: a creation whose VMs the platform has is marked sent, one whose VMs it lacks
 * is sent once, an operation harmless to repeat is queued again, any other is marked sent with its
 * answer lost; the claims of a live node are left alone. This node's own claims whose send broke off
 * are settled the same way once their lease runs out, those it is sending are not.
 */
class ClaimTakeoverIntegrationTest extends ClusterTestSupport {

    @Autowired
    private ClaimTakeover takeover;
    @Autowired
    private OperationDispatcher dispatcher;
    @Autowired
    private ApplicationEventPublisher events;

    @Test
    void aDeadNodesCreationWhoseVmsThePlatformHasIsMarkedSentAndNotSentAgain() {
        TestTenant t = newTenant();
        long request = approved(t, 1, false);
        List<String> vms = vmIds(t, request);
        await().atMost(LONG_PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), request).get("state")));
        String payload = operations.forRequest(request).stream().filter(op -> op.kind() == OperationKind.CREATE_VM)
                .findFirst().orElseThrow().payload();
        countCalls("createVm");

        long id = claimedBy(deadNode(), OperationKind.CREATE_VM, null, payload);
        await().atMost(PATIENCE).until(() -> !"SENDING".equals(column(id, "state")));

        assertThat(column(id, "state")).isEqualTo("SENT");
        assertThat(column(id, "result_info")).isEqualTo(OperationDispatcher.ACCEPTED_EARLIER);
        assertThat(column(id, "claimed_by")).isEqualTo(node.name());
        assertThat(calls("createVm")).as("not sent again").isZero();
        jdbc.sql("UPDATE operation SET state = 'FAILED' WHERE id = :id").param("id", id).update();
        cleanUp(vms);
    }

    @Test
    void aDeadNodesCreationWhoseVmsThePlatformLacksIsSentOnce() throws Exception {
        TestTenant t = newTenant();
        Map<String, Object> body = new HashMap<>(smallRequest(1));
        body.put("powerOn", false);
        long request = submit(t.requester(), body);
        simulator.simulator().faults().platformDown(true);
        assertThat(post(t.approver(), "/requests/" + request + "/approve", null).getStatusCode().value())
                .isEqualTo(200);
        await().atMost(PATIENCE).until(() -> !operations.forRequest(request).isEmpty());
        long id = operations.forRequest(request).get(0).id();
        String dead = deadNode();
        // The platform is down: this node's dispatcher queues the creation again, and the dead node takes it.
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                UPDATE operation
                   SET state = 'SENDING', claimed_by = :node, claim_expires_at = NOW(3) - INTERVAL 1 SECOND
                 WHERE id = :id AND state = 'QUEUED'""").param("node", dead).param("id", id).update() == 1);
        countCalls("createVm");
        simulator.simulator().faults().platformDown(false);

        await().atMost(LONG_PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), request).get("state")));
        assertThat(calls("createVm")).as("sent once").isEqualTo(1);
        assertThat(column(id, "state")).isEqualTo("DONE");
        assertThat(column(id, "claimed_by")).isEqualTo(node.name());
        List<String> vms = vmIds(t, request);
        assertThat(vms).hasSize(1).allSatisfy(vm -> assertThat(onPlatform(vm)).isPresent());
        cleanUp(vms);
    }

    @Test
    void aDeadNodesOperationThatIsNotSafeToRepeatIsMarkedSentWithItsAnswerLost() {
        List<String> vms = fakeVms("lost", 1);
        countCalls("createSnap");

        long id = claimedBy(deadNode(), OperationKind.CREATE_SNAP, vms.get(0), null);
        await().atMost(PATIENCE).until(() -> !"SENDING".equals(column(id, "state")));

        assertThat(column(id, "state")).isEqualTo("SENT");
        assertThat(column(id, "result_info")).isEqualTo(OperationDispatcher.ANSWER_LOST);
        assertThat(column(id, "claimed_by")).isEqualTo(node.name());
        assertThat(calls("createSnap")).as("not sent again").isZero();
        failOpen(vms);
    }

    @Test
    void aDeadNodesOperationThatIsSafeToRepeatIsQueuedAgain() {
        List<String> vms = fakeVms("safe", 1);
        // An older open operation of the VM keeps the queued one from being sent again at once.
        blocker(vms.get(0));
        countCalls("startVm");

        long id = claimedBy(deadNode(), OperationKind.START_VM, vms.get(0), null);
        await().atMost(PATIENCE).until(() -> !"SENDING".equals(column(id, "state")));

        assertThat(column(id, "state")).isEqualTo("QUEUED");
        assertThat(column(id, "last_error")).isEqualTo(ClaimTakeover.CLAIM_LOST);
        assertThat(column(id, "claimed_by")).isNull();
        assertThat(calls("startVm")).isZero();
        failOpen(vms);
    }

    @Test
    void theClaimOfALiveNodeIsNeverTakenOverEvenWhenItsLeaseRanOut() {
        List<String> vms = fakeVms("live", 1);
        ClusterNode live = secondNode("live");
        long id = claimedBy(live.name(), OperationKind.CREATE_SNAP, vms.get(0), null);

        assertThat(claims.expired(node.settings().lease(), 1000)).doesNotContain(id);
        takeover.takeOverExpired();
        assertThat(column(id, "state")).isEqualTo("SENDING");
        assertThat(column(id, "claimed_by")).isEqualTo(live.name());

        // Once its heartbeat is older than the lease, the node is dead and its claim is taken over.
        jdbc.sql("UPDATE portal_node SET heartbeat_at = NOW(3) - INTERVAL 1 MINUTE WHERE name = :name")
                .param("name", live.name()).update();
        await().atMost(PATIENCE).until(() -> node.name().equals(column(id, "claimed_by")));
        assertThat(column(id, "result_info")).isEqualTo(OperationDispatcher.ANSWER_LOST);
        failOpen(vms);
    }

    @Test
    void aClaimOfThisLiveNodeWhoseSendBrokeOffIsSettledOnceItsLeaseRunsOut() {
        List<String> vms = fakeVms("broke", 2);
        countCalls("createSnap");
        countCalls("startVm");

        // Claimed by this node a minute ago and never sent: no heartbeat of it moves these leases on.
        long unsafe = claimedBy(node.name(), OperationKind.CREATE_SNAP, vms.get(0), null);
        long safe = claimedBy(node.name(), OperationKind.START_VM, vms.get(1), null);
        events.publishEvent(new ClusterNode.Heartbeat(node.name()));
        await().atMost(PATIENCE).until(() -> !"SENDING".equals(column(unsafe, "state")));

        assertThat(column(unsafe, "state")).isEqualTo("SENT");
        assertThat(column(unsafe, "result_info")).isEqualTo(OperationDispatcher.ANSWER_LOST);
        assertThat(calls("createSnap")).as("not sent again").isZero();
        // Harmless to repeat: queued again and sent once.
        await().atMost(PATIENCE).until(() -> calls("startVm") == 1
                && !List.of("QUEUED", "SENDING").contains(column(safe, "state")));
        assertThat(calls("startVm")).as("sent once").isEqualTo(1);
        failOpen(vms);
    }

    @Test
    void aClaimThisNodeIsSendingKeepsItsLeaseAndIsNotTakenOver() {
        List<String> vms = fakeVms("flight", 1);
        simulator.simulator().faults().slow("createSnap", Duration.ofSeconds(3), 1);
        long id = queued(OperationKind.CREATE_SNAP, vms.get(0));
        await().atMost(PATIENCE).until(() -> dispatcher.held().contains(id) && "SENDING".equals(column(id, "state")));

        jdbc.sql("UPDATE operation SET claim_expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = :id")
                .param("id", id).update();
        events.publishEvent(new ClusterNode.Heartbeat(node.name()));
        assertThat(jdbc.sql("SELECT claim_expires_at > NOW(3) + INTERVAL 20 SECOND FROM operation WHERE id = :id")
                .param("id", id).query(Boolean.class).single()).as("lease moved on").isTrue();

        jdbc.sql("UPDATE operation SET claim_expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = :id")
                .param("id", id).update();
        takeover.takeOverExpired();
        await().atMost(PATIENCE).until(() -> !"SENDING".equals(column(id, "state")));
        assertThat(column(id, "attempts")).as("never taken over").isEqualTo(1);
        assertThat(column(id, "result_info")).isNotEqualTo(OperationDispatcher.ANSWER_LOST);
        failOpen(vms);
    }

    /** A node that died a minute ago, its row left RUNNING. */
    private String deadNode() {
        String name = "dead-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO portal_node (name, started_at, heartbeat_at, state)
                VALUES (:name, NOW(3) - INTERVAL 1 HOUR, NOW(3) - INTERVAL 1 MINUTE, 'RUNNING')""")
                .param("name", name).update();
        return name;
    }

    /** An operation {@code owner} claimed a minute ago and was sending; its lease ran out a second ago. */
    private long claimedBy(String owner, OperationKind kind, String vmId, String payload) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operation (kind, vm_id, state, attempts, payload, claimed_by, claim_expires_at,
                                       created_at, updated_at)
                VALUES (:kind, :vmId, 'SENDING', 1, :payload, :owner, NOW(3) - INTERVAL 1 SECOND,
                        NOW(3) - INTERVAL 1 MINUTE, NOW(3) - INTERVAL 1 MINUTE)""")
                .param("kind", kind.name()).param("vmId", vmId).param("payload", payload).param("owner", owner)
                .update(keys);
        return keys.getKey().longValue();
    }
}

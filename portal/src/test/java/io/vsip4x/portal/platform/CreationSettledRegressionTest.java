package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.cluster.ClusterNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * A creation that is settled while its send checks the pool's room (the callbacks of an earlier
 * attempt finishing it) is not sent: a full run caught a retry's {@code createVm} going out after
 * the request had completed, making again the VMs a test had deleted meanwhile.
 */
class CreationSettledRegressionTest extends ClusterTestSupport {

    private static final int ROOM_CHECKS = 1_000;

    @AfterEach
    void clearFaults() {
        simulator.simulator().faults().reset();
    }

    @Test
    void aCreationSettledWhileItsRoomIsCheckedIsNotSent() throws Exception {
        TestTenant t = newTenant();
        long request = approved(t, 1, false);
        List<String> vms = vmIds(t, request);
        await().atMost(LONG_PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), request).get("state")));
        String payload = operations.forRequest(request).stream().filter(op -> op.kind() == OperationKind.CREATE_VM)
                .findFirst().orElseThrow().payload();
        ClusterNode second = secondNode("settled");
        OperationDispatcher dispatcher = dispatcherOf(second, 1);
        long id = sending(second.name(), payload);
        Operation op = operations.find(id).orElseThrow();
        countCalls("createVm");
        simulator.simulator().faults().slow("getCreateRemainder", Duration.ofSeconds(2), ROOM_CHECKS);

        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<?> sent = sender.submit(() -> dispatcher.sendClaimed(op));
            // The room check has reached the platform: now the earlier attempt's callbacks settle the operation.
            await().atMost(PATIENCE).until(() -> roomChecks() == 1);
            assertThat(jdbc.sql("""
                    UPDATE operation SET state = 'DONE', completed_at = NOW(3)
                     WHERE id = :id AND state = 'SENDING'""").param("id", id).update()).isEqualTo(1);
            sent.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            sender.shutdownNow();
        }

        assertThat(roomChecks()).as("the send got as far as the room check").isEqualTo(1);
        assertThat(calls("createVm")).as("a settled creation is not sent").isZero();
        assertThat(column(id, "state")).isEqualTo("DONE");
        cleanUp(vms);
    }

    private int roomChecks() {
        return ROOM_CHECKS - simulator.simulator().faults().view().plan().methods().get("getCreateRemainder").times();
    }

    /** A creation {@code owner} claimed and is sending, its lease a minute ahead. */
    private long sending(String owner, String payload) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operation (kind, vm_id, state, attempts, payload, claimed_by, claim_expires_at)
                VALUES ('CREATE_VM', NULL, 'SENDING', 1, :payload, :owner, NOW(3) + INTERVAL 1 MINUTE)""")
                .param("payload", payload).param("owner", owner).update(keys);
        return keys.getKey().longValue();
    }
}

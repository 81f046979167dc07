package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.SnapshotInfo;
import io.vsip4x.simulator.faults.CallbackFaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Snapshot operations whose callbacks never come are confirmed from the platform's list
 * ({@code getVmSnaps}) instead of failing: the portal then shows the snapshot it took, with who
 * took it, and forgets the one it deleted.
 */
class SnapshotTimeoutIntegrationTest extends VmOperationsTestSupport {

    @Autowired
    OperationTimeouts timeouts;

    @AfterEach
    void deliverCallbacksAgain() {
        simulator.simulator().faults().callbacks(CallbackFaults.none());
    }

    @Test
    void snapshotOperationsWithoutCallbacksAreConfirmedFromThePlatformsList() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 5, 0));
        String vmId = runningVm(t);
        simulator.simulator().faults().callbacks(CallbackFaults.none().withDrop(1.0).withSeed(1));

        long taking = accepted(post(t.requester(), "/vms/" + vmId + "/snapshots", null).getBody());
        await().atMost(PATIENCE).until(() -> snaps(vmId).size() == 1 && "SENT".equals(state(taking)));
        await().atMost(PATIENCE).until(() -> !simulator.simulator().vm(vmId).orElseThrow().busy());
        timeouts.timeOutOlderThan(Duration.ZERO);
        assertThat(state(taking)).isEqualTo("DONE");
        String snapId = snaps(vmId).get(0).snapId();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/snapshots")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("snapId", snapId).containsEntry("state", "ACTIVE")
                        .containsEntry("takenBy", t.requester()));

        long deleting = accepted(api(t.requester()).delete().uri("/vms/" + vmId + "/snapshots/" + snapId)
                .retrieve().body(Map.class));
        await().atMost(PATIENCE).until(() -> snaps(vmId).isEmpty() && "SENT".equals(state(deleting)));
        await().atMost(PATIENCE).until(() -> !simulator.simulator().vm(vmId).orElseThrow().busy());
        timeouts.timeOutOlderThan(Duration.ZERO);
        assertThat(state(deleting)).isEqualTo("DONE");
        assertThat(getList(t.requester(), "/vms/" + vmId + "/snapshots")).isEmpty();
    }

    private List<SnapshotInfo> snaps(String vmId) {
        return platform.call(c -> c.getVmSnaps(vmId));
    }

    private String state(long id) {
        return jdbc.sql("SELECT state FROM operation WHERE id = :id").param("id", id).query(String.class).single();
    }

    private static long accepted(Map<?, ?> answer) {
        return ((Number) answer.get("operationId")).longValue();
    }
}

package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Progress of long operations: the estimate is the median duration of the last finished
 * operations of the kind; the phase follows the operation and the VM's transitional status; the
 * VM list shows it as an accessible progress bar with words, and the API carries it.
 */
class VmProgressIntegrationTest extends PortalTestSupport {

    @Autowired
    VmProgressEstimates estimates;

    @Test
    void theEstimateIsTheMedianOfTheLastTwentyFinishedOperationsOfTheKind() {
        // The oldest is far slower and no longer counts; a failed one never counts.
        insertFinished(OperationKind.MOVE_VM, "DONE", 10_000);
        for (int i = 1; i <= 20; i++) {
            insertFinished(OperationKind.MOVE_VM, "DONE", i * 10);
        }
        insertFinished(OperationKind.MOVE_VM, "FAILED", 5);
        estimates.forget();

        assertThat(estimates.typical(OperationKind.MOVE_VM)).isEqualTo(Duration.ofSeconds(105));
        assertThat(VmProgressEstimates.median(List.of(3_000_000L, 1_000_000L, 2_000_000L)))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(VmProgressEstimates.median(List.of())).isNull();
    }

    @Test
    void thePhaseFollowsTheOperationAndTheVmsTransitionalStatus() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        Instant asked = now.minusSeconds(30);
        Duration typical = Duration.ofSeconds(120);

        VmProgress queued = VmProgress.of(op(OperationKind.MIGRATE_VM, OperationState.QUEUED, asked), 1, typical, now);
        assertThat(queued.phase()).isEqualTo(VmProgress.Phase.QUEUED);
        assertThat(queued.elapsedSeconds()).isEqualTo(30);
        assertThat(queued.percent()).isEqualTo(25);
        assertThat(queued.remainingText()).isEqualTo("1:30");
        assertThat(queued.elapsedText()).isEqualTo("0:30");

        assertThat(VmProgress.of(op(OperationKind.MIGRATE_VM, OperationState.SENDING, asked), 1, typical, now)
                .phase()).isEqualTo(VmProgress.Phase.QUEUED);
        assertThat(VmProgress.of(op(OperationKind.MIGRATE_VM, OperationState.SENT, asked), 1, typical, now)
                .phase()).isEqualTo(VmProgress.Phase.SENT);
        VmProgress migrating = VmProgress.of(op(OperationKind.MIGRATE_VM, OperationState.SENT, asked), 7, typical,
                now);
        assertThat(migrating.phase()).isEqualTo(VmProgress.Phase.IN_PROGRESS);
        assertThat(migrating.status()).isEqualTo(7);

        // Longer than usual: the bar stops short of the end and says so.
        VmProgress late = VmProgress.of(op(OperationKind.CREATE_VM, OperationState.SENT, now.minusSeconds(3700)), 6,
                typical, now);
        assertThat(late.percent()).isEqualTo(95);
        assertThat(late.overdue()).isTrue();
        assertThat(late.remainingSeconds()).isNull();
        assertThat(late.elapsedText()).isEqualTo("1:01:40");

        // Nothing known yet: an indeterminate bar.
        VmProgress unknown = VmProgress.of(op(OperationKind.MOVE_VM, OperationState.SENT, asked), 0, null, now);
        assertThat(unknown.percent()).isNull();
        assertThat(unknown.remainingSeconds()).isNull();
        assertThat(unknown.overdue()).isFalse();

        assertThat(VmProgress.of(op(OperationKind.MOVE_VM, OperationState.DONE, asked), 0, typical, now).percent())
                .isEqualTo(100);
        assertThat(VmProgress.of(op(OperationKind.MOVE_VM, OperationState.FAILED, asked), 0, typical, now)).isNull();
        assertThat(VmProgress.of(op(OperationKind.START_VM, OperationState.SENT, asked), 0, typical, now))
                .as("a short operation shows no bar").isNull();
    }

    @Test
    void theVmListAndTheApiShowTheProgressOfACreationUnderWay() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));
        // The platform is down: the creation waits in the queue meanwhile.
        simulator.simulator().faults().platformDown(true);
        try {
            assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                    .isEqualTo(200);
            PageClient page = new PageClient(port, "en");
            page.signIn(t.requester(), PASSWORD);
            String html = await().atMost(PATIENCE).until(() -> page.get("/vms").body(),
                    body -> body.contains("class=\"progress\""));
            assertThat(html).containsPattern("<progress[^>]*aria-label=\"create progress\"")
                    .contains("data-phase=\"QUEUED\"").contains("Queued").contains("elapsed");

            List<Map<String, Object>> vms = vmItems(t.requester(), "/vms");
            assertThat(vms).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> progress = (Map<String, Object>) vms.get(0).get("progress");
            assertThat(progress).containsEntry("operation", "createVm").containsKey("elapsedSeconds");
            assertThat(progress).containsEntry("phase", "QUEUED");

            // Once the platform is back, created and running, the bar is gone.
            simulator.simulator().faults().platformDown(false);
            String vmId = String.valueOf(vms.get(0).get("vmId"));
            await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status"))
                    && !(Boolean) vm(t.requester(), vmId).get("busy"));
            assertThat(vm(t.requester(), vmId)).doesNotContainKey("progress");
            assertThat(page.get("/vms").body()).doesNotContain("class=\"progress\"");
        } finally {
            simulator.simulator().faults().platformDown(false);
        }
    }

    private static Operation op(OperationKind kind, OperationState state, Instant createdAt) {
        return new Operation(1, kind, "vm-progress", null, null, state, 1, createdAt, null, null, null, null,
                createdAt, createdAt, null);
    }

    private void insertFinished(OperationKind kind, String state, long seconds) {
        jdbc.sql("""
                        INSERT INTO operation (kind, vm_id, state, created_at, completed_at)
                        VALUES (?, 'vm-progress-sample', ?, NOW(3) - INTERVAL ? SECOND, NOW(3))""")
                .params(kind.name(), state, seconds)
                .update();
    }
}

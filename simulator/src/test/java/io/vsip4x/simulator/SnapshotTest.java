package io.vsip4x.simulator;

import static io.vsip4x.simulator.OperationEvents.await;
import static io.vsip4x.simulator.OperationEvents.code;
import static io.vsip4x.simulator.OperationEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.model.SnapshotInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** createSnap, deleteSnap, restoreSnap and getVmSnaps over HTTP: asynchronous, locking the VM while they run. */
class SnapshotTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        // A delay long enough to see the VM locked while an operation runs.
        platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofMillis(300)));
        platform.createStopped("pool-test", "vm-s");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void takesASnapshotThatGetVmSnapsListsUnderTheSpecsUpperCaseKeys() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertThat(platform.client.createSnap("vm-s").code()).isEqualTo("0");
        assertThat(platform.client.getVmSnaps("vm-s")).isEmpty();

        Map<String, Object> event = await(platform, "vm-s", "createSnap");
        assertThat(event).containsEntry("result", "9003").containsEntry("status", "0");
        String snapId = detail(event).get("snapId");
        List<SnapshotInfo> snaps = platform.client.getVmSnaps("vm-s");
        assertThat(snaps).singleElement().satisfies(snap -> {
            assertThat(snap.snapId()).isEqualTo(snapId);
            assertThat(snap.vmId()).isEqualTo("vm-s");
            assertThat(snap.createdAt()).isBetween(before, Instant.now());
            assertThat(snap.createTimeText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        });
        List<?> rows = (List<?>) platform.client.call("getVmSnaps", "vm-s");
        assertThat(rows).hasSize(1);
        assertThat(((Map<?, ?>) rows.get(0)).keySet()).map(String::valueOf)
                .containsExactly("SNAPID", "CREATETIME", "VMID");
    }

    @Test
    void locksTheVmWhileASnapshotIsTaken() {
        platform.client.createSnap("vm-s");

        assertThat(platform.client.startVm("vm-s").code()).isEqualTo("2052");
        assertThat(platform.client.createSnap("vm-s").code()).isEqualTo("2052");

        await(platform, "vm-s", "createSnap");
        assertThat(platform.client.startVm("vm-s").code()).isEqualTo("0");
    }

    @Test
    void refusesASnapshotOfAVmInFlightWith2052() {
        platform.client.startVm("vm-s");

        assertThat(platform.client.createSnap("vm-s").code()).isEqualTo("2052");
        platform.awaitStatus("vm-s", 1);
        assertThat(platform.client.createSnap("vm-s").code()).isEqualTo("0");
        assertThat(await(platform, "vm-s", "createSnap")).containsEntry("status", "1");
    }

    @Test
    void deletesASnapshot() {
        String snapId = snapshot();

        assertThat(platform.client.deleteSnap("vm-s", snapId).code()).isEqualTo("0");

        Map<String, Object> event = await(platform, "vm-s", "deleteSnap");
        assertThat(event).containsEntry("result", "9003");
        assertThat(detail(event)).containsEntry("snapId", snapId);
        assertThat(platform.client.getVmSnaps("vm-s")).isEmpty();
    }

    @Test
    void restoresASnapshotOfAStoppedVmOnly() {
        String snapId = snapshot();
        platform.client.startVm("vm-s");
        platform.awaitStatus("vm-s", 1);

        assertThat(platform.client.restoreSnap("vm-s", snapId).code()).isEqualTo("2049");
        platform.client.shutdownVm("vm-s");
        platform.awaitStatus("vm-s", 0);
        assertThat(platform.client.restoreSnap("vm-s", snapId).code()).isEqualTo("0");

        Map<String, Object> event = await(platform, "vm-s", "restoreSnap");
        assertThat(event).containsEntry("result", "9003").containsEntry("status", "0");
        assertThat(detail(event)).containsEntry("snapId", snapId);
        assertThat(platform.client.getVmSnaps("vm-s")).extracting(SnapshotInfo::snapId).containsExactly(snapId);
    }

    @Test
    void refusesAnUnknownVmWith2004() {
        assertThat(platform.client.createSnap("vm-none").code()).isEqualTo("2004");
        assertThat(platform.client.deleteSnap("vm-none", "snap-x").code()).isEqualTo("2004");
        assertThat(platform.client.restoreSnap("vm-none", "snap-x").code()).isEqualTo("2004");
        assertThat(code(platform.client.call("getVmSnaps", "vm-none"))).isEqualTo("2004");
        // getVmSnaps has no result code in the spec; a refusal is no list of snapshots.
        assertThatThrownBy(() -> platform.client.getVmSnaps("vm-none"))
                .isInstanceOf(Vsip4xProtocolException.class).hasMessageContaining("2004");
    }

    @Test
    void refusesAnUnknownSnapshotOrOneOfAnotherVmWith2003() {
        String snapId = snapshot();
        platform.createStopped("pool-test", "vm-t");

        assertThat(platform.client.deleteSnap("vm-s", "snap-none").code()).isEqualTo("2003");
        assertThat(platform.client.restoreSnap("vm-s", "snap-none").code()).isEqualTo("2003");
        assertThat(platform.client.deleteSnap("vm-t", snapId).code()).isEqualTo("2003");
        assertThat(platform.client.createSnap(" ").code()).isEqualTo("2003");
        assertThat(platform.client.getVmSnaps("vm-s")).hasSize(1);
    }

    @Test
    void aFailingSnapshotEndsIn9004AndLeavesNone() {
        platform.simulator.setOperationFailing("createSnap", true);

        platform.client.createSnap("vm-s");

        assertThat(await(platform, "vm-s", "createSnap")).containsEntry("result", "9004");
        assertThat(platform.client.getVmSnaps("vm-s")).isEmpty();
        assertThat(platform.simulator.vm("vm-s")).get().extracting(vm -> vm.busy()).isEqualTo(false);
    }

    @Test
    void aFailingDeletionOrRevertEndsIn9004AndKeepsTheSnapshot() {
        String snapId = snapshot();
        platform.simulator.setOperationFailing("deleteSnap", true);
        platform.simulator.setOperationFailing("restoreSnap", true);

        platform.client.deleteSnap("vm-s", snapId);
        assertThat(await(platform, "vm-s", "deleteSnap")).containsEntry("result", "9004");
        platform.client.restoreSnap("vm-s", snapId);
        assertThat(await(platform, "vm-s", "restoreSnap")).containsEntry("result", "9004");

        assertThat(platform.client.getVmSnaps("vm-s")).extracting(SnapshotInfo::snapId).containsExactly(snapId);
    }

    @Test
    void aDeletedVmTakesItsSnapshotsWithIt() {
        snapshot();

        platform.client.deleteVm("vm-s", false);
        await(platform, "vm-s", "deleteVm");
        platform.createStopped("pool-test", "vm-s");

        assertThat(platform.client.getVmSnaps("vm-s")).isEmpty();
    }

    /** Takes a snapshot of vm-s and returns its id once it exists. */
    private String snapshot() {
        int done = OperationEvents.of(platform, "vm-s", "createSnap").size();
        platform.client.createSnap("vm-s");
        return detail(await(platform, "vm-s", "createSnap", done + 1)).get("snapId");
    }
}

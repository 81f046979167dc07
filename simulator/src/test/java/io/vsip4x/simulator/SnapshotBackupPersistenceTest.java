package io.vsip4x.simulator;

import static io.vsip4x.simulator.OperationEvents.await;
import static io.vsip4x.simulator.OperationEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.sdk.model.BackupInfo;
import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.RestoreVmSpec;
import io.vsip4x.sdk.model.SnapshotInfo;
import io.vsip4x.simulator.state.StateFile;
import io.vsip4x.simulator.state.StoredState;
import io.vsip4x.simulator.state.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state file, snapshots, backups and a backup in flight outlive the simulator. */
class SnapshotBackupPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void keepsSnapshotsAndBackupsForANewSimulatorOnTheSameFile() {
        Path file = dir.resolve("sim.json");
        String snapId;
        String backupId;
        long free;
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-test", "vm-p");
            first.client.createSnap("vm-p");
            snapId = detail(await(first, "vm-p", "createSnap")).get("snapId");
            first.client.backupVm(BackupVmSpec.of("vm-p", "kept"));
            backupId = BackupInfo.from(detail(await(first, "vm-p", "backupVm"))).backupId();
            free = first.client.getRepositoryInfo("pool-test").orElseThrow().freeBytes();
            // Else an event the receiver has but the simulator has not seen delivered comes again
            // after the restart, to this platform's closed receiver, holding vm-p's later events.
            Await.until("every event was seen delivered", () -> first.simulator.pendingCallbacks().isEmpty());
        }

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(second.client.getVmSnaps("vm-p")).extracting(SnapshotInfo::snapId).containsExactly(snapId);
            assertThat(second.client.getRepositoryInfo("pool-test").orElseThrow().freeBytes()).isEqualTo(free);
            assertThat(second.client.restoreVm(RestoreVmSpec.inPlace("vm-p", backupId)).code()).isEqualTo("0");
            assertThat(await(second, "vm-p", "restoreVm")).containsEntry("result", "2016");
        }
    }

    @Test
    void finishesABackupFoundInFlightOnLoadAndReportsIt() {
        Path file = dir.resolve("sim.json");
        try (CallbackReceiver receiver = new CallbackReceiver(TestPlatform.SECRET)) {
            SimulatorSettings settings = SimulatorSettings.defaults().withStateFile(file)
                    .withCreateDelay(Duration.ofMillis(50)).withMethodDelay("backupVm", Duration.ofMillis(800))
                    .withDefaultCallbackUrl(receiver.url());
            try (Vsip4xSimulator first = new Vsip4xSimulator(settings).start()) {
                client(first).createVm(TestPlatform.spec("pool-test", "vm-q"));
                Await.until("vm-q is stopped", () -> first.vm("vm-q").filter(vm -> !vm.busy()).isPresent());
                assertThat(client(first).backupVm(BackupVmSpec.of("vm-q", "in flight")).code())
                        .isEqualTo("0");
            }
            assertThat(new StateFile(file).load().orElseThrow().vms().get(0)).extracting(Vm::status).isEqualTo(8);

            try (Vsip4xSimulator second = new Vsip4xSimulator(settings).start()) {
                Await.until("the backup finished", () -> receiver.eventsOf("vm-q").stream()
                        .anyMatch(e -> "backupVm".equals(e.get("operation"))));
                Map<String, Object> event = receiver.eventsOf("vm-q").get(receiver.eventsOf("vm-q").size() - 1);
                assertThat(event).containsEntry("result", "2015").containsEntry("status", "0");
                assertThat(detail(event)).containsEntry("description", "in flight").containsKey("backupId");
                assertThat(second.vm("vm-q")).get().extracting(Vm::status).isEqualTo(0);
            }
        }
    }

    @Test
    void loadsAStateFileWrittenBeforeSnapshotsAndBackupsExisted() throws IOException {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"version\":1,\"vms\":[],\"sequences\":{},\"callbacks\":[]}");

        StoredState stored = new StateFile(file).load().orElseThrow();

        assertThat(stored.snapshots()).isEmpty();
        assertThat(stored.backups()).isEmpty();
    }

    /** A client naming no callback URL: events go to the simulator's default. */
    private static HttpVsip4xClient client(Vsip4xSimulator simulator) {
        return new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", simulator.baseUrl(), "portal", "portal-secret",
                null, null, Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }
}

package io.vsip4x.simulator;

import static io.vsip4x.simulator.OperationEvents.await;
import static io.vsip4x.simulator.OperationEvents.code;
import static io.vsip4x.simulator.OperationEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.BackupInfo;
import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.RestoreVmSpec;
import io.vsip4x.simulator.state.Vm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * restoreVm over HTTP: queued, showing status 9 and locking the VM, in place or into another
 * pool or onto another host; the pool key is read as {@code repoId} and as the printed
 * {@code repold} (catalog A06).
 */
class RestoreVmTest {

    private TestPlatform platform;
    private String backupId;

    @BeforeEach
    void start() {
        // A delay long enough to see the VM restoring and locked.
        platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofMillis(300)));
        platform.createStopped("pool-test", "vm-r");
        platform.client.backupVm(new BackupVmSpec("vm-r", null, false, false));
        backupId = BackupInfo.from(detail(await(platform, "vm-r", "backupVm"))).backupId();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void restoresInPlaceInStatus9AndReportsTheBackupInTheCallback() {
        String hostId = vm().hostId();

        assertThat(platform.client.restoreVm(RestoreVmSpec.inPlace("vm-r", backupId)).code()).isEqualTo("0");
        assertThat(vm().status()).isEqualTo(9);

        Map<String, Object> event = await(platform, "vm-r", "restoreVm");
        assertThat(event).containsEntry("result", "2016").containsEntry("status", "0")
                .containsEntry("hostId", hostId);
        assertThat(detail(event)).containsEntry("backupId", backupId);
        assertThat(vm()).extracting(Vm::poolId, Vm::status).containsExactly("pool-test", 0);
    }

    @Test
    void locksTheVmWhileItIsRestored() {
        platform.client.restoreVm(RestoreVmSpec.inPlace("vm-r", backupId));

        assertThat(platform.client.startVm("vm-r").code()).isEqualTo("2052");
        assertThat(platform.client.deleteBackup("vm-r", backupId).code()).isEqualTo("2052");
        assertThat(platform.client.restoreVm(RestoreVmSpec.inPlace("vm-r", backupId)).code()).isEqualTo("2052");

        await(platform, "vm-r", "restoreVm");
        assertThat(platform.client.startVm("vm-r").code()).isEqualTo("0");
    }

    @Test
    void restoresIntoAnotherPoolNamedByThePrintedRepoldKey() {
        assertThat(code(platform.client.call("restoreVm", params("repold", "pool-prod")))).isEqualTo("0");

        assertThat(vm()).extracting(Vm::poolId, Vm::status).containsExactly("pool-prod", 9);
        assertThat(await(platform, "vm-r", "restoreVm")).containsEntry("result", "2016");
        assertThat(vm().hostId()).isIn("host-01", "host-02");
    }

    @Test
    void refusesAnotherPoolMadeToHaveNoRoomWith2002() {
        platform.simulator.setCapacityExhausted("pool-prod", true);

        assertThat(code(platform.client.call("restoreVm", params("repoId", "pool-prod")))).isEqualTo("2002");
        assertThat(vm()).extracting(Vm::poolId, Vm::status).containsExactly("pool-test", 0);
    }

    @Test
    void restoresIntoAnotherPoolNamedByTheRepoIdKey() {
        assertThat(code(platform.client.call("restoreVm", params("repoId", "pool-prod")))).isEqualTo("0");

        await(platform, "vm-r", "restoreVm");
        assertThat(vm().poolId()).isEqualTo("pool-prod");
    }

    @Test
    void restoresOntoAHostOfAnotherPoolThroughTheTypedSpec() {
        RestoreVmSpec spec = new RestoreVmSpec("vm-r", backupId, "pool-prod", "host-02", false);

        assertThat(platform.client.restoreVm(spec).code()).isEqualTo("0");

        await(platform, "vm-r", "restoreVm");
        assertThat(vm()).extracting(Vm::poolId, Vm::hostId).containsExactly("pool-prod", "host-02");
    }

    @Test
    void restoresOntoAHostAloneIntoThatHostsPool() {
        RestoreVmSpec spec = new RestoreVmSpec("vm-r", backupId, null, "host-01", false);

        assertThat(platform.client.restoreVm(spec).code()).isEqualTo("0");

        await(platform, "vm-r", "restoreVm");
        assertThat(vm()).extracting(Vm::poolId, Vm::hostId).containsExactly("pool-prod", "host-01");
    }

    @Test
    void refusesAVmNotStoppedWith2049() {
        platform.client.startVm("vm-r");
        platform.awaitStatus("vm-r", 1);

        assertThat(platform.client.restoreVm(RestoreVmSpec.inPlace("vm-r", backupId)).code()).isEqualTo("2049");
    }

    @Test
    void refusesAnUnknownVmWith2004AndAnUnknownBackupWith2057() {
        platform.createStopped("pool-test", "vm-other");

        assertThat(platform.client.restoreVm(RestoreVmSpec.inPlace("vm-none", backupId)).code()).isEqualTo("2004");
        assertThat(platform.client.restoreVm(RestoreVmSpec.inPlace("vm-r", "bk-none")).code()).isEqualTo("2057");
        assertThat(platform.client.restoreVm(RestoreVmSpec.inPlace("vm-other", backupId)).code()).isEqualTo("2057");
    }

    @Test
    void refusesAnUnknownPoolWith4020AndAWrongHostWith2046() {
        RestoreVmSpec unknownPool = new RestoreVmSpec("vm-r", backupId, "pool-none", null, false);
        RestoreVmSpec foreignHost = new RestoreVmSpec("vm-r", backupId, "pool-test", "host-01", false);
        RestoreVmSpec unknownHost = new RestoreVmSpec("vm-r", backupId, null, "host-none", false);

        assertThat(platform.client.restoreVm(unknownPool).code()).isEqualTo("4020");
        assertThat(platform.client.restoreVm(foreignHost).code()).isEqualTo("2046");
        assertThat(platform.client.restoreVm(unknownHost).code()).isEqualTo("2046");
        assertThat(vm()).extracting(Vm::poolId, Vm::busy).containsExactly("pool-test", false);
    }

    @Test
    void refusesAHostWithoutRoomWith2002() {
        platform.client.shutdownHost("host-01");
        Await.until("host-01 is down", () -> !platform.online("host-01"));

        RestoreVmSpec spec = new RestoreVmSpec("vm-r", backupId, "pool-prod", "host-01", false);

        assertThat(platform.client.restoreVm(spec).code()).isEqualTo("2002");
        assertThat(vm().poolId()).isEqualTo("pool-test");
    }

    @Test
    void refusesInvalidParametersWith2003() {
        Map<String, Object> noBackup = params("repoId", "pool-test");
        noBackup.remove("backUpNum");
        Map<String, Object> twoPools = params("repoId", "pool-test");
        twoPools.put("repold", "pool-prod");
        RestoreVmSpec verifyWithoutChecksum = new RestoreVmSpec("vm-r", backupId, null, null, true);

        assertThat(code(platform.client.call("restoreVm", noBackup))).isEqualTo("2003");
        assertThat(code(platform.client.call("restoreVm", twoPools))).isEqualTo("2003");
        assertThat(code(platform.client.call("restoreVm", Map.of("backUpNum", backupId)))).isEqualTo("2003");
        assertThat(platform.client.restoreVm(verifyWithoutChecksum).code()).isEqualTo("2003");
        assertThat(vm()).extracting(Vm::status, Vm::busy).containsExactly(0, false);
    }

    @Test
    void aFailingRestoreEndsIn2059AndLeavesTheVmWhereItWas() {
        Vm before = vm();
        platform.simulator.setOperationFailing("restoreVm", true);

        platform.client.call("restoreVm", params("repold", "pool-prod"));

        Map<String, Object> event = await(platform, "vm-r", "restoreVm");
        assertThat(event).containsEntry("result", "2059").containsEntry("status", "0");
        assertThat(vm()).extracting(Vm::poolId, Vm::hostId, Vm::status, Vm::busy)
                .containsExactly(before.poolId(), before.hostId(), 0, false);
    }

    /** The raw parameters of restoring vm-r from its backup, with the pool under {@code key}. */
    private Map<String, Object> params(String key, String pool) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmId", "vm-r");
        params.put("backUpNum", backupId);
        params.put(key, pool);
        return params;
    }

    private Vm vm() {
        return platform.simulator.vm("vm-r").orElseThrow();
    }
}

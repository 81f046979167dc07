package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.InstallVmSpec;
import io.vsip4x.sdk.model.VmSummary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** installVm over HTTP: a VM installed from an image, queued like createVm (catalog A06, A08, A09). */
class InstallVmTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform(s -> s.withMethodDelay("installVm", Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private static InstallVmSpec centos(String vmId) {
        return InstallVmSpec.of(vmId, "pool-prod", "iso-centos7", 2, 4 * GIB, 20 * GIB, "vnet-office");
    }

    /** The parameters of {@link #centos} with {@code key} of buildParams set to {@code value}, or removed when null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> centosWith(String vmId, String key, Object value) {
        Map<String, Object> params = centos(vmId).toParams();
        Map<String, Object> build = new LinkedHashMap<>((Map<String, Object>) params.get("buildParams"));
        if (value == null) {
            build.remove(key);
        } else {
            build.put(key, value);
        }
        return Map.of("buildParams", build);
    }

    private String code(Map<String, Object> params) {
        return String.valueOf(((Map<?, ?>) platform.client.call("installVm", params)).get("result"));
    }

    @Test
    void installsAVmThroughStatus6ToStoppedWithItsCallbacks() {
        InstallVmSpec spec = new InstallVmSpec("vm-i", "pool-prod", "CentOS-7-x86_64-DVD-2009.iso", 4, 8 * GIB,
                16 * GIB, null, null, "Vnc#1234", true,
                List.of(new InstallVmSpec.Disk("vda", 40 * GIB), new InstallVmSpec.Disk("vdb", 10 * GIB)),
                List.of(new InstallVmSpec.Nic("vnet-dmz", "172.16.10.50", null)), "aes");

        SdkResult accepted = platform.client.installVm(spec);

        assertThat(accepted.ok()).isTrue();
        List<Map<String, Object>> events = platform.awaitEvents("vm-i", 2);
        assertThat(events.get(0)).containsEntry("operation", "installVm").containsEntry("result", "0")
                .containsEntry("status", "6");
        assertThat(events.get(1)).containsEntry("operation", "installVm").containsEntry("result", "0")
                .containsEntry("status", "0");
        VmSummary vm = platform.client.searchVmList(Map.of("vmId", "vm-i")).get(0);
        assertThat(vm.status()).isZero();
        assertThat(vm.repoName()).isEqualTo("pool-prod");
        assertThat(vm.cpu()).isEqualTo(4);
        assertThat(vm.memoryBytes()).isEqualTo(8 * GIB);
        assertThat(vm.diskBytes()).isEqualTo(50 * GIB);
        assertThat(vm.raw()).containsEntry("vmOSType", "CentOS 7").containsEntry("osFamily", "Linux")
                .containsEntry("vmOSBits", "64").containsEntry("vncPassword", "Vnc#1234")
                .containsEntry("vm.memory.maxmem", 16 * GIB);
        assertThat(platform.simulator.vm("vm-i")).get().matches(v -> "aes".equals(v.encryption()));
        assertThat(platform.client.startVm("vm-i").ok()).isTrue();
        platform.awaitStatus("vm-i", 1);
    }

    @Test
    void showsStatus6UntilTheInstallationEnds() {
        platform.client.installVm(centos("vm-s"));

        assertThat(platform.client.resynVm("vm-s").get("status")).isEqualTo("6");
        platform.awaitStatus("vm-s", 0);
    }

    @Test
    void readsThePoolAsRepoldAndTheOsTypeUnderTheEmptyKey() {
        Map<String, Object> typo = centosWith("vm-typo", "repoId", null);
        typo = withBuild(typo, "repold", "pool-prod");
        typo = withBuild(typo, "", "CentOS 7 minimal");

        assertThat(code(typo)).isEqualTo("0");

        platform.awaitStatus("vm-typo", 0);
        VmSummary vm = platform.client.searchVmList(Map.of("vmId", "vm-typo")).get(0);
        assertThat(vm.repoName()).isEqualTo("pool-prod");
        assertThat(vm.raw()).containsEntry("vmOSType", "CentOS 7 minimal");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withBuild(Map<String, Object> params, String key, Object value) {
        Map<String, Object> build = new LinkedHashMap<>((Map<String, Object>) params.get("buildParams"));
        build.put(key, value);
        return Map.of("buildParams", build);
    }

    @Test
    void refusesAnUnknownImageOrOneOfAnotherPoolWith2062() {
        assertThat(platform.client.installVm(InstallVmSpec.of("vm-x", "pool-prod", "iso-none", 2, 4 * GIB,
                20 * GIB, null)).code()).isEqualTo("2062");
        assertThat(platform.client.installVm(InstallVmSpec.of("vm-x", "pool-prod", "iso-kylin10", 2, 4 * GIB,
                20 * GIB, null)).code()).isEqualTo("2062");
        assertThat(platform.simulator.vm("vm-x")).isEmpty();
    }

    @Test
    void refusesAnUnknownPoolWith4020AndATakenIdWith2001() {
        platform.createStopped("pool-prod", "vm-taken");

        assertThat(platform.client.installVm(InstallVmSpec.of("vm-x", "pool-none", "iso-centos7", 2, 4 * GIB,
                20 * GIB, null)).code()).isEqualTo("4020");
        assertThat(platform.client.installVm(centos("vm-taken")).code()).isEqualTo("2001");
    }

    @Test
    void refusesParametersBreakingCreateVmsLimitsWith2003() {
        assertThat(code(centosWith("vm-x", "cpuNum", "17"))).isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "memMin", String.valueOf(GIB + 1)))).isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "memMax", String.valueOf(2 * GIB)))).isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "vdisks", List.of()))).isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "vdisks", List.of(Map.of("vdiskSize", "1000"))))).isEqualTo("2003");
        Map<String, Object> twoTebibytes = Map.of("vdiskSize", String.valueOf(2048 * GIB));
        assertThat(code(centosWith("vm-x", "vdisks", List.of(twoTebibytes, twoTebibytes)))).as("4 TiB in all")
                .isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "installSrc", null))).isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "osBits", "16"))).isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "vnics", List.of(Map.of("vnicBridge", "vnet-none"))))).isEqualTo("2003");
        assertThat(code(centosWith("vm-x", "vmEncrypt", "true"))).isEqualTo("2003");
        // The parameters belong under buildParams (catalog A09).
        assertThat(code(Map.of("vmId", "vm-x", "repoId", "pool-prod"))).isEqualTo("2003");
        assertThat(platform.simulator.vms()).isEmpty();
    }

    @Test
    void refusesAPoolWithoutRoomWith2002() {
        platform.simulator.setCapacityExhausted("pool-prod", true);

        assertThat(platform.client.installVm(centos("vm-x")).code()).isEqualTo("2002");
        // A data disk takes the test pool's 4 TiB of storage, so not even one more disk fits.
        assertThat(platform.client.createDataDisk(new CreateDataDiskSpec("disk-all", 4L << 40, "alice", null,
                "pool-test")).code()).isEqualTo("0");
        InstallVmSpec.Disk small = new InstallVmSpec.Disk("vd", 40 * GIB);
        InstallVmSpec noRoom = new InstallVmSpec("vm-y", "pool-test", "iso-kylin10", 2, 4 * GIB, null, null, null,
                null, false, List.of(small), List.of(), null);
        assertThat(platform.client.installVm(noRoom).code()).isEqualTo("2002");
        assertThat(platform.simulator.vms()).isEmpty();
    }

    @Test
    void removesTheVmWith2000WhenTheInstallationIsMadeToFail() {
        platform.simulator.setOperationFailing("installVm", true);

        assertThat(platform.client.installVm(centos("vm-f")).ok()).isTrue();

        assertThat(platform.awaitEvents("vm-f", 2).get(1)).containsEntry("result", "2000")
                .containsEntry("status", null);
        assertThat(platform.simulator.vm("vm-f")).isEmpty();
    }
}

package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** setVmAttributes over HTTP: attributes set on VMs by name, all or none, shown by searchVmList. */
class VmAttributesTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        platform.createStopped("pool-test", "vm-a", "vm-b");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private Map<String, Object> row(String vmId) {
        return platform.client.searchVmList(Map.of("vmId", vmId)).get(0).raw();
    }

    @Test
    void setsTheClassificationOfSeveralVmsShownBySearchVmList() {
        assertThat(row("vm-a")).containsEntry("vm.classification", 0);

        assertThat(platform.client.setVmAttributes(List.of("vm-a", "vm-b"), "vm.classification", 2).ok()).isTrue();

        assertThat(platform.client.searchVmList(Map.of())).extracting(VmSummary::raw)
                .allSatisfy(raw -> assertThat(raw).containsEntry("vm.classification", 2));
    }

    @Test
    void setsMaximaAndUsbAsStringsOrNumbers() {
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.vcpu.max", "8").ok()).isTrue();
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.memory.maxmem", 16 * GIB).ok()).isTrue();
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), " usbEnable ", false).ok()).isTrue();

        assertThat(row("vm-a")).containsEntry("vm.vcpu.max", 8).containsEntry("vm.memory.maxmem", 16 * GIB)
                .containsEntry("usbEnable", "false");
        assertThat(row("vm-b")).containsEntry("usbEnable", "true").doesNotContainKey("vm.vcpu.max");
    }

    @Test
    void refusesAnUnknownVmWith2004AndChangesNone() {
        assertThat(platform.client.setVmAttributes(List.of("vm-a", "vm-none"), "vm.classification", 3).code())
                .isEqualTo("2004");

        assertThat(row("vm-a")).containsEntry("vm.classification", 0);
    }

    @Test
    void refusesUnknownAttributesAndValuesOutOfRangeWith2003() {
        assertThat(platform.client.setVmAttributes(List.of(), "vm.classification", 1).code()).isEqualTo("2003");
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.color", "red").code()).isEqualTo("2003");
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.classification", -1).code())
                .isEqualTo("2003");
        // vm-a has 2 vCPUs and 4 GiB: a maximum below them, or memory not in 512 MiB steps, is refused.
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.vcpu.max", 1).code()).isEqualTo("2003");
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.vcpu.max", 17).code()).isEqualTo("2003");
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.memory.maxmem", 2 * GIB).code())
                .isEqualTo("2003");
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.memory.maxmem", 8 * GIB + 1).code())
                .isEqualTo("2003");
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "usbEnable", "maybe").code())
                .isEqualTo("2003");
        assertThat(platform.client.setVmAttributes(List.of("vm-a"), "vm.classification", List.of(1)).code())
                .isEqualTo("2003");

        assertThat(row("vm-a")).doesNotContainKeys("vm.vcpu.max", "vm.memory.maxmem")
                .containsEntry("vm.classification", 0).containsEntry("usbEnable", "true");
    }

    @Test
    void forgetsTheAttributesOfADeletedVm() {
        platform.client.setVmAttributes(List.of("vm-a"), "vm.classification", 2);
        platform.client.deleteVm("vm-a", false);
        Await.until("vm-a is deleted", () -> platform.simulator.vm("vm-a").isEmpty());

        platform.createStopped("pool-test", "vm-a");

        assertThat(row("vm-a")).containsEntry("vm.classification", 0);
    }
}

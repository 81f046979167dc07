package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.BuildTemplateSpec;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.InstallVmSpec;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.simulator.state.StateFile;
import io.vsip4x.simulator.state.Vm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built templates, VM attributes, new hosts and installed VMs outlive the simulator. */
class PlacementPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void keepsBuiltTemplatesAttributesPlacementsAndInstalledVmsAcrossARestart() {
        Path file = dir.resolve("sim.json");
        String target;
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-test", "vm-p");
            first.client.setVmAttributes(List.of("vm-p"), "vm.classification", 2);
            assertThat(first.client.buildTemplate("vm-p", new BuildTemplateSpec("aes", true)).ok()).isTrue();
            target = "host-03".equals(first.simulator.vm("vm-p").map(Vm::hostId).orElseThrow()) ? "host-04" : "host-03";
            first.client.migrateVm("vm-p", target);
            first.client.installVm(InstallVmSpec.of("vm-i", "pool-prod", "iso-centos7", 2, 4 * GIB, 20 * GIB, null));
            first.awaitEvents("vm-p", 3);
            first.awaitStatus("vm-i", 0);
        }

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            TemplateInfo template = second.client.searchTemplateList(Map.of("templateId", "tpl-vm-p")).get(0);
            assertThat(template.classification()).isEqualTo(2);
            assertThat(template.raw()).containsEntry("encrypt_fmt", "aes").containsEntry("chksum", "true");
            VmSummary moved = second.client.searchVmList(Map.of("vmId", "vm-p")).get(0);
            assertThat(moved.hostId()).isEqualTo(target);
            assertThat(moved.raw()).containsEntry("vm.classification", 2);
            assertThat(second.client.searchVmList(Map.of("vmId", "vm-i")).get(0).raw())
                    .containsEntry("vmOSType", "CentOS 7");

            CreateVmSpec fromTemplate = new CreateVmSpec("tpl-vm-p", "pool-test", 2, 4 * GIB, 40 * GIB, null,
                    List.of("vm-copy"));
            assertThat(second.client.createVm(fromTemplate).ok()).isTrue();
            second.awaitStatus("vm-copy", 0);
        }
    }

    @Test
    void finishesAMigrationFoundInFlightOnLoad() {
        Path file = dir.resolve("sim.json");
        String target;
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file)
                .withMethodDelay("migrateVm", Duration.ofMillis(800)))) {
            first.createStopped("pool-test", "vm-f");
            target = "host-03".equals(first.simulator.vm("vm-f").map(Vm::hostId).orElseThrow()) ? "host-04" : "host-03";
            assertThat(first.client.migrateVm("vm-f", target).ok()).isTrue();
        }
        assertThat(new StateFile(file).load().orElseThrow().vms().get(0)).extracting(Vm::status).isEqualTo(7);

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            second.awaitStatus("vm-f", 0);
            assertThat(second.simulator.vm("vm-f")).get().extracting(Vm::hostId).isEqualTo(target);
        }
    }
}

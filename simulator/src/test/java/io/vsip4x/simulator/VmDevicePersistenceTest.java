package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.CdromInfo;
import io.vsip4x.sdk.model.VnicInfo;
import io.vsip4x.sdk.model.VnicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NICs, CD-ROM drives and mounted images in the state file, across simulator restarts. */
class VmDevicePersistenceTest {

    @TempDir
    Path dir;

    @Test
    void keepsNicsDrivesAndImagesAcrossARestart() {
        Path file = dir.resolve("sim.json");
        VnicSpec nic = VnicSpec.fixed("vnet-dmz", "172.16.10.99", "255.255.255.0", "172.16.10.1", "172.16.10.2");
        String drive;
        List<VnicInfo> nicsBefore;
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-prod", "vm-a");
            first.client.addVmNetwork("vm-a", nic);
            first.client.vmAddVirtualCdrom("vm-a");
            first.client.vmAddVirtualCdrom("vm-a");
            drive = first.client.vmMountImage("vm-a", "iso-centos7").cdImageId();
            nicsBefore = first.client.getVmVnics("vm-a").devices();
        }

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(second.client.getVmVnics("vm-a").devices()).isEqualTo(nicsBefore);
            List<CdromInfo> drives = CdromInfo.of(second.client.getVmVdisks("vm-a").devices());
            assertThat(drives).hasSize(2);
            assertThat(drives.get(0).id()).isEqualTo(drive);
            assertThat(drives.get(0).image()).isEqualTo("CentOS-7-x86_64-DVD-2009.iso");
            assertThat(drives.get(1).loaded()).isFalse();
            assertThat(second.client.vmUnmountImage("vm-a", drive).code()).isEqualTo("0");
        }
    }

    @Test
    void keepsAPendingDriveUntilTheBootAfterARestart() {
        Path file = dir.resolve("sim.json");
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-prod", "vm-a");
            first.client.startVm("vm-a");
            first.awaitStatus("vm-a", 1);
            first.client.vmAddVirtualCdrom("vm-a");
        }

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(CdromInfo.of(second.client.getVmVdisks("vm-a").devices())).isEmpty();
            second.client.rebootVm("vm-a");
            second.awaitStatus("vm-a", 1);
            assertThat(CdromInfo.of(second.client.getVmVdisks("vm-a").devices())).hasSize(1);
        }
    }

    @Test
    void loadsAStateFileWrittenBeforeDrivesExisted() throws IOException {
        Path file = dir.resolve("sim.json");
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-prod", "vm-a");
            first.client.vmAddVirtualCdrom("vm-a");
        }
        String old = Files.readString(file).replaceAll(",\\s*\"cdroms\"\\s*:\\s*\\[[^\\]]*\\]", "");
        assertThat(old).doesNotContain("cdroms").contains("vm-a");
        Files.writeString(file, old);

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(CdromInfo.of(second.client.getVmVdisks("vm-a").devices())).isEmpty();
            assertThat(second.client.vmAddVirtualCdrom("vm-a").code()).isEqualTo("0");
        }
    }
}

package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.CdromInfo;
import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.ImageMount;
import io.vsip4x.sdk.model.VdiskInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A VM's disks and CD-ROM drives over HTTP: {@code getVmVdisks}, {@code vmAddVirtualCdrom},
 * {@code vmMountImage}, {@code vmUnmountImage}.
 */
class VmCdromTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        platform.createStopped("pool-prod", "vm-a");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void listsTheSystemDiskAndTheMountedDataDisks() {
        platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", 3 * GIB, "alice"));
        platform.client.createDataDisk(CreateDataDiskSpec.of("disk-b", GIB, "alice"));
        platform.client.mountDataDisk("vm-a", "disk-a");

        List<VdiskInfo> disks = disks("vm-a");

        assertThat(disks).hasSize(2).allMatch(disk -> "disk".equals(disk.device()));
        assertThat(disks.get(0).sizeBytes()).isEqualTo(40 * GIB);
        assertThat(disks.get(1).id()).isEqualTo("disk-a");
        assertThat(disks.get(1).sizeBytes()).isEqualTo(3 * GIB);
        assertThat(disks.get(1).location()).isEqualTo("/pool-prod/datadisk/disk-a");
        assertThat(disks.get(0).raw()).containsKeys("vdisk.id", "vdisk.name", "vdisk.device", "vdisk.driver",
                "vdisk.location", "vdisk.size");

        platform.client.umountDataDisk("vm-a", "disk-a");
        assertThat(disks("vm-a")).hasSize(1);
    }

    @Test
    void addsUpToFourDrivesToAStoppedVmAndRefusesTheFifthWith2068() {
        for (int i = 0; i < 4; i++) {
            assertThat(platform.client.vmAddVirtualCdrom("vm-a").code()).isEqualTo("0");
        }

        assertThat(platform.client.vmAddVirtualCdrom("vm-a").code()).isEqualTo("2068");
        List<CdromInfo> drives = CdromInfo.of(disks("vm-a"));
        assertThat(drives).hasSize(4).noneMatch(CdromInfo::loaded);
        assertThat(drives).extracting(CdromInfo::id).doesNotHaveDuplicates();
    }

    @Test
    void showsADriveAddedToARunningVmOnlyAfterItsReboot() {
        running("vm-a");

        assertThat(platform.client.vmAddVirtualCdrom("vm-a").code()).isEqualTo("0");
        assertThat(CdromInfo.of(disks("vm-a"))).isEmpty();
        assertThat(platform.client.vmMountImage("vm-a", "iso-centos7").code()).isEqualTo("2070");

        platform.client.rebootVm("vm-a");
        platform.awaitStatus("vm-a", 1);
        assertThat(CdromInfo.of(disks("vm-a"))).hasSize(1);
    }

    @Test
    void mountsAnImageAtOnceIntoAnEmptyDriveAndAnswersItsId() {
        platform.client.vmAddVirtualCdrom("vm-a");
        running("vm-a");
        ImageInfo image = platform.client.searchInstallImages(null).stream()
                .filter(i -> "iso-centos7".equals(i.id())).findFirst().orElseThrow();

        ImageMount mount = platform.client.vmMountImage("vm-a", image.id());

        assertThat(mount.code()).isEqualTo("0");
        CdromInfo drive = CdromInfo.of(disks("vm-a")).get(0);
        assertThat(mount.cdImageId()).isEqualTo(drive.id());
        assertThat(drive.image()).isEqualTo(image.name());
        ImageMount noneFree = platform.client.vmMountImage("vm-a", image.id());
        assertThat(noneFree.code()).isEqualTo("2070");
        assertThat(noneFree.cdImageId()).isNull();
    }

    @Test
    void ejectsFromARunningVmAtItsNextBootAndFromAStoppedVmAtOnce() {
        platform.client.vmAddVirtualCdrom("vm-a");
        String drive = platform.client.vmMountImage("vm-a", "iso-centos7").cdImageId();
        running("vm-a");

        assertThat(platform.client.vmUnmountImage("vm-a", drive).code()).isEqualTo("0");
        assertThat(CdromInfo.of(disks("vm-a")).get(0).loaded()).isTrue();
        assertThat(platform.client.vmUnmountImage("vm-a", drive).code()).isEqualTo("2071");

        platform.client.rebootVm("vm-a");
        platform.awaitStatus("vm-a", 1);
        assertThat(CdromInfo.of(disks("vm-a")).get(0).loaded()).isFalse();

        platform.client.vmMountImage("vm-a", "iso-centos7");
        platform.client.shutdownVm("vm-a");
        platform.awaitStatus("vm-a", 0);
        assertThat(platform.client.vmUnmountImage("vm-a", drive).code()).isEqualTo("0");
        assertThat(CdromInfo.of(disks("vm-a")).get(0).loaded()).isFalse();
    }

    @Test
    void refusesUnknownImagesWith2062AndImagesOfAnotherPoolWith2003() {
        platform.client.vmAddVirtualCdrom("vm-a");

        assertThat(platform.client.vmMountImage("vm-a", "iso-none").code()).isEqualTo("2062");
        // iso-kylin10 lies in pool-test; vm-a is in pool-prod.
        assertThat(platform.client.vmMountImage("vm-a", "iso-kylin10").code()).isEqualTo("2003");
        assertThat(CdromInfo.of(disks("vm-a"))).singleElement().extracting(CdromInfo::loaded).isEqualTo(false);
    }

    @Test
    void refusesMountingWithoutADriveWith2070AndUnmountingAnUnknownDriveWith2071() {
        assertThat(platform.client.vmMountImage("vm-a", "iso-centos7").code()).isEqualTo("2070");

        platform.client.vmAddVirtualCdrom("vm-a");
        String drive = CdromInfo.of(disks("vm-a")).get(0).id();
        assertThat(platform.client.vmUnmountImage("vm-a", "no-drive").code()).isEqualTo("2071");
        assertThat(platform.client.vmUnmountImage("vm-a", drive).code()).isEqualTo("2071");
    }

    @Test
    void refusesAnUnknownVmWith2004() {
        assertThat(platform.client.vmAddVirtualCdrom("no-vm").code()).isEqualTo("2004");
        assertThat(platform.client.vmMountImage("no-vm", "iso-centos7").code()).isEqualTo("2004");
        assertThat(platform.client.vmUnmountImage("no-vm", "no-vm-cdrom1").code()).isEqualTo("2004");
        DeviceList<VdiskInfo> unknown = platform.client.getVmVdisks("no-vm");
        assertThat(unknown.code()).isEqualTo("2004");
        assertThat(unknown.devices()).isEmpty();
    }

    @Test
    void refusesDriveChangesWhileAnOperationIsInFlightWith2052() {
        try (TestPlatform slow = new TestPlatform(s -> s.withPowerDelay(Duration.ofSeconds(2)))) {
            slow.createStopped("pool-prod", "vm-s");
            slow.client.vmAddVirtualCdrom("vm-s");
            slow.client.startVm("vm-s");

            assertThat(slow.client.vmAddVirtualCdrom("vm-s").code()).isEqualTo("2052");
            assertThat(slow.client.vmMountImage("vm-s", "iso-centos7").code()).isEqualTo("2052");

            slow.awaitStatus("vm-s", 1);
            assertThat(CdromInfo.of(slow.client.getVmVdisks("vm-s").devices())).singleElement()
                    .extracting(CdromInfo::loaded).isEqualTo(false);
        }
    }

    private void running(String vmId) {
        platform.client.startVm(vmId);
        platform.awaitStatus(vmId, 1);
    }

    private List<VdiskInfo> disks(String vmId) {
        DeviceList<VdiskInfo> answer = platform.client.getVmVdisks(vmId);
        assertThat(answer.ok()).isTrue();
        return answer.devices();
    }
}

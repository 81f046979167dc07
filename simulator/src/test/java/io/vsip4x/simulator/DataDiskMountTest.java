package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.DataDiskInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mounting and unmounting data disks over HTTP, and data disks in the state file. */
class DataDiskMountTest {

    @TempDir
    Path dir;

    @Test
    void mountsADiskOnAVmOfItsPoolAndUnmountsIt() {
        try (TestPlatform platform = new TestPlatform()) {
            platform.createStopped("pool-prod", "vm-a");
            platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", GIB, "alice"));

            assertThat(platform.client.mountDataDisk("vm-a", "disk-a").code()).isEqualTo("0");
            assertThat(disk(platform, "disk-a").vmId()).isEqualTo("vm-a");

            assertThat(platform.client.umountDataDisk("vm-a", "disk-a").code()).isEqualTo("0");
            assertThat(disk(platform, "disk-a").mounted()).isFalse();
        }
    }

    @Test
    void refusesUnknownVmsAndDisksAndADiskOfAnotherPool() {
        try (TestPlatform platform = new TestPlatform()) {
            platform.createStopped("pool-test", "vm-t");
            platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", GIB, "alice"));

            assertThat(platform.client.mountDataDisk("no-vm", "disk-a").code()).isEqualTo("2004");
            assertThat(platform.client.mountDataDisk("vm-t", "no-disk").code()).isEqualTo("2055");
            // disk-a is in the first pool, pool-prod; vm-t is in pool-test.
            assertThat(platform.client.mountDataDisk("vm-t", "disk-a").code()).isEqualTo("2003");
            assertThat(platform.client.umountDataDisk("no-vm", "disk-a").code()).isEqualTo("2004");
            assertThat(platform.client.umountDataDisk("vm-t", "no-disk").code()).isEqualTo("2055");
            assertThat(disk(platform, "disk-a").mounted()).isFalse();
        }
    }

    @Test
    void refusesMountingTwiceUnmountingElsewhereAndDeletingWhileMounted() {
        try (TestPlatform platform = new TestPlatform()) {
            platform.createStopped("pool-prod", "vm-a", "vm-b");
            platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", GIB, "alice"));
            platform.client.mountDataDisk("vm-a", "disk-a");

            assertThat(platform.client.mountDataDisk("vm-b", "disk-a").code()).isEqualTo("2054");
            assertThat(platform.client.umountDataDisk("vm-b", "disk-a").code()).isEqualTo("2055");
            assertThat(platform.client.deleteDataDisk("disk-a").code()).isEqualTo("2052");
            assertThat(disk(platform, "disk-a").vmId()).isEqualTo("vm-a");
        }
    }

    @Test
    void refusesMountingOnAVmWithAnOperationInFlightWith2052() {
        try (TestPlatform platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofSeconds(2)))) {
            platform.createStopped("pool-prod", "vm-a");
            platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", GIB, "alice"));
            platform.client.startVm("vm-a");

            assertThat(platform.client.mountDataDisk("vm-a", "disk-a").code()).isEqualTo("2052");

            platform.awaitStatus("vm-a", 1);
            assertThat(platform.client.mountDataDisk("vm-a", "disk-a").code()).isEqualTo("0");
            platform.client.pauseVm("vm-a");
            platform.awaitStatus("vm-a", 4);
            assertThat(platform.client.umountDataDisk("vm-a", "disk-a").code()).isEqualTo("2052");
        }
    }

    @Test
    void keepsDataDisksInTheStateFileAndLoadsFilesWrittenBeforeThem() throws IOException {
        Path file = dir.resolve("sim.json");
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-prod", "vm-a");
            first.client.createDataDisk(CreateDataDiskSpec.of("disk-a", 3 * GIB, "alice"));
            first.client.mountDataDisk("vm-a", "disk-a");
        }
        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            DataDiskInfo disk = disk(second, "disk-a");
            assertThat(disk.sizeBytes()).isEqualTo(3 * GIB);
            assertThat(disk.vmId()).isEqualTo("vm-a");
        }

        String old = Files.readString(file).replaceAll(",\\s*\"dataDisks\"\\s*:\\s*\\[[^\\]]*\\]", "");
        assertThat(old).doesNotContain("dataDisks").contains("vm-a");
        Files.writeString(file, old);
        try (TestPlatform third = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(third.client.getDataDisks(null)).isEmpty();
            assertThat(third.simulator.vm("vm-a")).isPresent();
        }
    }

    private static DataDiskInfo disk(TestPlatform platform, String name) {
        List<DataDiskInfo> disks = platform.client.getDataDisks(List.of(name));
        assertThat(disks).hasSize(1);
        return disks.get(0);
    }
}

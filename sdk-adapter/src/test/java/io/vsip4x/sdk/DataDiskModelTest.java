package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.DataDiskInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's reading and writing of the data-disk maps. */
class DataDiskModelTest {

    @Test
    void readsTheSpacedVdiskKeysOfGetDataDisks() {
        Map<String, Object> row = SdkMaps.trimKeys(Map.of(" vdisk.name", "d1", " vdisk.size", "2147483648",
                " vdisk.vm", "", " vdisk.username", "alice", " vdisk.device", "disk"));

        DataDiskInfo disk = DataDiskInfo.from(row);

        assertThat(disk.name()).isEqualTo("d1");
        assertThat(disk.sizeBytes()).isEqualTo(2L << 30);
        assertThat(disk.userName()).isEqualTo("alice");
        assertThat(disk.mounted()).isFalse();
        assertThat(DataDiskInfo.from(Map.of("vdisk.vm", "vm-1")).mounted()).isTrue();
    }

    @Test
    void sendsSizesAsStringsAndLeavesOutUnsetOptions() {
        Map<String, Object> params = CreateDataDiskSpec.of("d1", 1L << 30, "alice").toParams();

        assertThat(params).containsExactly(Map.entry("diskId", "d1"), Map.entry("diskSize", "1073741824"),
                Map.entry("userName", "alice"));
        assertThat(new CreateDataDiskSpec("d1", 1L << 30, "alice", "tpl", "pool-test").toParams())
                .containsEntry("templateId", "tpl").containsEntry("parentPath", "pool-test");
    }
}

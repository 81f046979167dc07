package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.DataDiskInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating, listing, extending and deleting data disks over HTTP, against the pools' free storage. */
class DataDiskTest {

    private static final long TIB = 1L << 40;

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void createsADataDiskInTheFirstPoolFromItsFreeStorage() {
        long before = platform.client.checkDataDiskSpace();

        SdkResult created = platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", 10 * GIB, "alice"));

        assertThat(created.code()).isEqualTo("0");
        assertThat(before).isEqualTo(40 * TIB);
        assertThat(platform.client.checkDataDiskSpace()).isEqualTo(before - 10 * GIB);
        DataDiskInfo disk = platform.client.getDataDisks(null).get(0);
        assertThat(disk.name()).isEqualTo("disk-a");
        assertThat(disk.sizeBytes()).isEqualTo(10 * GIB);
        assertThat(disk.userName()).isEqualTo("alice");
        assertThat(disk.device()).isEqualTo("disk");
        assertThat(disk.location()).isEqualTo("/pool-prod/datadisk/disk-a");
        assertThat(disk.mounted()).isFalse();
        assertThat(platform.client.getRepositoryInfo("pool-prod")).get()
                .extracting(pool -> pool.freeBytes()).isEqualTo(before - 10 * GIB);
    }

    @Test
    void listsOnlyTheNamedDisksAndNoTemplates() {
        platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", GIB, "alice"));
        platform.client.createDataDisk(CreateDataDiskSpec.of("disk-b", GIB, "bob"));

        assertThat(platform.client.getDataDisks(List.of("disk-b"))).extracting(DataDiskInfo::name)
                .containsExactly("disk-b");
        assertThat(platform.client.getDataDisks(null)).extracting(DataDiskInfo::name)
                .containsExactly("disk-a", "disk-b");
        assertThat(castMap(platform.client.call("getDataDisks", Map.of("template", "true"))))
                .containsEntry("result", "0").containsEntry("data", List.of());
    }

    @Test
    void refusesAMissingOwnerOrASizeNotInWholeGibibytesWith2003() {
        Map<String, Object> noOwner = new LinkedHashMap<>(CreateDataDiskSpec.of("d", GIB, "x").toParams());
        noOwner.remove("userName");

        assertThat(code(platform.client.call("createDataDisk", noOwner))).isEqualTo("2003");
        assertThat(platform.client.createDataDisk(CreateDataDiskSpec.of("d", GIB + 1, "x")).code())
                .isEqualTo("2003");
        assertThat(platform.client.createDataDisk(CreateDataDiskSpec.of("d", 0, "x")).code()).isEqualTo("2003");
        assertThat(platform.client.getDataDisks(null)).isEmpty();
    }

    @Test
    void refusesATakenNameWith2054() {
        platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", GIB, "alice"));

        SdkResult again = platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", 2 * GIB, "bob"));

        assertThat(again.code()).isEqualTo("2054");
        assertThat(platform.client.getDataDisks(null)).singleElement()
                .extracting(DataDiskInfo::userName).isEqualTo("alice");
    }

    @Test
    void refusesADiskBeyondThePoolsFreeStorageWith2002AndAnUnknownPoolWith4020() {
        SdkResult tooBig = platform.client.createDataDisk(
                new CreateDataDiskSpec("disk-big", 5 * TIB, "alice", null, "pool-test"));
        SdkResult unknown = platform.client.createDataDisk(
                new CreateDataDiskSpec("disk-x", GIB, "alice", null, "no-such-pool"));
        SdkResult byName = platform.client.createDataDisk(
                new CreateDataDiskSpec("disk-t", 4 * TIB, "alice", null, "测试资源池"));

        assertThat(tooBig.code()).isEqualTo("2002");
        assertThat(unknown.code()).isEqualTo("4020");
        assertThat(byName.code()).isEqualTo("0");
        // The whole test pool is now taken, so no VM disk fits there any more.
        assertThat(platform.client.createVm(TestPlatform.spec("pool-test", "vm-none")).code()).isNotEqualTo("0");
    }

    @Test
    void refusesADiskInAPoolMadeToHaveNoRoomWith2002() {
        platform.simulator.setCapacityExhausted("pool-test", true);

        SdkResult refused = platform.client.createDataDisk(
                new CreateDataDiskSpec("disk-full", GIB, "alice", null, "pool-test"));

        assertThat(refused.code()).isEqualTo("2002");
        assertThat(platform.client.getDataDisks(null)).isEmpty();
    }

    @Test
    void extendsADiskByAnIncrementWithinTheFreeStorage() {
        platform.client.createDataDisk(new CreateDataDiskSpec("disk-a", GIB, "alice", null, "pool-test"));

        assertThat(platform.client.extendDataDisk("disk-a", 2 * GIB).code()).isEqualTo("0");
        assertThat(platform.client.getDataDisks(List.of("disk-a")).get(0).sizeBytes()).isEqualTo(3 * GIB);

        assertThat(platform.client.extendDataDisk("disk-a", GIB / 2).code()).isEqualTo("2003");
        assertThat(platform.client.extendDataDisk("disk-a", -GIB).code()).isEqualTo("2003");
        assertThat(platform.client.extendDataDisk("disk-a", 4 * TIB).code()).isEqualTo("2002");
        assertThat(platform.client.extendDataDisk("no-disk", GIB).code()).isEqualTo("2055");
        assertThat(platform.client.getDataDisks(List.of("disk-a")).get(0).sizeBytes()).isEqualTo(3 * GIB);
    }

    @Test
    void deletesADiskAndFreesItsStorage() {
        long before = platform.client.checkDataDiskSpace();
        platform.client.createDataDisk(CreateDataDiskSpec.of("disk-a", 5 * GIB, "alice"));

        assertThat(platform.client.deleteDataDisk("disk-a").code()).isEqualTo("0");

        assertThat(platform.client.getDataDisks(null)).isEmpty();
        assertThat(platform.client.checkDataDiskSpace()).isEqualTo(before);
        assertThat(platform.client.deleteDataDisk("disk-a").code()).isEqualTo("2055");
    }

    private static String code(Object answer) {
        return String.valueOf(castMap(answer).get("result"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object answer) {
        return (Map<String, Object>) answer;
    }
}

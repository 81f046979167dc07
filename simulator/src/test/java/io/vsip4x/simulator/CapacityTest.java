package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.Remainder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getCreateRemainder and createVm count the room the pool's hosts have left. */
class CapacityTest {

    private static final long GIB = TestPlatform.GIB;
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
    void reportsRoomOfTheSmallPool() {
        // pool-test: 2 hosts x 16 vCPU x 32 GiB; a 2 vCPU / 4 GiB VM fits 8 times per host.
        Remainder sixteen = remainder("pool-test", 16);
        Remainder seventeen = remainder("pool-test", 17);

        assertThat(sixteen.satisfied()).isTrue();
        assertThat(sixteen.availableNum()).isEqualTo(16);
        assertThat(seventeen.satisfied()).isFalse();
        assertThat(seventeen.availableNum()).isEqualTo(16);
        assertThat(seventeen.result().code()).isEqualTo("0");
    }

    @Test
    void reportsRoomOfTheLargePool() {
        // pool-prod: 2 hosts x 64 vCPU x 256 GiB; vCPUs bound first: 32 per host.
        assertThat(remainder("pool-prod", 64).satisfied()).isTrue();
        assertThat(remainder("pool-prod", 1).availableNum()).isEqualTo(64);
    }

    @Test
    void scaledHostsHoldMoreVms() {
        // --host-scale=4: pool-test's hosts have 64 vCPU and 128 GiB each, room for 32 such VMs per host.
        platform.close();
        platform = new TestPlatform(settings -> settings.withHostScale(4));

        assertThat(remainder("pool-test", 64).satisfied()).isTrue();
        assertThat(remainder("pool-test", 65).availableNum()).isEqualTo(64);
    }

    @Test
    void countsExistingVmsAgainstTheRoom() {
        platform.createStopped("pool-test", "vm-1", "vm-2", "vm-3");

        assertThat(remainder("pool-test", 1).availableNum()).isEqualTo(13);
        List<HostInfo> hosts = platform.client.searchHostList(Map.of("repoName", "pool-test"));
        assertThat(hosts).extracting(HostInfo::memoryUsedBytes).containsExactlyInAnyOrder(8 * GIB, 4 * GIB);
        PoolInfo pool = platform.client.searchRepository(Map.of("repository.name", "测试资源池")).get(0);
        assertThat(pool.totalBytes() - pool.freeBytes()).isEqualTo(3 * 40 * GIB);
    }

    @Test
    void refusesCreationBeyondTheRoomAndAcceptsWithinIt() {
        List<String> seventeen = ids(17);
        SdkResult tooMany = platform.client.createVm(shape(seventeen));
        SdkResult sixteen = platform.client.createVm(shape(seventeen.subList(0, 16)));

        assertThat(tooMany.code()).isEqualTo("2002");
        assertThat(tooMany.info()).isEqualTo("虚拟机创建资源不足");
        assertThat(sixteen.code()).isEqualTo("0");
        assertThat(remainder("pool-test", 1).satisfied()).isFalse();
        assertThat(platform.client.createVm(TestPlatform.spec("pool-test", "vm-late")).code()).isEqualTo("2002");
    }

    @Test
    void reportsNoRoomWhileThePoolIsMadeExhausted() {
        platform.simulator.setCapacityExhausted("pool-test", true);

        assertThat(remainder("pool-test", 1).satisfied()).isFalse();
        assertThat(remainder("pool-test", 1).availableNum()).isZero();
        assertThat(platform.client.createVm(TestPlatform.spec("pool-test", "vm-x")).code()).isEqualTo("2002");
        assertThat(remainder("pool-prod", 1).satisfied()).isTrue();

        platform.simulator.setCapacityExhausted("pool-test", false);
        assertThat(remainder("pool-test", 1).availableNum()).isEqualTo(16);
    }

    @Test
    void answersRemainderErrorsWithCodes() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmCPUNum", "2");
        params.put("vmMemSize", String.valueOf(4 * GIB));
        params.put("repName", "pool-nowhere");
        assertThat(rawRemainder(params)).containsEntry("result", "4020").containsEntry("rs", "0");

        params.put("repName", "pool-test");
        params.put("vmHA", "true");
        assertThat(rawRemainder(params)).containsEntry("result", "0").containsEntry("availableNum", "0");

        params.put("vmCPUNum", "32");
        assertThat(rawRemainder(params)).containsEntry("result", "2003");
    }

    private Remainder remainder(String pool, int count) {
        CreateVmSpec spec = new CreateVmSpec("tpl-centos7", pool, 2, 4 * GIB, 40 * GIB, null, ids(count));
        return platform.client.getCreateRemainder(spec, pool);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rawRemainder(Map<String, Object> params) {
        return (Map<String, Object>) platform.client.call("getCreateRemainder", params);
    }

    private static CreateVmSpec shape(List<String> ids) {
        return new CreateVmSpec("tpl-kylin10", "pool-test", 2, 4 * GIB, 60 * GIB, null, ids);
    }

    private static List<String> ids(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "vm-cap-" + i).toList();
    }
}

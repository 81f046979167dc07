package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import io.vsip4x.sdk.model.SystemInfo;
import io.vsip4x.sdk.model.UsageStats;
import io.vsip4x.sdk.model.VmSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code getSystemInfo}, {@code getRepositoryInfo}, {@code getRepositoryMonitor}, {@code searchRepoHosts}. */
class RepositoryQueriesTest {

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = new TestPlatform();
        platform.createStopped("pool-test", "vm-rq-run", "vm-rq-stop");
        platform.client.startVm("vm-rq-run");
        platform.awaitStatus("vm-rq-run", 1);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void reportsVersionAndLicenceExpiry() {
        SystemInfo info = platform.client.getSystemInfo();

        assertThat(info.result().ok()).isTrue();
        assertThat(info.version()).contains("VSIP4X");
        assertThat(info.expiredDate()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void describesPoolByNameOrId() {
        PoolInfo byName = platform.client.getRepositoryInfo("测试资源池").orElseThrow();
        PoolInfo byId = platform.client.getRepositoryInfo("pool-test").orElseThrow();

        assertThat(byName.repositoryId()).isEqualTo("pool-test");
        assertThat(byName.raw()).containsKey("repository.id").doesNotContainKey("repositoryId");
        assertThat(byName.type()).isEqualTo("local");
        assertThat(byName.freeBytes()).isEqualTo(byName.totalBytes() - 2 * 40 * TestPlatform.GIB);
        assertThat(byId.name()).isEqualTo(byName.name());
    }

    @Test
    void answersNothingForUnknownPool() {
        assertThat(platform.client.getRepositoryInfo("no-such-pool")).isEmpty();
        assertThat(platform.client.getRepositoryMonitor("no-such-pool")).isEmpty();
        assertThat(platform.client.searchRepoHosts("no-such-pool")).isEmpty();
    }

    @Test
    void listsHostIdsOfPoolByIdOrName() {
        assertThat(platform.client.searchRepoHosts("pool-prod")).containsExactly("host-01", "host-02");
        assertThat(platform.client.searchRepoHosts("测试资源池")).containsExactly("host-03", "host-04");
    }

    @Test
    void monitorsPoolWithItsVmsHostsAndStatistics() {
        PoolMonitor monitor = platform.client.getRepositoryMonitor("测试资源池").orElseThrow();

        assertThat(monitor.pool().repositoryId()).isEqualTo("pool-test");
        assertThat(monitor.vms()).extracting(VmSummary::vmId).containsExactly("vm-rq-run", "vm-rq-stop");
        assertThat(monitor.hosts()).hasSize(2);
        assertThat(monitor.raw()).containsKeys("vmstatiscs", "hoststatiscs");

        UsageStats vms = monitor.vmStats();
        assertThat(vms.count()).isEqualTo(2);
        assertThat(vms.runCount()).isEqualTo(1);
        assertThat(vms.cpu()).isEqualTo(4);
        assertThat(vms.memoryBytes()).isEqualTo(8 * TestPlatform.GIB);
        assertThat(vms.cpuLoad()).isBetween(1L, 100L);
        assertThat(vms.memLoad()).isBetween(1L, 100L);

        UsageStats hosts = monitor.hostStats();
        assertThat(hosts.count()).isEqualTo(2);
        assertThat(hosts.runCount()).isEqualTo(2);
        assertThat(hosts.cpu()).isEqualTo(32);
        assertThat(hosts.memoryBytes()).isEqualTo(64 * TestPlatform.GIB);
        assertThat(hosts.cpuLoad()).isBetween(0L, 100L);
        // Both VMs hold 4 GiB of the pool's 64 GiB, spread over two hosts of 32 GiB.
        assertThat(hosts.memLoad()).isBetween(6L, 13L);
    }
}

package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read-only inventory methods answer the seeded inventory in the spec's keys. */
class CatalogQueriesTest {

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = new TestPlatform();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void listsBothPoolsWithDistinctIdsAndNames() {
        List<PoolInfo> pools = platform.client.searchRepository(Map.of());

        assertThat(pools).extracting(PoolInfo::repositoryId).containsExactly("pool-prod", "pool-test");
        assertThat(pools).extracting(PoolInfo::name).containsExactly("生产资源池", "测试资源池");
        assertThat(pools).extracting(PoolInfo::type).containsExactly("ha", "local");
        assertThat(pools.get(0).ha()).isTrue();
        assertThat(pools.get(0).freeBytes()).isEqualTo(pools.get(0).totalBytes()).isPositive();
        assertThat(pools.get(0).raw()).containsKeys("repositoryId", "repository.name", "repository.description",
                "repository.type", "repository.total", "repository.free", "repository.ha",
                "repository.classification");
    }

    @Test
    void filtersPoolsByName() {
        assertThat(platform.client.searchRepository(Map.of("repository.name", "测试")))
                .extracting(PoolInfo::repositoryId).containsExactly("pool-test");
    }

    @Test
    void listsFourOnlineHostsTwoPerPool() {
        List<HostInfo> hosts = platform.client.searchHostList(Map.of());

        assertThat(hosts).hasSize(4).allMatch(HostInfo::online);
        assertThat(hosts).extracting(HostInfo::hostId).containsExactly("host-01", "host-02", "host-03", "host-04");
        assertThat(hosts.get(0).cpu()).isEqualTo(64);
        assertThat(hosts.get(0).memoryTotalBytes()).isEqualTo(256 * TestPlatform.GIB);
        assertThat(hosts.get(2).cpu()).isEqualTo(16);
        assertThat(hosts.get(2).memoryTotalBytes()).isEqualTo(32 * TestPlatform.GIB);
        assertThat(hosts.get(0).raw()).containsKeys("host.name", "host.cpu.arch", "host.cpu.mhz", "host.cpu.model",
                "host.memory.used", "host.os.type", "host.virt.type", "disklist", "niclist", "repolist");
        assertThat(hosts.get(0).raw().get("repolist")).isEqualTo(List.of("pool-prod"));
    }

    @Test
    void filtersHostsByPoolIdOrName() {
        assertThat(platform.client.searchHostList(Map.of("repoName", "pool-test")))
                .extracting(HostInfo::hostId).containsExactly("host-03", "host-04");
        assertThat(platform.client.searchHostList(Map.of("repoName", "生产资源池")))
                .extracting(HostInfo::hostId).containsExactly("host-01", "host-02");
        assertThat(platform.client.searchHostList(Map.of("hostIds", List.of("host-02"), "host.online", true)))
                .extracting(HostInfo::hostId).containsExactly("host-02");
    }

    @Test
    void listsThreeTemplatesInBothPools() {
        List<TemplateInfo> templates = platform.client.searchTemplateList(Map.of("repoName", "pool-test"));

        assertThat(templates).extracting(TemplateInfo::templateId)
                .containsExactly("tpl-centos7", "tpl-kylin10", "tpl-win2019");
        TemplateInfo centos = templates.get(0);
        assertThat(centos.osType()).isEqualTo("CentOS 7");
        assertThat(centos.osFamily()).isEqualTo("Linux");
        assertThat(centos.osBits()).isEqualTo("64");
        assertThat(centos.cpu()).isEqualTo(2);
        assertThat(centos.memoryBytes()).isEqualTo(4 * TestPlatform.GIB);
        assertThat(centos.diskBytes()).isEqualTo(40 * TestPlatform.GIB);
        assertThat(centos.raw()).containsEntry("vm.classification", 0).containsKeys("cpuArch", "vncPassword");
        assertThat(platform.client.searchTemplateList(Map.of("templateId", "tpl-win2019")))
                .extracting(TemplateInfo::osFamily).containsExactly("Windows");
    }

    @Test
    void listsBothNetworksOfEachPool() {
        assertThat(platform.client.getVirtualNetwork("pool-prod"))
                .containsExactly(new NetworkInfo("vnet-office", "办公网"), new NetworkInfo("vnet-dmz", "DMZ"));
        assertThat(platform.client.getVirtualNetwork(null)).hasSize(3);
        assertThat(platform.client.call("getVirtualNetwork", Map.of("repold", "pool-test")))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("result", "0");
    }

    @Test
    void refusesNetworksOfAnUnknownPool() {
        // The adapter turns a non-zero result of a list method into a protocol error.
        assertThatThrownBy(() -> platform.client.getVirtualNetwork("pool-nowhere"))
                .isInstanceOf(Vsip4xProtocolException.class)
                .hasMessageContaining("4020");
    }

    @Test
    void listsInstallImagesFilteredByType() {
        assertThat(platform.client.searchInstallImages(null)).extracting(ImageInfo::id)
                .containsExactly("iso-centos7", "iso-kylin10");
        List<ImageInfo> kylin = platform.client.searchInstallImages("Kylin V10");
        assertThat(kylin).extracting(ImageInfo::repository).containsExactly("pool-test");
        assertThat(kylin.get(0).bits()).isEqualTo("64");
    }
}

package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.model.StorageNodeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** searchDistributedFS over HTTP: the HA pool's seeded storage nodes. */
class DistributedStorageTest {

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
    void listsOneClusterNodeAndAStorageNodePerHostOfTheHaPool() {
        List<StorageNodeInfo> nodes = platform.client.searchDistributedFS("pool-prod");

        assertThat(nodes).extracting(StorageNodeInfo::id)
                .containsExactly("gfs-cluster-01", "gfs-brick-01", "gfs-brick-02");
        assertThat(nodes).extracting(StorageNodeInfo::volume).containsExactly(false, true, true);
        assertThat(nodes).extracting(StorageNodeInfo::hostId).containsExactly("", "host-01", "host-02");
        assertThat(nodes).allMatch(StorageNodeInfo::online);
        StorageNodeInfo brick = nodes.get(1);
        assertThat(brick.peerType()).isEqualTo("volumn");
        assertThat(brick.totalBytes()).isEqualTo(20L << 40);
        assertThat(brick.freeBytes()).isEqualTo(brick.totalBytes());
        assertThat(brick.raw().get("glfshostinfo.online")).isEqualTo(true);
    }

    @Test
    void namesThePoolByNameOrListsEveryPoolWhenNoneIsNamed() {
        assertThat(platform.client.searchDistributedFS("生产资源池")).hasSize(3);
        assertThat(platform.client.searchDistributedFS(null)).hasSize(3);
        assertThat(platform.client.searchDistributedFS("pool-test")).isEmpty();
    }

    @Test
    void refusesAnUnknownPoolWith4020() {
        SdkResult raw = SdkResult.of(castMap(platform.client.call("searchDistributedFS", Map.of("repoName", "x"))));

        assertThat(raw.code()).isEqualTo("4020");
        assertThat(raw.raw().get("data")).isEqualTo(List.of());
        assertThatThrownBy(() -> platform.client.searchDistributedFS("x"))
                .isInstanceOf(Vsip4xProtocolException.class);
    }

    @Test
    void showsAStorageNodeOfAShutDownHostOfflineAndSpaceTakenByDisks() {
        platform.createStopped("pool-prod", "vm-disk");
        assertThat(platform.client.shutdownHost("host-02").ok()).isTrue();
        platform.awaitHostEvents("host-02", 1);

        List<StorageNodeInfo> nodes = platform.client.searchDistributedFS("pool-prod");

        assertThat(nodes).extracting(StorageNodeInfo::online).containsExactly(true, true, false);
        // A 40 GiB disk in a 40 TiB pool takes 1/1024 of each 20 TiB brick: 20 GiB.
        assertThat(nodes.get(1).freeBytes()).isEqualTo((20L << 40) - (20L << 30));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object answer) {
        return (Map<String, Object>) answer;
    }
}

package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.model.PoolInfo;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code setPoolClassification}: a test switch that makes a pool report another classification in
 * {@code searchRepository} and {@code getRepositoryInfo}, until set back.
 */
class PoolClassificationTest {

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
    void poolReportsTheLevelSetUntilSetBackAndOtherPoolsKeepTheirs() {
        assertThat(listed("pool-test").classification()).isZero();

        platform.simulator.setPoolClassification("pool-test", 2L);
        assertThat(listed("pool-test").classification()).isEqualTo(2);
        assertThat(platform.client.getRepositoryInfo("pool-test").orElseThrow().classification()).isEqualTo(2);
        assertThat(listed("pool-prod").classification()).isZero();

        platform.simulator.setPoolClassification("pool-test", null);
        assertThat(listed("pool-test").classification()).isZero();
        assertThat(platform.client.getRepositoryInfo("pool-test").orElseThrow().classification()).isZero();
    }

    @Test
    void unknownPoolOrAPoolNamedInsteadOfItsIdIsRefused() {
        assertThatThrownBy(() -> platform.simulator.setPoolClassification("no-such-pool", 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-pool");
        assertThatThrownBy(() -> platform.simulator.setPoolClassification("测试资源池", 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(listed("pool-test").classification()).isZero();
    }

    private static PoolInfo listed(String poolId) {
        return platform.client.searchRepository(Map.of()).stream()
                .filter(p -> p.repositoryId().equals(poolId)).findFirst().orElseThrow();
    }
}

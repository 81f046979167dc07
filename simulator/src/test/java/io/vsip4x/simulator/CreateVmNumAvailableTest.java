package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getCreateVmNumAvailable over HTTP: the pool's room in {@code data}, {@code result} 1 on failure. */
class CreateVmNumAvailableTest {

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

    private VmNumAvailable ask(String pool, int cpu, long memory, List<String> templates) {
        return platform.client.getCreateVmNumAvailable(new VmNumQuery(pool, cpu, memory, 40 * GIB, templates));
    }

    @Test
    void countsTheRoomOfThePoolLikeGetCreateRemainder() {
        // pool-test: 2 hosts x 16 vCPU x 32 GiB; 2 vCPU / 4 GiB fits 8 times per host.
        VmNumAvailable answer = ask("pool-test", 2, 4 * GIB, List.of("tpl-centos7"));

        assertThat(answer.ok()).isTrue();
        assertThat(answer.count()).isEqualTo(16);
        assertThat(answer.result().code()).isEqualTo("0");
    }

    @Test
    void countsExistingVmsAgainstTheRoom() {
        platform.createStopped("pool-test", "vm-1", "vm-2", "vm-3");

        assertThat(ask("pool-test", 2, 4 * GIB, List.of()).count()).isEqualTo(13);
    }

    @Test
    void answersResult1ForAnUnknownPoolTemplateOrBadShape() {
        List<VmNumAvailable> failures = List.of(
                ask("pool-none", 2, 4 * GIB, List.of()),
                ask("pool-test", 2, 4 * GIB, List.of("tpl-none")),
                ask("pool-test", 17, 4 * GIB, List.of()),
                ask("pool-test", 2, 4 * GIB + 1, List.of()));

        assertThat(failures).allSatisfy(answer -> {
            assertThat(answer.ok()).isFalse();
            assertThat(answer.count()).isZero();
            assertThat(answer.result().code()).isEqualTo("1");
        });
    }
}

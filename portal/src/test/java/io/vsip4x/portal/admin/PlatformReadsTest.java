package io.vsip4x.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.model.PoolInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin pages' platform reads: side by side, in the items' order, never longer than one budget
 * per page however many pools wait on a slow platform, and that budget follows the configured
 * page-read time-out (two reads and a little, never a fixed time).
 */
class PlatformReadsTest {

    private final PlatformReads reads = new PlatformReads(Duration.ofMillis(500));
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        reads.stop();
    }

    private static List<PoolInfo> pools(int count) {
        return IntStream.range(0, count).mapToObj(i -> new PoolInfo("pool-" + i, "Pool " + i, null, null, 0, 0,
                false, 0, Map.of())).toList();
    }

    @Test
    void theBudgetIsTwoPageReadsAndTheSlack() {
        assertThat(PlatformReads.budgetFor(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(8));
        assertThat(PlatformReads.budgetFor(Duration.ofSeconds(10))).as("a larger time-out is honoured")
                .isEqualTo(Duration.ofSeconds(22));
        assertThat(PlatformReads.budgetFor(Duration.ofSeconds(10)))
                .isGreaterThan(Duration.ofSeconds(10).multipliedBy(2));
        assertThat(reads.budget()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsThePoolsSideBySideAndAnswersInTheirOrder() {
        // Each read waits until all four run at once: one after another they would never finish.
        CyclicBarrier together = new CyclicBarrier(4);
        List<String> answers = reads.each(pools(4), pool -> {
            try {
                together.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("not side by side", e);
            }
            return pool.repositoryId();
        });
        assertThat(answers).containsExactly("pool-0", "pool-1", "pool-2", "pool-3");
    }

    @Test
    void manySlowPoolsTogetherWaitNoLongerThanTheBudget() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> reads.each(pools(40), pool -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return pool.repositoryId();
        })).isInstanceOf(PlatformUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aPoolsFailureIsThrownAsItIs() {
        assertThatThrownBy(() -> reads.each(pools(3), pool -> {
            if ("pool-1".equals(pool.repositoryId())) {
                throw PortalException.notFound("admin.storage.noPool", pool.repositoryId());
            }
            return pool.repositoryId();
        })).isInstanceOf(PortalException.class).hasMessage("admin.storage.noPool");
        assertThat(reads.each(List.of(), PoolInfo::name)).isEmpty();
    }
}

package io.vsip4x.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] values = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Stats.percentile(values, 50)).isEqualTo(50);
        assertThat(Stats.percentile(values, 99)).isEqualTo(99);
        assertThat(Stats.percentile(values, 100)).isEqualTo(100);
        assertThat(Stats.percentile(values, 0.5)).isEqualTo(1);
    }

    @Test
    void aFewValuesGiveTheirOwnNotAnInterpolation() {
        long[] values = {10, 20, 30};
        assertThat(Stats.percentile(values, 50)).isEqualTo(20);
        assertThat(Stats.percentile(values, 99)).isEqualTo(30);
        assertThat(Stats.percentile(new long[0], 99)).isZero();
        assertThatThrownBy(() -> Stats.percentile(values, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void figuresInMillisecondsAndPerSecondFromUnsortedNanos() {
        long[] nanos = LongStream.rangeClosed(1, 200).map(i -> (201 - i) * 1_000_000L).toArray();
        Stats stats = Stats.of("list", nanos, 3, Duration.ofSeconds(4));
        assertThat(stats.ok()).isEqualTo(200);
        assertThat(stats.failed()).isEqualTo(3);
        assertThat(stats.perSecond()).isEqualTo(50.0);
        assertThat(stats.p50Ms()).isEqualTo(100.0);
        assertThat(stats.p99Ms()).isEqualTo(198.0);
        assertThat(nanos[0]).as("the caller's array is left as it was").isEqualTo(200_000_000L);
    }
}

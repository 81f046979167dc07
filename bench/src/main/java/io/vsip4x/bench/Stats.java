package io.vsip4x.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * What one measured phase gave: answers as expected, other answers, the time they took and the
 * latency percentiles of the expected answers.
 *
 * @param name    what was measured
 * @param ok      answers as expected that ended after the warm-up
 * @param failed  other answers and errors within the measured time
 * @param seconds the measured time, up to the end of the last call
 * @param p50Ms   median latency in milliseconds
 * @param p99Ms   99th percentile latency in milliseconds
 */
public record Stats(String name, long ok, long failed, double seconds, double p50Ms, double p99Ms) {

    private static final double NANOS_PER_MS = 1_000_000.0;

    /** Expected answers per second. */
    public double perSecond() {
        return seconds > 0 ? ok / seconds : 0;
    }

    /**
     * The figures of {@code latenciesNanos} (the expected answers' latencies, in any order)
     * over {@code elapsed}.
     */
    public static Stats of(String name, long[] latenciesNanos, long failed, Duration elapsed) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Stats(name, sorted.length, failed, elapsed.toNanos() / 1e9,
                percentile(sorted, 50) / NANOS_PER_MS, percentile(sorted, 99) / NANOS_PER_MS);
    }

    /**
     * The nearest-rank percentile {@code p} (0 &lt; p &le; 100) of {@code sorted}, which must be in
     * ascending order: the smallest value that at least {@code p} percent of the values do not
     * exceed; 0 for no values.
     */
    public static long percentile(long[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("A percentile lies in (0, 100]: " + p);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}

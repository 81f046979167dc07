package io.vsip4x.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one call in a loop on a fixed number of client threads: first a warm-up whose answers are
 * not counted, then the measured time, after which no call starts. Every call that ends after the
 * warm-up counts, the last ones running over included, and the rate is taken over the time until
 * the last one ended: so an endpoint slower than the measured time still shows its rate and how
 * slow it is, and for a fast one the calls running over change nothing.
 */
final class Load {

    /** One request and the check of its answer. */
    @FunctionalInterface
    interface Call {

        /** Sends one request; true when the answer is the expected one. */
        boolean run() throws Exception;
    }

    private Load() {
    }

    /**
     * Runs {@code call} on {@code clients} threads for {@code warmup}, then for {@code measured}.
     *
     * @param onMeasuring run once on its own thread half-way through the measured time (e.g. a
     *                    thread dump of the server), or {@code null}
     */
    static Stats run(String name, int clients, Duration warmup, Duration measured, Call call, Runnable onMeasuring)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(end);
        AtomicLong firstError = new AtomicLong();
        List<LongList> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1, r -> {
            Thread thread = new Thread(r, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                LongList mine = new LongList();
                latencies.add(mine);
                running.add(pool.submit(() -> loop(call, measureFrom, end, mine, failed, lastEnd, firstError, name)));
            }
            if (onMeasuring != null) {
                pool.submit(() -> {
                    Poll.pauseUntil(measureFrom + measured.toNanos() / 2);
                    onMeasuring.run();
                });
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("A client of '" + name + "' failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l.toArray())).toArray();
        return Stats.of(name, all, failed.get(), Duration.ofNanos(lastEnd.get() - measureFrom));
    }

    private static void loop(Call call, long measureFrom, long end, LongList mine, AtomicLong failed,
            AtomicLong lastEnd, AtomicLong firstError, String name) {
        while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
                return;
            }
            boolean ok;
            try {
                ok = call.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                ok = false;
                if (firstError.compareAndSet(0, 1)) {
                    Benchmark.LOG.warn("  {}: first error: {}", name, e.toString());
                }
            }
            long t1 = System.nanoTime();
            if (t1 >= measureFrom) {
                if (ok) {
                    mine.add(t1 - t0);
                } else {
                    failed.incrementAndGet();
                }
                lastEnd.accumulateAndGet(t1, Math::max);
            }
        }
    }

    /** A growable array of longs, for one client thread. */
    static final class LongList {

        private long[] values = new long[4096];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

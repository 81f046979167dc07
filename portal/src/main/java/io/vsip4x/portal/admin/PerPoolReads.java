package io.vsip4x.portal.admin;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.PoolInfo;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The admin pages' reads of one thing per pool (a pool's templates, networks, storage nodes),
 * side by side rather than one after another, all within one overall {@link #BUDGET}: a page of
 * dozens of pools waits about as long as for one, and never longer than the budget, however slow
 * the platform is on each. The answers come in the pools' order.
 */
@Component
public class PerPoolReads {

    /** The longest a page waits for all its per-pool reads together. */
    public static final Duration BUDGET = Duration.ofSeconds(8);
    private static final int THREADS = 8;

    private final PlatformClient platform;
    private final Duration budget;
    private final ExecutorService threads;

    @Autowired
    PerPoolReads(PlatformClient platform) {
        this(platform, BUDGET);
    }

    /** With a budget of its own (tests). */
    PerPoolReads(PlatformClient platform, Duration budget) {
        this.platform = platform;
        this.budget = budget;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "per-pool-read-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * One page read ({@link PlatformClient#read}) per pool of {@code pools}.
     *
     * @throws PlatformUnavailableException when any of them fails, or they are not all done within the budget
     */
    public <T> List<T> read(List<PoolInfo> pools, Function<PoolInfo, Function<Vsip4xClient, T>> call) {
        return each(pools, pool -> {
            try {
                return platform.read(call.apply(pool));
            } catch (Vsip4xException e) {
                throw new PlatformUnavailableException(e);
            }
        });
    }

    /**
     * {@code work} for each pool of {@code pools}, which reads the platform itself (and decides what
     * a refusal means); what it throws is thrown here.
     *
     * @throws PlatformUnavailableException when they are not all done within the budget
     */
    public <T> List<T> each(List<PoolInfo> pools, Function<PoolInfo, T> work) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<CompletableFuture<T>> reads = pools.stream()
                .map(pool -> CompletableFuture.supplyAsync(() -> {
                    if (System.nanoTime() - deadline > 0) {
                        // Queued behind slow reads past the budget: the page has given up already.
                        throw new PlatformUnavailableException(null);
                    }
                    return work.apply(pool);
                }, threads))
                .toList();
        try {
            return reads.stream().map(read -> await(read, deadline)).toList();
        } finally {
            reads.forEach(read -> read.cancel(false));
        }
    }

    private static <T> T await(CompletableFuture<T> read, long deadline) {
        try {
            return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PlatformUnavailableException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new PlatformUnavailableException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailableException(e);
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}

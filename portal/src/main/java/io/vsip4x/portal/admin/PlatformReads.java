package io.vsip4x.portal.admin;

import io.vsip4x.portal.platform.PlatformProperties;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.Vsip4xException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The platform reads the admin pages wait for (the dashboard, the pools, the capacity planner and the
 * catalog pages' per-pool reads), run side by side under one budget per page: a page that needs a list
 * and then one read per pool waits at most {@link #budget()}, however many pools and however slow the
 * platform.
 * <p>
 * The budget is two page reads ({@code portal.platform.page-read-timeout}, each tried once) plus
 * {@link #SLACK}: a page reads in at most two stages (a list, then the reads that need its answer), so a
 * larger configured time-out is honoured rather than cut short.
 * <p>
 * Threads: one executor shared by those pages, of up to {@link #THREADS} threads, created as reads
 * arrive (each concurrent read gets a thread of its own until there are {@link #THREADS}) and let go
 * after {@link #IDLE} without work, so an idle portal keeps none. A read holds its thread at most one
 * page-read time-out, so a thread is free again within it; reads beyond {@link #THREADS} at once wait in
 * the queue, and a read still waiting when its page's budget is spent is dropped, not run. Pages
 * compose their stages without blocking a thread of the executor, so no read waits for another queued
 * behind it.
 */
@Component
public class PlatformReads {

    /** The most platform reads under way at once for the admin pages. */
    static final int THREADS = 64;
    /** How long a thread without work is kept. */
    static final Duration IDLE = Duration.ofSeconds(30);
    /** Time beyond the two page reads of a budget, for the portal's own work between them. */
    static final Duration SLACK = Duration.ofSeconds(2);

    private final Duration budget;
    private final ThreadPoolExecutor executor;

    @Autowired
    PlatformReads(PlatformProperties properties) {
        this(budgetFor(properties.pageReadTimeout()));
    }

    /** With a budget of its own (tests). */
    PlatformReads(Duration budget) {
        this.budget = budget;
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "platform-read-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** The budget of a page whose page reads each wait at most {@code pageReadTimeout}. */
    static Duration budgetFor(Duration pageReadTimeout) {
        return pageReadTimeout.multipliedBy(2).plus(SLACK);
    }

    /** The longest a page waits for the platform, all its reads together. */
    public Duration budget() {
        return budget;
    }

    /** A page's budget, starting now. */
    public Deadline deadline() {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /** The end of a page's budget. */
    public record Deadline(long endNanos) {

        /** Milliseconds left, at least 1 (a budget spent still gives a read that has answered its chance). */
        long remainingMillis() {
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime()));
        }
    }

    /**
     * {@code read} on the executor; it fails with a {@link TimeoutException} at {@code deadline}, and is
     * not run at all when it is still queued then.
     */
    public <T> CompletableFuture<T> async(Supplier<T> read, Deadline deadline) {
        return CompletableFuture.supplyAsync(read, executor)
                .orTimeout(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * {@code work} for each of {@code items}, side by side (a page of dozens of pools waits about as long
     * as for one), the answers in the items' order, all within one budget starting now. What {@code work}
     * throws is thrown here (a platform failure as {@link PlatformUnavailableException}).
     *
     * @throws PlatformUnavailableException when they are not all done within the budget
     */
    public <I, T> List<T> each(List<I> items, Function<I, T> work) {
        Deadline deadline = deadline();
        List<CompletableFuture<T>> reads = items.stream()
                .map(item -> async(() -> work.apply(item), deadline))
                .toList();
        try {
            return reads.stream().map(read -> join(read, deadline)).toList();
        } finally {
            reads.forEach(read -> read.cancel(false));
        }
    }

    /**
     * The value of {@code read}, waiting at most until {@code deadline}.
     *
     * @throws PlatformUnavailableException when the platform failed, refused or did not answer in time
     */
    public <T> T join(CompletableFuture<T> read, Deadline deadline) {
        try {
            return read.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PlatformUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailableException(e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure instanceof Vsip4xException || failure instanceof TimeoutException) {
            return new PlatformUnavailableException(failure);
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(failure);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}

package io.vsip4x.portal.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each node's reader of {@code live_event}: every poll interval one indexed read of the rows
 * after the last one seen, handed to this node's open pages ({@link LiveUpdates#deliver}).
 *
 * <p>An id can become visible after a higher one (its transaction committed later): ids
 * skipped over are looked for again until {@link LiveProperties#gapGrace()} passes (then the
 * transaction is taken as rolled back). The node also prunes old rows. The ends of HTTP sessions
 * go to {@link LiveSessionEnd} instead of the pages.
 */
@Component
class LiveEventTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEventTail.class);
    private static final int BATCH = 5000;
    private static final int MAX_GAPS = 10_000;
    private static final int GAPS_PER_READ = 500;
    private static final long FLUSH_MILLIS = 50;
    private static final long PRUNE_MILLIS = 60_000;

    private final LiveEventLog events;
    private final LiveUpdates updates;
    private final LiveSessionEnd sessionEnds;
    private final LiveProperties properties;
    /** Ids skipped over, with the time (nanos) after which they are no longer looked for. */
    private final Map<Long, Long> gaps = new TreeMap<>();
    private ScheduledExecutorService executor;
    private long last = -1;
    private volatile boolean failing;

    LiveEventTail(LiveEventLog events, LiveUpdates updates, LiveSessionEnd sessionEnds, LiveProperties properties) {
        this.events = events;
        this.updates = updates;
        this.sessionEnds = sessionEnds;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-events");
            t.setDaemon(true);
            return t;
        });
        long poll = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pollSafely, 0, poll, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::flushSafely, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::pruneSafely, PRUNE_MILLIS, PRUNE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void pollSafely() {
        try {
            poll();
            if (failing) {
                log.info("Live events are read again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the tail must outlive any failure.
            if (!failing) {
                log.warn("Live events cannot be read for now: {}", e.getMessage());
                failing = true;
            }
        }
    }

    private void flushSafely() {
        try {
            updates.flush(System.nanoTime());
        } catch (RuntimeException e) {
            log.warn("Live events not pushed", e);
        }
    }

    /** One read: the new rows and those that filled a gap, handed to the pages. */
    void poll() {
        long now = System.nanoTime();
        if (last < 0) {
            last = events.maxId();
            updates.deliver(List.of(), last, now);
            return;
        }
        List<LiveEvent> found = new ArrayList<>();
        if (!gaps.isEmpty()) {
            gaps.values().removeIf(deadline -> deadline - now < 0);
            List<Long> wanted = gaps.keySet().stream().limit(GAPS_PER_READ).toList();
            if (!wanted.isEmpty()) {
                for (LiveEvent late : events.byIds(wanted)) {
                    gaps.remove(late.id());
                    found.add(late);
                }
            }
        }
        List<LiveEvent> fresh = events.after(last, BATCH);
        long grace = now + properties.gapGrace().toNanos();
        for (LiveEvent e : fresh) {
            for (long missing = last + 1; missing < e.id() && gaps.size() < MAX_GAPS; missing++) {
                gaps.put(missing, grace);
            }
            last = e.id();
        }
        found.addAll(fresh);
        found.sort(Comparator.comparingLong(LiveEvent::id));
        found.stream().filter(LiveSessionEnd::isSessionEnd).forEach(sessionEnds::arrived);
        found.removeIf(LiveSessionEnd::isSessionEnd);
        updates.deliver(found, last, now);
    }

    private void pruneSafely() {
        try {
            int removed = events.prune(properties.retention());
            if (removed > 0) {
                log.debug("Pruned {} live events", removed);
            }
        } catch (RuntimeException e) {
            log.debug("Live events not pruned: {}", e.getMessage());
        }
    }
}

package io.vsip4x.simulator.callback;

import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.simulator.callback.CallbackSender.Outcome;
import io.vsip4x.simulator.faults.CallbackFate;
import io.vsip4x.simulator.faults.Faults;
import io.vsip4x.simulator.state.StoredState.StoredCallback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events: one queue per VM (and one per host for host events), drained by one task
 * at a time so that a VM's events arrive in order; a failed event is retried after each of the
 * retry pauses, then dropped with a warning. Events wait while paused or while no executor is
 * attached (the simulator is stopped). With {@link Faults}, each queued event may be dropped,
 * duplicated, delayed or held back behind the next one. Thread-safe; never calls out while
 * holding its monitor.
 */
public final class CallbackDispatcher {

    /** The pauses before the second, third, ... attempt. */
    public static final List<Duration> RETRY_PAUSES = List.of(
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
    /** Marks the queue of a host's events, which carry an empty {@code vmId}. */
    private static final String HOST_QUEUE_PREFIX = "host:";

    private final CallbackSender sender;
    private final List<Duration> retryPauses;
    private final Runnable onChange;
    private final Map<String, Deque<StoredCallback>> queues = new LinkedHashMap<>();
    private final Set<String> draining = new HashSet<>();
    private final Faults faults;
    /** Delayed events and when they may go, by identity: a duplicate is an equal record. */
    private final Map<StoredCallback, Instant> notBefore = new IdentityHashMap<>();
    /** Reordered events waiting for the next event of their queue, by queue. */
    private final Map<String, StoredCallback> heldBack = new LinkedHashMap<>();
    private ScheduledExecutorService executor;
    private long generation;
    private boolean paused;

    /**
     * @param secret      the HMAC key signing every event
     * @param retryPauses the pauses between attempts; their count is the number of retries
     * @param onChange    called, without locks held, after an event left a queue
     */
    public CallbackDispatcher(String secret, List<Duration> retryPauses, Runnable onChange) {
        this(secret, retryPauses, onChange, null);
    }

    /**
     * @param faults what happens to each event queued, or {@code null} to deliver every event
     *               once, on time
     */
    public CallbackDispatcher(String secret, List<Duration> retryPauses, Runnable onChange, Faults faults) {
        this.sender = new CallbackSender(new CallbackSignature(secret));
        this.retryPauses = List.copyOf(retryPauses);
        this.onChange = onChange;
        this.faults = faults;
    }

    /**
     * Queues {@code event} for {@code url}, behind the VM's earlier events. With a {@code null}
     * URL nobody listens and the event is dropped.
     */
    public synchronized void enqueue(CallbackEvent event, String url) {
        if (url == null) {
            log.debug("No callback URL for VM '{}'; dropping its {} event #{}", event.vmId(),
                    event.operation(), event.sequence());
            return;
        }
        String key = queueKey(event);
        StoredCallback callback = new StoredCallback(url, event);
        CallbackFate fate = faults == null ? CallbackFate.DELIVER : faults.fateOf(event);
        if (fate != CallbackFate.DELIVER) {
            log.info("Fault injection: {} event #{} of '{}' gets fate {}", event.operation(), event.sequence(), key,
                    fate);
        }
        switch (fate) {
            case DROP -> {
                return;
            }
            case REORDER -> {
                if (heldBack.containsKey(key)) {
                    // It overtakes the event held back, which is the same fault seen from both sides.
                    add(key, callback);
                } else {
                    holdBack(key, callback);
                    return;
                }
            }
            case DUPLICATE -> {
                add(key, callback);
                add(key, new StoredCallback(url, event));
            }
            case DELAY -> {
                notBefore.put(callback, Instant.now().plus(faults.callbacks().delayBy()));
                add(key, callback);
            }
            default -> add(key, callback);
        }
        releaseHeldBack(key);
        kick(key);
    }

    private void add(String key, StoredCallback callback) {
        queues.computeIfAbsent(key, id -> new ArrayDeque<>()).add(callback);
    }

    /** Keeps {@code callback} back until the queue's next event, or at most the callback delay. */
    private void holdBack(String key, StoredCallback callback) {
        heldBack.put(key, callback);
        if (executor == null) {
            return;
        }
        long wait = faults.callbacks().delayBy().toMillis();
        try {
            executor.schedule(() -> releaseIfStillHeld(key, callback), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Stopping; event of '{}' stays held back until the next start", key);
        }
    }

    private synchronized void releaseIfStillHeld(String key, StoredCallback callback) {
        if (heldBack.get(key) == callback) {
            releaseHeldBack(key);
            kick(key);
        }
    }

    /** Puts the event held back for queue {@code key}, if any, at the end of its queue. */
    private void releaseHeldBack(String key) {
        StoredCallback held = heldBack.remove(key);
        if (held != null) {
            add(key, held);
        }
    }

    /** Starts delivering with {@code scheduler}, beginning with the events already waiting. */
    public synchronized void attach(ScheduledExecutorService scheduler) {
        executor = scheduler;
        generation++;
        draining.clear();
        List.copyOf(heldBack.keySet()).forEach(this::releaseHeldBack);
        List.copyOf(queues.keySet()).forEach(this::kick);
    }

    /** Stops delivering; waiting events stay queued. Tasks of the old executor become no-ops. */
    public synchronized void detach() {
        executor = null;
        generation++;
        draining.clear();
    }

    /** Holds events ({@code true}), or delivers the held ones in order ({@code false}). */
    public synchronized void pause(boolean pause) {
        paused = pause;
        if (!pause) {
            List.copyOf(queues.keySet()).forEach(this::kick);
        }
    }

    /** Whether events are held. */
    public synchronized boolean paused() {
        return paused;
    }

    /** The events not delivered yet, in order per VM; an event held back comes last. */
    public synchronized List<StoredCallback> pending() {
        List<StoredCallback> all = new ArrayList<>();
        queues.values().forEach(all::addAll);
        all.addAll(heldBack.values());
        return all;
    }

    /** Replaces the waiting events with {@code callbacks} (from the state file). */
    public synchronized void restore(List<StoredCallback> callbacks) {
        queues.clear();
        heldBack.clear();
        notBefore.clear();
        callbacks.forEach(c -> queues.computeIfAbsent(queueKey(c.event()), id -> new ArrayDeque<>()).add(c));
        List.copyOf(queues.keySet()).forEach(this::kick);
    }

    /** The queue of {@code event}: its VM's, or for a host event (no VM) its host's. */
    private static String queueKey(CallbackEvent event) {
        boolean hostEvent = event.vmId() == null || event.vmId().isEmpty();
        return hostEvent ? HOST_QUEUE_PREFIX + event.hostId() : event.vmId();
    }

    private void kick(String vmId) {
        if (executor != null && !paused && !draining.contains(vmId) && queues.containsKey(vmId)) {
            draining.add(vmId);
            submit(vmId, generation, 1, Duration.ZERO);
        }
    }

    private void submit(String vmId, long gen, int attempt, Duration delay) {
        try {
            executor.schedule(() -> drain(vmId, gen, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            draining.remove(vmId);
        }
    }

    private void drain(String vmId, long gen, int attempt) {
        StoredCallback next = head(vmId, gen, attempt);
        if (next == null) {
            return;
        }
        Outcome outcome = sender.send(next);
        if (settle(vmId, gen, attempt, next, outcome)) {
            onChange.run();
        }
    }

    /**
     * The VM's next event, or {@code null} when there is none, draining must stop, or a delayed
     * event is not due yet (draining goes on when it is).
     */
    private synchronized StoredCallback head(String vmId, long gen, int attempt) {
        if (gen != generation) {
            return null;
        }
        Deque<StoredCallback> queue = queues.get(vmId);
        if (paused || queue == null || queue.isEmpty()) {
            draining.remove(vmId);
            if (queue != null && queue.isEmpty()) {
                queues.remove(vmId);
            }
            return null;
        }
        StoredCallback head = queue.peek();
        Instant due = notBefore.get(head);
        if (due != null) {
            Duration wait = Duration.between(Instant.now(), due);
            if (!wait.isNegative() && !wait.isZero()) {
                submit(vmId, gen, attempt, wait);
                return null;
            }
            notBefore.remove(head);
        }
        return head;
    }

    /** Retries, or removes the event and moves on; whether the queue changed. */
    private synchronized boolean settle(String vmId, long gen, int attempt, StoredCallback sent,
            Outcome outcome) {
        if (gen != generation) {
            return false;
        }
        if (outcome == Outcome.FAILED && attempt <= retryPauses.size()) {
            submit(vmId, gen, attempt + 1, retryPauses.get(attempt - 1));
            return false;
        }
        if (outcome == Outcome.FAILED) {
            log.warn("Gave up delivering {} event #{} of VM '{}' to '{}' after {} attempts",
                    sent.event().operation(), sent.event().sequence(), vmId, sent.url(), attempt);
        }
        Deque<StoredCallback> queue = queues.get(vmId);
        queue.poll();
        if (queue.isEmpty()) {
            queues.remove(vmId);
            draining.remove(vmId);
        } else {
            submit(vmId, gen, 1, Duration.ZERO);
        }
        return true;
    }
}

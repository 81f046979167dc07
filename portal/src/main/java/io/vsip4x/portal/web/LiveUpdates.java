package io.vsip4x.portal.web;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events that tell open pages something changed; the page then fetches the part
 * that changed (so every fragment is rendered with the viewer's rights and language).
 * Subscribers see the events of their tenant; platform-wide accounts see all; a person's own
 * events reach that person only.
 *
 * <p>Every portal node sees every event: {@link #publish} stores it in {@code live_event} with
 * the publisher's transaction, and each node's {@link LiveEventTail} hands the new rows to
 * {@link #deliver}. Pushes are coalesced: at most one of each kind per page within
 * {@link LiveProperties#coalesceWindow()}. Each push carries the id of the newest event it
 * covers; a page that reconnects with an older {@code Last-Event-ID} is told to {@link #RESYNC}.
 */
@Service
public class LiveUpdates {

    /** A VM's state changed. */
    public static final String VMS = "vms";
    /** A request changed. */
    public static final String REQUESTS = "requests";
    /** The person's inbox changed (sent to that person only). */
    public static final String INBOX = "inbox";
    /** Anything may have changed (the page missed events): every live part of the page refetches. */
    public static final String RESYNC = "resync";
    /** The session of the page ended: the page goes to the sign-in page (the event's data). */
    public static final String SIGNED_OUT = "signedout";
    /** Where a page whose session ended goes. */
    public static final String SIGN_IN_AGAIN = "/login?expired";

    /** The most streams one session holds open at once. */
    static final int MAX_STREAMS_PER_SESSION = 16;
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** How soon a browser reconnects after its stream ended. */
    private static final long RECONNECT_MILLIS = 1000;

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final LiveEventWriter writer;
    private final long windowNanos;
    private volatile long lastId = -1;
    private volatile boolean draining;

    LiveUpdates(LiveEventWriter writer, LiveProperties properties) {
        this.writer = writer;
        this.windowNanos = properties.coalesceWindow().toNanos();
    }

    /** One open page, with what is waiting to be pushed to it. */
    private static final class Subscriber {
        private final SseEmitter emitter;
        private final Long tenantId;
        private final Long userId;
        private final String sessionHash;
        private final Map<String, Long> lastPush = new HashMap<>();
        private final Set<String> pending = new LinkedHashSet<>();
        private long pendingId;

        Subscriber(SseEmitter emitter, Long tenantId, Long userId, String sessionHash) {
            this.emitter = emitter;
            this.tenantId = tenantId;
            this.userId = userId;
            this.sessionHash = sessionHash;
        }

        boolean sees(LiveEvent event) {
            if (event.userId() != null) {
                return userId != null && userId.equals(event.userId());
            }
            return tenantId == null || Objects.equals(tenantId, event.tenantId());
        }
    }

    /** Opens a stream for a person of {@code tenantId} ({@code null}: every tenant). */
    public SseEmitter subscribe(Long tenantId) {
        return subscribe(tenantId, null, null, null);
    }

    /**
     * Opens a stream for person {@code userId} of {@code tenantId} ({@code null}: every tenant),
     * who also gets the events of their own (see {@link #publishToUser}).
     */
    public SseEmitter subscribe(Long tenantId, Long userId) {
        return subscribe(tenantId, userId, null, null);
    }

    /**
     * As {@link #subscribe(Long, Long)}, for a browser that may be reconnecting.
     *
     * @param lastEventId the id of the last event the page saw before its stream dropped (the
     *                    browser's {@code Last-Event-ID}), or {@code null} on a first connect;
     *                    when events happened since, the page is told to {@link #RESYNC}
     * @param sessionId   the page's session: when it ends, the page is sent to sign in again
     */
    public SseEmitter subscribe(Long tenantId, Long userId, String lastEventId, String sessionId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        String sessionHash = SessionHash.of(sessionId);
        Subscriber subscriber = new Subscriber(emitter, tenantId, userId, sessionHash);
        subscribers.add(subscriber);
        if (sessionHash != null) {
            // A session holds a few streams (two per open page); beyond that the oldest ones close,
            // so that one session cannot hold every connection the server has.
            List<Subscriber> same = subscribers.stream().filter(s -> sessionHash.equals(s.sessionHash)).toList();
            same.subList(0, Math.max(0, same.size() - MAX_STREAMS_PER_SESSION)).forEach(old -> {
                subscribers.remove(old);
                old.emitter.complete();
            });
        }
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        long now = lastId;
        SseEmitter.SseEventBuilder hello = SseEmitter.event().comment("connected").reconnectTime(RECONNECT_MILLIS);
        if (now >= 0) {
            hello.id(String.valueOf(now));
        }
        send(subscriber, hello);
        if (draining) {
            // The proxy is to take the page elsewhere: its browser reconnects after the hello's delay.
            subscribers.remove(subscriber);
            emitter.complete();
            return emitter;
        }
        if (lastEventId != null && !lastEventId.equals(String.valueOf(now))) {
            SseEmitter.SseEventBuilder resync = SseEmitter.event().name(RESYNC).data("changed");
            if (now >= 0) {
                resync.id(String.valueOf(now));
            }
            send(subscriber, resync);
        }
        return emitter;
    }

    /**
     * Tells the pages of {@code tenantId} that {@code event} happened, on every node, once the
     * current transaction commits (or at once outside one; never when it rolls back).
     */
    public void publish(long tenantId, String event) {
        publish(tenantId, event, null);
    }

    /** As {@link #publish(long, String)}, naming the VM that changed. */
    public void publish(long tenantId, String event, String vmId) {
        writer.write(new LiveEvent(0, tenantId, null, vmId, event));
    }

    /**
     * Tells the pages of person {@code userId} (and nobody else's) that {@code event} happened,
     * on every node, once the current transaction commits (or at once outside one).
     */
    public void publishToUser(long userId, String event) {
        writer.write(new LiveEvent(0, null, userId, null, event));
    }

    /** The id of the newest event this node has handed to its pages, or -1 before the first read. */
    long lastId() {
        return lastId;
    }

    /**
     * Hands new events (from {@code live_event}, oldest first) to the open pages allowed to see
     * them, coalesced per page and kind; {@code newest} is the newest id read so far.
     */
    void deliver(List<LiveEvent> events, long newest, long nowNanos) {
        lastId = Math.max(lastId, newest);
        if (events.isEmpty()) {
            return;
        }
        for (Subscriber s : subscribers) {
            Set<String> kinds = new LinkedHashSet<>();
            long id = 0;
            for (LiveEvent e : events) {
                if (s.sees(e)) {
                    kinds.add(e.kind());
                    id = Math.max(id, e.id());
                }
            }
            if (!kinds.isEmpty()) {
                offer(s, kinds, id, nowNanos);
            }
        }
    }

    /** Pushes what waited for its window to pass. */
    void flush(long nowNanos) {
        for (Subscriber s : subscribers) {
            Set<String> due = new LinkedHashSet<>();
            synchronized (s) {
                for (String kind : s.pending) {
                    if (nowNanos - s.lastPush.getOrDefault(kind, Long.MIN_VALUE / 2) >= windowNanos) {
                        due.add(kind);
                    }
                }
            }
            if (!due.isEmpty()) {
                offer(s, due, 0, nowNanos);
            }
        }
    }

    private void offer(Subscriber s, Set<String> kinds, long id, long nowNanos) {
        Map<String, Long> now = new HashMap<>();
        synchronized (s) {
            s.pendingId = Math.max(s.pendingId, id);
            for (String kind : kinds) {
                Long last = s.lastPush.get(kind);
                if (last == null || nowNanos - last >= windowNanos) {
                    s.lastPush.put(kind, nowNanos);
                    s.pending.remove(kind);
                    now.put(kind, s.pendingId);
                } else {
                    s.pending.add(kind);
                }
            }
        }
        now.forEach((kind, eventId) -> send(s, SseEmitter.event().id(String.valueOf(eventId)).name(kind)
                .data("changed")));
    }

    /**
     * Ends the streams of a session that ended (named by its {@link SessionHash}): each closes, and
     * when {@code tell}, its page is first told to go to the sign-in page ({@link #SIGNED_OUT}).
     */
    public void sessionEnded(String sessionHash, boolean tell) {
        for (Subscriber s : subscribers) {
            if (sessionHash != null && sessionHash.equals(s.sessionHash)) {
                if (tell) {
                    send(s, SseEmitter.event().name(SIGNED_OUT).data(SIGN_IN_AGAIN));
                }
                subscribers.remove(s);
                s.emitter.complete();
            }
        }
    }

    /** Closes every stream; open pages reconnect by themselves (and catch up). */
    public void closeAll() {
        subscribers.forEach(s -> s.emitter.complete());
        subscribers.clear();
    }

    /**
     * While this node refuses traffic (it began to stop, or drains), its streams are closed and a
     * new one ends right after its hello: the browsers reconnect, through the proxy to another node,
     * instead of holding this one's shutdown. Streams open again once it accepts traffic.
     */
    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> change) {
        draining = change.getState() == ReadinessState.REFUSING_TRAFFIC;
        if (draining) {
            closeAll();
        }
    }

    /** Closes every stream for good: the portal is stopping. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        draining = true;
        closeAll();
    }

    /** How many pages this node is pushing to. */
    public int subscriberCount() {
        return subscribers.size();
    }

    /** Keeps idle streams open through proxies, and drops the dead ones. */
    @Scheduled(fixedDelay = 20_000)
    void heartbeat() {
        subscribers.forEach(s -> send(s, SseEmitter.event().comment("ping")));
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropped a closed live-update stream");
            subscribers.remove(subscriber);
        }
    }
}

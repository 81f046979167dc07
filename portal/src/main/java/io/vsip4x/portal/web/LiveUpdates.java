package io.vsip4x.portal.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events that tell open pages something changed; the page then fetches the part
 * that changed (so every fragment is rendered with the viewer's rights and language).
 * Subscribers see the events of their tenant; platform-wide accounts see all.
 */
@Service
public class LiveUpdates {

    /** A VM's state changed. */
    public static final String VMS = "vms";
    /** A request changed. */
    public static final String REQUESTS = "requests";
    /** The person's inbox changed (sent to that person only). */
    public static final String INBOX = "inbox";

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private record Subscriber(SseEmitter emitter, Long tenantId, Long userId) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** Opens a stream for a person of {@code tenantId} ({@code null}: every tenant). */
    public SseEmitter subscribe(Long tenantId) {
        return subscribe(tenantId, null);
    }

    /**
     * Opens a stream for person {@code userId} of {@code tenantId} ({@code null}: every tenant),
     * who also gets the events of their own (see {@link #publishToUser}).
     */
    public SseEmitter subscribe(Long tenantId, Long userId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(emitter, tenantId, userId);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        send(subscriber, SseEmitter.event().comment("connected"));
        return emitter;
    }

    /**
     * Tells the pages of {@code tenantId} that {@code event} happened: after the current
     * transaction commits, or at once outside one.
     */
    public void publish(long tenantId, String event) {
        afterCommit(() -> subscribers.stream()
                .filter(s -> s.tenantId() == null || Objects.equals(s.tenantId(), tenantId))
                .forEach(s -> send(s, SseEmitter.event().name(event).data("changed"))));
    }

    /**
     * Tells the pages of person {@code userId} (and nobody else's) that {@code event} happened:
     * after the current transaction commits, or at once outside one.
     */
    public void publishToUser(long userId, String event) {
        afterCommit(() -> subscribers.stream()
                .filter(s -> s.userId() != null && s.userId() == userId)
                .forEach(s -> send(s, SseEmitter.event().name(event).data("changed"))));
    }

    private static void afterCommit(Runnable fire) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    fire.run();
                }
            });
        } else {
            fire.run();
        }
    }

    /** Closes every stream, so that open pages do not hold up a shutdown. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }

    /** Keeps idle streams open through proxies, and drops the dead ones. */
    @Scheduled(fixedDelay = 20_000)
    void heartbeat() {
        subscribers.forEach(s -> send(s, SseEmitter.event().comment("ping")));
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropped a closed live-update stream");
            subscribers.remove(subscriber);
        }
    }
}

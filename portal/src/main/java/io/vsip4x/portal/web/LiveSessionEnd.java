package io.vsip4x.portal.web;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells every node that an HTTP session ended, and acts on it on each: a row of {@code live_event}
 * naming the session by its {@link SessionHash} only, which every node's {@link LiveEventTail} reads
 * (the node that wrote it too). Each node then ends the session's live-update streams
 * ({@link LiveUpdates#sessionEnded}) and publishes {@link SessionEnded} for the rest (consoles).
 *
 * <p>A session that expired tells its pages to go to the sign-in page; one ended by a request
 * (signing out, a locked account) only closes them: the page that asked is answered by its own
 * request, and the others are told when they reconnect.
 */
@Component
public class LiveSessionEnd {

    /** The kind of the signal of a session a request ended. */
    static final String SIGNED_OUT = "session-signed-out";
    /** The kind of the signal of a session that ran out of time. */
    static final String EXPIRED = "session-expired";

    private final LiveEventWriter writer;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;

    LiveSessionEnd(LiveEventWriter writer, LiveUpdates live, ApplicationEventPublisher events) {
        this.writer = writer;
        this.live = live;
        this.events = events;
    }

    /**
     * Tells every node that session {@code sessionId} ended, with the current transaction (or at once
     * outside one).
     *
     * @param expired {@code true} when it ran out of time, {@code false} when a request ended it
     */
    public void publish(String sessionId, boolean expired) {
        writer.write(new LiveEvent(0, null, null, null, expired ? EXPIRED : SIGNED_OUT, SessionHash.of(sessionId)));
    }

    /** Whether {@code event} is the end of a session rather than a change for pages. */
    static boolean isSessionEnd(LiveEvent event) {
        return event.sessionHash() != null;
    }

    /** Acts on the end of a session read from {@code live_event}. */
    void arrived(LiveEvent event) {
        boolean expired = EXPIRED.equals(event.kind());
        live.sessionEnded(event.sessionHash(), expired);
        events.publishEvent(new SessionEnded(event.sessionHash(), expired));
    }
}

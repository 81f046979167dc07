package io.vsip4x.portal.web;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.stereotype.Component;

/** Ends the live-update streams of a session that expired or was signed out ({@link LiveUpdates#sessionEnded}). */
@Component
class LiveSessionEnd implements HttpSessionListener {

    private final LiveUpdates live;

    LiveSessionEnd(LiveUpdates live) {
        this.live = live;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        live.sessionEnded(event.getSession().getId());
    }
}

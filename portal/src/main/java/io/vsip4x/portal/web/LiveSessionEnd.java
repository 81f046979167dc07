package io.vsip4x.portal.web;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Ends the live-update streams of a session that ended ({@link LiveUpdates#sessionEnded}). A
 * session that expired tells its pages to go to the sign-in page; one ended by a request (signing
 * out, a locked account) only closes them: the page that asked is answered by its own request,
 * and the others are told when they reconnect.
 */
@Component
class LiveSessionEnd implements HttpSessionListener {

    private final LiveUpdates live;

    LiveSessionEnd(LiveUpdates live) {
        this.live = live;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        boolean expired = RequestContextHolder.getRequestAttributes() == null;
        live.sessionEnded(event.getSession().getId(), expired);
    }
}

package io.vsip4x.portal.console;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Closes the consoles of an HTTP session when it ends: {@link ConsoleReason#SIGNED_OUT} when a
 * request ended it (signing out, a locked account's session closed), else
 * {@link ConsoleReason#SESSION_ENDED}. The sweep checks the sessions too.
 */
@Component
class ConsoleHttpSessions implements HttpSessionListener {

    private final ConsoleTunnels tunnels;

    ConsoleHttpSessions(ConsoleTunnels tunnels) {
        this.tunnels = tunnels;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        if (tunnels.stopping()) {
            return;
        }
        tunnels.httpSessionEnded(event.getSession().getId(), RequestContextHolder.getRequestAttributes() != null);
    }
}

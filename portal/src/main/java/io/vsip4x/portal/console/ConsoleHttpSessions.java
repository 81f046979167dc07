package io.vsip4x.portal.console;

import io.vsip4x.portal.web.SessionEnded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Closes this node's consoles of an HTTP session that ended on any node ({@link SessionEnded}, told
 * through {@code live_event}): {@link ConsoleReason#SIGNED_OUT} when a request ended it (signing
 * out, a locked account's session closed), else {@link ConsoleReason#SESSION_ENDED}. The sweep
 * checks the sessions too, in the shared store.
 */
@Component
class ConsoleHttpSessions {

    private final ConsoleTunnels tunnels;

    ConsoleHttpSessions(ConsoleTunnels tunnels) {
        this.tunnels = tunnels;
    }

    @EventListener
    void sessionEnded(SessionEnded ended) {
        if (tunnels.stopping()) {
            return;
        }
        tunnels.httpSessionEnded(ended.sessionHash(), !ended.expired());
    }
}

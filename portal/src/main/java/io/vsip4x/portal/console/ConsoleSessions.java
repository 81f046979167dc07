package io.vsip4x.portal.console;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consoles open in browsers, on any node, as the database has them; and the way to end one
 * from elsewhere (a take-over, an admin): the node holding it closes it within
 * {@code portal.console.sweep}, at once when it is this one.
 */
@Service
public class ConsoleSessions {

    private final ConsoleSessionRepository sessions;
    private final ConsoleTunnels tunnels;

    ConsoleSessions(ConsoleSessionRepository sessions, ConsoleTunnels tunnels) {
        this.sessions = sessions;
        this.tunnels = tunnels;
    }

    /**
     * A console open in a browser.
     *
     * @param id            the {@code console_session} id
     * @param clientAddress the browser's address as the portal saw it, or {@code null}
     */
    public record OpenConsole(long id, String vmId, String vmName, long tenantId, long userId, String username,
            boolean viewOnly, Instant openedAt, String clientAddress) {
    }

    /** The consoles of {@code vmId} open now, oldest first. */
    @Transactional(readOnly = true)
    public List<OpenConsole> open(String vmId) {
        return sessions.openOf(vmId);
    }

    /** The consoles open now in the tenant {@code tenantIdOrNullForAll}, or in every tenant for {@code null}. */
    @Transactional(readOnly = true)
    public List<OpenConsole> openInTenant(Long tenantIdOrNullForAll) {
        return sessions.openInTenant(tenantIdOrNullForAll);
    }

    /**
     * Asks the open console {@code sessionId} to end; the node that holds it closes it and records
     * {@code reason} as why. A console that is closed already, or asked to end already, is left as it is.
     *
     * @param reason   {@code TAKEN_OVER}, {@code ENDED_BY_ADMIN} or {@code ACCESS_LOST}
     * @param byUserId who asks
     * @throws IllegalArgumentException for any other reason
     */
    public void requestEnd(long sessionId, String reason, long byUserId) {
        ConsoleReason word = ConsoleReason.of(reason);
        if (word == null || !ConsoleReason.requestable(word)) {
            throw new IllegalArgumentException("A console cannot be asked to end for '" + reason + "'");
        }
        if (sessions.requestEnd(sessionId, word.name(), byUserId)) {
            tunnels.endRequested(sessionId, word);
        }
    }
}

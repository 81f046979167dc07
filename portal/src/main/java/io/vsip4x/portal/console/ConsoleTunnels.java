package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.portal.identity.AccountStanding;
import io.vsip4x.portal.sessions.SharedSessions;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.SessionHash;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The tunnels of this node, and how each ends: closing one always closes its guacd connection,
 * tells the browser why (an {@code error} instruction with the reason word, then the WebSocket's
 * close with the numeric Guacamole status), closes its {@code console_session} row and logs
 * {@code CONSOLE_CLOSED}. A sweep every {@code portal.console.sweep} ends the tunnels that must end:
 * asked to from elsewhere, their HTTP session over, their right gone or lessened, their browser
 * silent, no token given in time, or their row closed by another node that took this one for
 * lost; it also keeps idle tunnels alive for proxies.
 */
@Component
class ConsoleTunnels {

    /** How long a new tunnel may wait for its {@code auth} instruction. */
    static final Duration AUTH_WAIT = Duration.ofSeconds(5);
    /**
     * How long a tunnel's HTTP session may be gone from the store before the tunnel ends without the
     * signal that tells why (signed out, or expired) having arrived.
     */
    static final Duration SESSION_GONE_GRACE = Duration.ofSeconds(3);
    /** The no-op instruction that keeps an idle tunnel alive. */
    static final String NOP = new GuacamoleInstruction("nop").toString();

    private static final Logger log = LoggerFactory.getLogger(ConsoleTunnels.class);

    private final Map<String, ConsoleTunnel> tunnels = new ConcurrentHashMap<>();
    /** When the sweep first found a tunnel's HTTP session gone (nanos), by tunnel id. */
    private final Map<String, Long> sessionGoneSince = new ConcurrentHashMap<>();
    private final ConsoleSessionRepository sessions;
    private final ConsoleAudit audit;
    private final ConsoleAccess access;
    private final ConsoleVms vms;
    private final AccountStanding standing;
    private final SharedSessions httpSessions;
    private final ConsoleProperties properties;
    private final Clock clock;
    private volatile boolean stopping;

    ConsoleTunnels(ConsoleSessionRepository sessions, ConsoleAudit audit, ConsoleAccess access, ConsoleVms vms,
            AccountStanding standing, SharedSessions httpSessions, ConsoleProperties properties, Clock clock) {
        this.sessions = sessions;
        this.audit = audit;
        this.access = access;
        this.vms = vms;
        this.standing = standing;
        this.httpSessions = httpSessions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Keeps a new tunnel; {@code false} when the portal is stopping (the caller refuses it). */
    boolean add(ConsoleTunnel tunnel) {
        tunnels.put(tunnel.ws().getId(), tunnel);
        return !stopping;
    }

    /** The tunnel of a WebSocket, if it is still here. */
    Optional<ConsoleTunnel> of(WebSocketSession ws) {
        return Optional.ofNullable(tunnels.get(ws.getId()));
    }

    /** The tunnel whose id the browser was told (its first instruction), if this node holds it. */
    Optional<ConsoleTunnel> withId(String tunnelId) {
        return tunnels.values().stream().filter(t -> t.id().equals(tunnelId)).findFirst();
    }

    /** Whether the portal is stopping: no console opens any more. */
    boolean stopping() {
        return stopping;
    }

    /** Refuses a tunnel a console: closes it with {@code reason} and logs {@code CONSOLE_REFUSED}, once. */
    void refuse(ConsoleTunnel tunnel, ConsoleReason reason) {
        if (shut(tunnel, reason) != ConsoleTunnel.State.CLOSED) {
            refused(tunnel, reason);
        }
    }

    /**
     * Closes a tunnel for {@code reason}; closing one that is closed already does nothing. A console
     * still being opened (its token spent, guacd connecting) is refused for that reason.
     */
    void close(ConsoleTunnel tunnel, ConsoleReason reason) {
        if (shut(tunnel, reason) == ConsoleTunnel.State.OPENING) {
            refused(tunnel, reason);
        }
    }

    /** Closes the tunnel, its guacd connection and an open console's row; returns the state it was in. */
    private ConsoleTunnel.State shut(ConsoleTunnel tunnel, ConsoleReason reason) {
        ConsoleTunnel.State before = tunnel.markClosed();
        if (before == ConsoleTunnel.State.CLOSED) {
            return before;
        }
        tunnels.remove(tunnel.ws().getId(), tunnel);
        GuacdSocket.closeQuietly(tunnel.guacd());
        closeBrowser(tunnel, reason);
        if (before == ConsoleTunnel.State.OPEN) {
            try (Correlation.Scope scope = Correlation.open(tunnel.id())) {
                finish(tunnel, tunnel.console(), reason);
            }
        }
        return before;
    }

    private void refused(ConsoleTunnel tunnel, ConsoleReason reason) {
        log.info("Refused a console of VM '{}' to '{}': {}", tunnel.vmId(),
                tunnel.user() == null ? ConsoleAudit.ANONYMOUS : tunnel.user().username(), reason);
        audit.refused(ConsoleAudit.Actor.of(tunnel.user(), tunnel.clientAddress()), tunnel.id(), tunnel.vmId(),
                reason);
    }

    /** Ends the local tunnel of console {@code sessionId}, if this node holds it. */
    void endRequested(long sessionId, ConsoleReason reason) {
        for (ConsoleTunnel tunnel : tunnels.values()) {
            ConsoleTunnel.Console console = tunnel.console();
            if (console != null && console.sessionId() == sessionId) {
                close(tunnel, reason);
            }
        }
    }

    /**
     * Ends the tunnels of an HTTP session that ended (named by its {@link SessionHash}): signed out when
     * a request ended it, else it ran out.
     */
    void httpSessionEnded(String httpSessionHash, boolean duringRequest) {
        for (ConsoleTunnel tunnel : tunnels.values()) {
            if (httpSessionHash.equals(SessionHash.of(tunnel.httpSessionId()))) {
                close(tunnel, duringRequest ? ConsoleReason.SIGNED_OUT : ConsoleReason.SESSION_ENDED);
            }
        }
    }

    /** Closes every tunnel: the portal is stopping. */
    @EventListener(ContextClosedEvent.class)
    void stopAll() {
        stopping = true;
        new ArrayList<>(tunnels.values()).forEach(tunnel -> close(tunnel, ConsoleReason.NODE_STOPPING));
    }

    /**
     * A node that refuses traffic (it began to stop, and the proxy is to send the pages to another
     * node) closes its tunnels and opens none until it accepts traffic again.
     */
    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> change) {
        if (change.getState() == ReadinessState.REFUSING_TRAFFIC) {
            stopAll();
        } else {
            stopping = false;
        }
    }

    /** How many tunnels this node holds (open consoles, and tunnels still opening). */
    int count() {
        return tunnels.size();
    }

    /** Ends what must end and keeps the idle alive; see the class comment. */
    @Scheduled(fixedDelayString = "${portal.console.sweep:1s}")
    void sweep() {
        if (tunnels.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Map<Long, ConsoleTunnel> open = new HashMap<>();
        for (ConsoleTunnel tunnel : tunnels.values()) {
            ConsoleTunnel.State state = tunnel.state();
            if (state == ConsoleTunnel.State.WAITING && tunnel.nanosSinceConnected(now) > AUTH_WAIT.toNanos()) {
                refuse(tunnel, ConsoleReason.TOKEN_INVALID);
            } else if (state == ConsoleTunnel.State.OPEN) {
                open.put(tunnel.console().sessionId(), tunnel);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        try {
            for (ConsoleSessionRepository.Ending ending : sessions.endings(open.keySet())) {
                ConsoleTunnel tunnel = open.remove(ending.id());
                // A row closed meanwhile by another node (which took this one for lost) ends its tunnel here too.
                ConsoleReason reason = ending.closed() ? ConsoleReason.NODE_LOST : ConsoleReason.of(ending.reason());
                close(tunnel, reason != null ? reason : ConsoleReason.ENDED_BY_ADMIN);
            }
        } catch (DataAccessException e) {
            log.warn("Could not read the consoles' end requests: {}", e.getMessage());
        }
        Map<String, SharedSessions.State> httpSessionStates;
        try {
            httpSessionStates = httpSessions.states(open.values().stream().map(ConsoleTunnel::httpSessionId).toList());
            sessionGoneSince.keySet().retainAll(open.values().stream().map(ConsoleTunnel::id).toList());
        } catch (DataAccessException e) {
            // Unknown for now: the other checks and the keep-alives go on.
            log.warn("Could not read the consoles' HTTP sessions: {}", e.getMessage());
            httpSessionStates = Map.of();
        }
        for (ConsoleTunnel tunnel : open.values()) {
            try {
                check(tunnel, now, httpSessionStates.get(tunnel.httpSessionId()));
            } catch (DataAccessException e) {
                log.warn("Could not check the console of '{}': {}", tunnel.user().username(), e.getMessage());
            }
        }
    }

    private void check(ConsoleTunnel tunnel, long now, SharedSessions.State httpSession) {
        ConsoleReason reason = httpSessionOver(tunnel, httpSession, now);
        if (reason == null) {
            reason = accessLost(tunnel);
        }
        if (reason == null && tunnel.nanosWritingToGuacd(now) > properties.guacdSilence().toNanos()) {
            // guacd stopped reading: the browser's messages wait behind the blocked write.
            reason = ConsoleReason.GUACD_STALLED;
        }
        if (reason == null && tunnel.nanosSinceReceived(now) > properties.browserSilence().toNanos()) {
            reason = ConsoleReason.BROWSER_DROPPED;
        }
        if (reason != null) {
            close(tunnel, reason);
            return;
        }
        if (tunnel.nanosSinceSent(now) >= properties.keepAlive().toNanos()) {
            try {
                tunnel.send(NOP);
            } catch (IOException | IllegalStateException e) {
                close(tunnel, ConsoleReason.BROWSER_DROPPED);
                return;
            }
        }
        if (tunnel.console().recording() != null) {
            tunnel.console().recording().idle(now);
        }
    }

    /**
     * {@link ConsoleReason#SESSION_ENDED} when the tunnel's HTTP session ran out of time, or has been
     * gone from the shared store for {@link #SESSION_GONE_GRACE} without the signal of its end (which
     * tells whether it was signed out) having closed the tunnel; else {@code null}. The tunnel's copy
     * of its session cannot tell: another request or node ends it in the store. {@code null} (the
     * store could not be read) ends nothing.
     */
    private ConsoleReason httpSessionOver(ConsoleTunnel tunnel, SharedSessions.State httpSession, long now) {
        if (httpSession == null) {
            return null;
        }
        if (httpSession == SharedSessions.State.LIVE) {
            sessionGoneSince.remove(tunnel.id());
            return null;
        }
        if (httpSession == SharedSessions.State.EXPIRED) {
            return ConsoleReason.SESSION_ENDED;
        }
        long since = sessionGoneSince.computeIfAbsent(tunnel.id(), id -> now);
        return now - since > SESSION_GONE_GRACE.toNanos() ? ConsoleReason.SESSION_ENDED : null;
    }

    /** Whether the HTTP session of {@code tunnel} still stands in the shared store. */
    boolean httpSessionLive(ConsoleTunnel tunnel) {
        return httpSessions.states(List.of(tunnel.httpSessionId())).get(tunnel.httpSessionId())
                == SharedSessions.State.LIVE;
    }

    /**
     * Whether the person lost the console's right, or has only a lesser one now: their account was
     * locked or removed, its roles, tenant or clearance changed (their session no longer stands),
     * the binding of the UKEY their session signed in with was revoked, their sign-in policy now needs
     * more than their session's sign-in gave, or the VM's rules no longer
     * give them this console.
     */
    private ConsoleReason accessLost(ConsoleTunnel tunnel) {
        if (standing.of(tunnel.user()) != AccountStanding.Standing.GOOD
                || standing.ukeyRevoked(tunnel.httpSession()) != null
                || standing.weakerThanPolicy(tunnel.httpSession(), tunnel.user())) {
            return ConsoleReason.ACCESS_LOST;
        }
        ConsoleTunnel.Console console = tunnel.console();
        Optional<Vm> vm = vms.live(console.vmId());
        if (vm.isEmpty()) {
            return ConsoleReason.ACCESS_LOST;
        }
        ConsoleRight right = access.rightOf(tunnel.user(), vm.get());
        boolean enough = console.viewOnly() ? right.any() : right.interactive();
        return enough ? null : ConsoleReason.ACCESS_LOST;
    }

    private void finish(ConsoleTunnel tunnel, ConsoleTunnel.Console console, ConsoleReason reason) {
        Instant now = Instant.now(clock);
        String path = null;
        Long bytes = null;
        Instant until = null;
        if (console.recording() != null) {
            bytes = console.recording().end();
            path = console.recording().file().toString();
            until = now.plus(Duration.ofDays(console.retentionDays()));
        }
        long seconds = Math.max(0, Duration.between(console.openedAt(), now).toSeconds());
        log.info("Closed console {} of '{}' on VM '{}' after {} s: {}", console.sessionId(),
                tunnel.user().username(), console.vmId(), seconds, reason);
        boolean wasOpen;
        try {
            wasOpen = sessions.close(console.sessionId(), reason.name(), now, path, bytes, until);
        } catch (DataAccessException e) {
            log.error("Could not record the close of console {}", console.sessionId(), e);
            wasOpen = true;
        }
        if (wasOpen) {
            audit.closed(ConsoleAudit.Actor.of(tunnel.user(), tunnel.clientAddress()), tunnel.id(), console.vmId(),
                    console.sessionId(), seconds, reason);
        }
    }

    /** Tells the browser why, then closes its WebSocket (a browser that closed it needs neither). */
    private static void closeBrowser(ConsoleTunnel tunnel, ConsoleReason reason) {
        WebSocketSession ws = tunnel.ws();
        if (!ws.isOpen()) {
            return;
        }
        String status = Integer.toString(reason.statusCode());
        try {
            if (reason != ConsoleReason.USER_CLOSED) {
                tunnel.send(new GuacamoleInstruction("error", reason.name(), status).toString());
            }
            ws.close(new CloseStatus(reason.webSocketCode(), status));
        } catch (IOException | IllegalStateException e) {
            log.debug("The browser's WebSocket did not close cleanly: {}", e.getMessage());
        }
    }
}

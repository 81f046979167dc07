package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.AuditUnavailableException;
import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.vms.Vm;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleUpstreamTimeoutException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.net.GuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the console a tunnel's {@code auth} instruction asks for, and then relays guacd's
 * instructions to the browser, on a thread of a bounded pool: the token is spent for the person
 * and the HTTP session of the WebSocket, their right and their limit of open consoles are checked
 * again, guacd is connected, and the console is logged as opened. Any refusal is logged and sent
 * to the browser ({@link ConsoleTunnels#refuse}).
 */
@Component
class ConsoleOpener {

    /** The most tunnels one node relays at once. */
    static final int MAX_TUNNELS = 512;
    /** Instructions from guacd are sent to the browser in messages of about this many characters at most. */
    private static final int BATCH = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ConsoleOpener.class);

    private final ConsoleTokens tokens;
    private final ConsoleTunnels tunnels;
    private final ConsoleVms vms;
    private final ConsoleAccess access;
    private final ConsoleSessionRepository sessions;
    private final GuacdConnector connector;
    private final ConsoleSettingsRepository settings;
    private final ConsoleRecordings recordings;
    private final ConsoleAudit audit;
    private final ConsoleNode node;
    private final ConsoleProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ThreadPoolExecutor pumps;

    ConsoleOpener(ConsoleTokens tokens, ConsoleTunnels tunnels, ConsoleVms vms, ConsoleAccess access,
            ConsoleSessionRepository sessions, GuacdConnector connector, ConsoleSettingsRepository settings,
            ConsoleRecordings recordings, ConsoleAudit audit, ConsoleNode node, ConsoleProperties properties,
            Clock clock, PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.tunnels = tunnels;
        this.vms = vms;
        this.access = access;
        this.sessions = sessions;
        this.connector = connector;
        this.settings = settings;
        this.recordings = recordings;
        this.audit = audit;
        this.node = node;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        AtomicInteger count = new AtomicInteger();
        this.pumps = new ThreadPoolExecutor(0, MAX_TUNNELS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "console-tunnel-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the console of {@code auth} (token, width, height, dpi) and relays it, on a thread of the pool. */
    void open(ConsoleTunnel tunnel, List<String> auth) {
        try {
            pumps.execute(() -> {
                try (Correlation.Scope scope = Correlation.open(tunnel.id())) {
                    GuacamoleSocket guacd = connect(tunnel, auth);
                    if (guacd != null) {
                        relay(tunnel, guacd);
                    }
                } catch (RuntimeException e) {
                    log.error("The console tunnel {} failed", tunnel.id(), e);
                    tunnels.close(tunnel, ConsoleReason.GUACD_CLOSED);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Refused a console: this node relays {} tunnels already", MAX_TUNNELS);
            tunnels.refuse(tunnel, ConsoleReason.GUACD_UNREACHABLE);
        }
    }

    @PreDestroy
    void stop() {
        pumps.shutdownNow();
    }

    /** Checks the token and the person, connects guacd and opens the console; {@code null} when refused. */
    private GuacamoleSocket connect(ConsoleTunnel tunnel, List<String> auth) {
        String token = auth.isEmpty() ? null : auth.get(0);
        CurrentUser user = tunnel.user();
        if (user == null || tunnel.httpSessionId() == null || !tunnels.httpSessionLive(tunnel)) {
            tokens.find(token).ifPresent(t -> tunnel.vmId(t.vmId()));
            tunnels.refuse(tunnel, ConsoleReason.NO_SESSION);
            return null;
        }
        ConsoleTokens.Redemption redemption = tokens.redeem(token, user.id(), tunnel.httpSessionId());
        if (redemption.token() != null) {
            tunnel.vmId(redemption.token().vmId());
        }
        if (!redemption.redeemed()) {
            tunnels.refuse(tunnel, redemption.refusal());
            return null;
        }
        Optional<Vm> found = vms.live(tunnel.vmId());
        ConsoleRight right = found.map(vm -> access.rightOf(user, vm)).orElse(ConsoleRight.NONE);
        if (!right.any()) {
            tunnels.refuse(tunnel, ConsoleReason.ACCESS_LOST);
            return null;
        }
        Vm vm = found.get();
        if (!ConsoleTokenController.hasConsole(vm)) {
            tunnels.refuse(tunnel, ConsoleReason.VM_NOT_RUNNING);
            return null;
        }
        boolean viewOnly = redemption.token().viewOnly() || !right.interactive();
        return open(tunnel, vm, viewOnly, right, auth);
    }

    private GuacamoleSocket open(ConsoleTunnel tunnel, Vm vm, boolean viewOnly, ConsoleRight right,
            List<String> auth) {
        CurrentUser user = tunnel.user();
        Instant openedAt = Instant.now(clock);
        Long sessionId = reserve(tunnel, vm, viewOnly, openedAt);
        if (sessionId == null) {
            tunnels.refuse(tunnel, ConsoleReason.LIMIT_REACHED);
            return null;
        }
        GuacamoleSocket guacd = null;
        ConsoleRecordings.Recording recording = null;
        boolean opened;
        try {
            TenantConsoleSettings tenant = settings.forTenant(vm.tenantId());
            try {
                guacd = connector.connect(vm.vmId(), viewOnly,
                        GuacdConnector.Screen.of(arg(auth, 1), arg(auth, 2), arg(auth, 3)), user.username(),
                        tenant.keyboardLayout(), tunnel::connecting);
            } catch (GuacdConnector.ConnectFailure e) {
                sessions.delete(sessionId);
                tunnels.refuse(tunnel, e.reason());
                return null;
            }
            if (!tunnel.connecting(guacd)) {
                discard(guacd, sessionId, null);
                return null;
            }
            recording = tenant.recording() ? record(vm.tenantId(), sessionId) : null;
            ConsoleTunnel.Console console = new ConsoleTunnel.Console(sessionId, vm.vmId(), vm.tenantId(), viewOnly,
                    openedAt, guacd, recording, tenant.recordingRetentionDays());
            opened = tunnel.open(console, () -> audit.opened(ConsoleAudit.Actor.of(user, tunnel.clientAddress()),
                    tunnel.id(), vm.vmId(), sessionId, viewOnly, right.basis()));
        } catch (AuditUnavailableException e) {
            log.error("Refused a console of VM '{}' to '{}': its audit event could not be stored", vm.vmId(),
                    user.username(), e);
            discard(guacd, sessionId, recording);
            tunnels.refuse(tunnel, ConsoleReason.AUDIT_UNAVAILABLE);
            return null;
        } catch (RuntimeException e) {
            // The database or the platform failed midway: the row must not stay open against the person's limit.
            discard(guacd, sessionId, recording);
            throw e;
        }
        if (!opened) {
            discard(guacd, sessionId, recording);
            return null;
        }
        log.info("Opened console {} of VM '{}' for '{}' ({}, {})", sessionId, vm.vmId(), user.username(),
                viewOnly ? "view-only" : "interactive", right.basis());
        return guacd;
    }

    /**
     * Inserts the console's row unless the person has as many open as they may: counted under a lock
     * of their account row, so two tunnels opening at once cannot both pass.
     *
     * @return the row's id, or {@code null} at the limit
     */
    private Long reserve(ConsoleTunnel tunnel, Vm vm, boolean viewOnly, Instant now) {
        CurrentUser user = tunnel.user();
        return transaction.execute(status -> {
            sessions.lockUser(user.id());
            if (sessions.countOpen(user.id()) >= properties.maxPerUser()) {
                return null;
            }
            return sessions.insert(new ConsoleSessionRepository.NewSession(vm.vmId(), vm.name(), vm.tenantId(),
                    user.id(), user.username(), viewOnly, node.name(), tunnel.clientAddress()), now);
        });
    }

    /** Relays guacd's instructions to the browser (and the recording) until either side ends. */
    private void relay(ConsoleTunnel tunnel, GuacamoleSocket guacd) {
        GuacamoleReader reader = guacd.getReader();
        ConsoleRecordings.Recording recording = tunnel.console().recording();
        StringBuilder batch = new StringBuilder();
        ConsoleReason reason;
        try {
            reason = relay(tunnel, reader, recording, batch);
        } catch (GuacamoleUpstreamTimeoutException e) {
            reason = ConsoleReason.GUACD_STALLED;
        } catch (GuacamoleException e) {
            reason = ConsoleReason.GUACD_CLOSED;
        } catch (IOException | IllegalStateException e) {
            reason = ConsoleReason.BROWSER_DROPPED;
        }
        if (tunnel.state() == ConsoleTunnel.State.CLOSED) {
            return;
        }
        if (!batch.isEmpty() && reason != ConsoleReason.BROWSER_DROPPED) {
            try {
                tunnel.send(batch.toString());
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not send guacd's last instructions: {}", e.getMessage());
            }
        }
        tunnels.close(tunnel, reason);
    }

    private static ConsoleReason relay(ConsoleTunnel tunnel, GuacamoleReader reader,
            ConsoleRecordings.Recording recording, StringBuilder batch) throws GuacamoleException, IOException {
        while (true) {
            GuacamoleInstruction instruction = reader.readInstruction();
            if (instruction == null) {
                return ConsoleReason.GUACD_CLOSED;
            }
            String text = instruction.toString();
            if (recording != null) {
                recording.write(instruction);
            }
            switch (instruction.getOpcode()) {
                case "error":
                    return upstreamGone(instruction) ? ConsoleReason.VM_NOT_RUNNING : ConsoleReason.GUACD_CLOSED;
                case "disconnect":
                    return ConsoleReason.GUACD_CLOSED;
                default:
                    batch.append(text);
            }
            if (batch.length() >= BATCH || !reader.available()) {
                tunnel.send(batch.toString());
                batch.setLength(0);
            }
        }
    }

    /** Whether guacd's {@code error} says the VM's console is gone (the VM stopped). */
    private static boolean upstreamGone(GuacamoleInstruction error) {
        List<String> args = error.getArgs();
        return args.size() > 1
                && Integer.toString(GuacamoleStatus.UPSTREAM_NOT_FOUND.getGuacamoleStatusCode()).equals(args.get(1));
    }

    private ConsoleRecordings.Recording record(long tenantId, long sessionId) {
        try {
            return recordings.start(tenantId, sessionId);
        } catch (IOException e) {
            log.error("Could not start the recording of console {}; it runs unrecorded", sessionId, e);
            return null;
        }
    }

    /** Undoes a console that did not open: its guacd connection (if any), its row and its recording go. */
    private void discard(GuacamoleSocket guacd, long sessionId, ConsoleRecordings.Recording recording) {
        GuacdSocket.closeQuietly(guacd);
        sessions.delete(sessionId);
        if (recording != null) {
            recording.end();
            try {
                Files.deleteIfExists(recording.file());
            } catch (IOException e) {
                log.warn("Could not remove the recording {} of a console that did not open", recording.file(), e);
            }
        }
    }

    private static String arg(List<String> args, int index) {
        return index < args.size() ? args.get(index) : null;
    }
}

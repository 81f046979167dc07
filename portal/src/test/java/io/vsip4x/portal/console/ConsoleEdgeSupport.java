package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.AccountStanding;
import io.vsip4x.portal.sessions.SharedSessions;
import io.vsip4x.portal.vms.VmService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Helpers of the console edge tests: the context's console beans, copies of the console settings
 * with one thing changed, a second set of tunnels built by hand from the context's real parts
 * (so a test can change a setting or stop "the portal" without touching the shared context), and
 * the server's side of a tunnel a test opened.
 */
abstract class ConsoleEdgeSupport extends ConsoleTestSupport {

    @Autowired
    private AccountStanding standing;
    @Autowired
    private SharedSessions httpSessions;
    @Autowired
    ConsoleTunnels tunnels;
    @Autowired
    ConsoleSessionRepository sessionRows;
    @Autowired
    ConsoleAudit consoleAudit;
    @Autowired
    ConsoleAccess access;
    @Autowired
    VmService vmService;
    @Autowired
    ConsoleVms consoleVms;
    @Autowired
    ConsoleProperties properties;
    @Autowired
    Clock clock;

    /** The server's side of {@code client}'s tunnel, found by the id the server sent first. */
    ConsoleTunnel serverSide(TunnelClient client) {
        String id = client.await(i -> i.getOpcode().isEmpty() && i.getArgs().size() == 1, SOON).getArgs().get(0);
        return tunnels.withId(id).orElseThrow(() -> new AssertionError("The portal holds no tunnel " + id));
    }

    /** Tunnels of their own, with the context's real repository, audit, access and VMs. */
    ConsoleTunnels tunnelsWith(ConsoleProperties settings) {
        return new ConsoleTunnels(sessionRows, consoleAudit, access, consoleVms, standing, httpSessions, settings,
                clock);
    }

    /** The context's console settings with another guacd port. */
    ConsoleProperties withGuacdPort(int guacdPort) {
        ConsoleProperties p = properties;
        return new ConsoleProperties(p.guacdHost(), guacdPort, p.tokenTtl(), p.maxPerUser(), p.platformAdmins(),
                p.viewersViewOnly(), p.keepAlive(), p.browserSilence(), p.guacdSilence(), p.sweep(),
                p.recordingDir(), p.leaseTtl(), p.leaseMax(), p.shareMax());
    }

    /** The context's console settings with another keep-alive. */
    ConsoleProperties withKeepAlive(Duration keepAlive) {
        ConsoleProperties p = properties;
        return new ConsoleProperties(p.guacdHost(), p.guacdPort(), p.tokenTtl(), p.maxPerUser(), p.platformAdmins(),
                p.viewersViewOnly(), keepAlive, p.browserSilence(), p.guacdSilence(), p.sweep(), p.recordingDir(),
                p.leaseTtl(), p.leaseMax(), p.shareMax());
    }

    /** The context's console settings with the given platform-admins and viewers-view-only switches. */
    ConsoleProperties withSwitches(boolean platformAdmins, boolean viewersViewOnly) {
        ConsoleProperties p = properties;
        return new ConsoleProperties(p.guacdHost(), p.guacdPort(), p.tokenTtl(), p.maxPerUser(), platformAdmins,
                viewersViewOnly, p.keepAlive(), p.browserSilence(), p.guacdSilence(), p.sweep(), p.recordingDir(),
                p.leaseTtl(), p.leaseMax(), p.shareMax());
    }

    /** A loopback port nothing listens on: bound once to get it, then closed. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

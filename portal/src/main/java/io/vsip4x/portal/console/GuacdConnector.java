package io.vsip4x.portal.console;

import io.vsip4x.portal.platform.EmbeddedSimulator;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.RemoteControlInfo;
import java.util.function.Predicate;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleUpstreamNotFoundException;
import org.apache.guacamole.GuacamoleUpstreamUnavailableException;
import org.apache.guacamole.net.GuacamoleSocket;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Connects a console to guacd: asks the platform where the VM's console is and with which
 * password ({@code getRemoteControlInfo}), and hands guacd a VNC configuration made only of that
 * (read-only for a view-only console), with the browser's screen size within sane bounds. Nothing
 * else the browser sends reaches the configuration; the password is never logged.
 */
@Component
class GuacdConnector {

    private static final Logger log = LoggerFactory.getLogger(GuacdConnector.class);

    static final int MIN_WIDTH = 320;
    static final int MAX_WIDTH = 4096;
    static final int MIN_HEIGHT = 200;
    static final int MAX_HEIGHT = 4096;
    static final int MIN_DPI = 48;
    static final int MAX_DPI = 384;
    private static final int DEFAULT_WIDTH = 1024;
    private static final int DEFAULT_HEIGHT = 768;
    private static final int DEFAULT_DPI = 96;

    private final ConsoleProperties properties;
    private final PlatformClient platform;
    private final ObjectProvider<EmbeddedSimulator> simulator;

    GuacdConnector(ConsoleProperties properties, PlatformClient platform, ObjectProvider<EmbeddedSimulator> simulator) {
        this.properties = properties;
        this.platform = platform;
        this.simulator = simulator;
    }

    /** The browser's screen as the {@code auth} instruction gave it, within bounds. */
    record Screen(int width, int height, int dpi) {

        /** The screen of the {@code auth} instruction's width, height and dpi; defaults for what is unreadable. */
        static Screen of(String width, String height, String dpi) {
            return new Screen(clamp(width, DEFAULT_WIDTH, MIN_WIDTH, MAX_WIDTH),
                    clamp(height, DEFAULT_HEIGHT, MIN_HEIGHT, MAX_HEIGHT), clamp(dpi, DEFAULT_DPI, MIN_DPI, MAX_DPI));
        }

        private static int clamp(String text, int fallback, int min, int max) {
            int value;
            try {
                value = text == null ? fallback : (int) Math.round(Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                value = fallback;
            }
            return Math.max(min, Math.min(max, value));
        }
    }

    /** Why connecting failed, as the reason the tunnel closes with. */
    static final class ConnectFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private final ConsoleReason reason;

        ConnectFailure(ConsoleReason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        ConsoleReason reason() {
            return reason;
        }
    }

    /**
     * Connects {@code vmId}'s console through guacd, handshake done.
     *
     * @param name           who connects, as guacd is told (shown by some clients)
     * @param keyboardLayout the tenant's layout, given as {@code server-layout} to a guacd protocol that asks
     *                       for it (RDP does; VNC sends key symbols and asks for none)
     * @param hold           told of the connection before the handshake, so that a tunnel closing meanwhile
     *                       closes it; {@code false} when the tunnel closed already
     * @throws ConnectFailure with {@link ConsoleReason#VM_NOT_RUNNING} when the platform gives no console
     *                        (the VM is stopped: 2047) or guacd finds none, with
     *                        {@link ConsoleReason#GUACD_UNREACHABLE} when the platform or guacd cannot be reached
     */
    GuacamoleSocket connect(String vmId, boolean viewOnly, Screen screen, String name, String keyboardLayout,
            Predicate<GuacamoleSocket> hold) throws ConnectFailure {
        RemoteControlInfo info = remoteControl(vmId);
        GuacamoleConfiguration config = new GuacamoleConfiguration();
        config.setProtocol("vnc");
        config.setParameter("hostname", info.vncIpAddress());
        config.setParameter("port", Integer.toString(info.vncPort() > 0 ? info.vncPort() : info.tlsPort()));
        config.setParameter("password", info.password() == null ? "" : info.password());
        config.setParameter("read-only", Boolean.toString(viewOnly));
        config.setParameter("clipboard-encoding", "UTF-8");
        config.setParameter("server-layout", keyboardLayout);

        GuacamoleClientInformation client = new GuacamoleClientInformation();
        client.setOptimalScreenWidth(screen.width());
        client.setOptimalScreenHeight(screen.height());
        client.setOptimalResolution(screen.dpi());
        client.getImageMimetypes().addAll(java.util.List.of("image/png", "image/jpeg", "image/webp"));
        client.setName(name);

        String host = properties.guacdHost();
        GuacamoleSocket socket = null;
        int port = 0;
        try {
            port = guacdPort();
            socket = GuacdSocket.connect(host, port, properties.guacdSilence());
            if (!hold.test(socket)) {
                GuacdSocket.closeQuietly(socket);
                throw new ConnectFailure(ConsoleReason.USER_CLOSED, "the tunnel closed while connecting", null);
            }
            return new ConfiguredGuacamoleSocket(socket, config, client);
        } catch (GuacamoleUpstreamNotFoundException e) {
            GuacdSocket.closeQuietly(socket);
            log.info("guacd found no console of VM '{}': {}", vmId, e.getMessage());
            throw new ConnectFailure(ConsoleReason.VM_NOT_RUNNING, "guacd found no console", e);
        } catch (GuacamoleException e) {
            GuacdSocket.closeQuietly(socket);
            log.warn("Could not connect the console of VM '{}' through guacd at {}:{}: {}", vmId, host, port,
                    e.getMessage());
            throw new ConnectFailure(ConsoleReason.GUACD_UNREACHABLE, "guacd cannot be reached", e);
        }
    }

    /**
     * guacd's port: the configured one, or the embedded simulator's for 0.
     *
     * @throws GuacamoleUpstreamUnavailableException for 0 when no embedded simulator runs (a setting is missing)
     */
    int guacdPort() throws GuacamoleUpstreamUnavailableException {
        if (properties.guacdPort() != 0) {
            return properties.guacdPort();
        }
        EmbeddedSimulator embedded = simulator.getIfAvailable();
        int port;
        try {
            port = embedded == null ? -1 : embedded.guacdPort();
        } catch (IllegalStateException notStarted) {
            port = -1;
        }
        if (port <= 0) {
            throw new GuacamoleUpstreamUnavailableException(
                    "portal.console.guacd-port is 0 but no embedded simulator's guacd runs");
        }
        return port;
    }

    private RemoteControlInfo remoteControl(String vmId) throws ConnectFailure {
        RemoteControlInfo info;
        try {
            info = platform.call(c -> c.getRemoteControlInfo(vmId));
        } catch (Vsip4xException e) {
            log.info("The platform gave no console of VM '{}': {}", vmId, e.getMessage());
            throw new ConnectFailure(ConsoleReason.GUACD_UNREACHABLE, "the platform cannot be reached", e);
        }
        if (!info.ok() || info.vncIpAddress() == null || info.vncPort() <= 0 && info.tlsPort() <= 0) {
            log.info("The platform gave no console of VM '{}' (code {})", vmId, info.result().code());
            throw new ConnectFailure(ConsoleReason.VM_NOT_RUNNING, "the VM has no console", null);
        }
        return info;
    }
}

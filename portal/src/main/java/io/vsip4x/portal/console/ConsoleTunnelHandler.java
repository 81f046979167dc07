package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.net.GuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The browser's side of the tunnel at {@value #PATH}, speaking the {@code guacamole} sub-protocol
 * of guacamole-common-js's {@code Guacamole.WebSocketTunnel}: it first tells the browser the
 * tunnel's id, answers the browser's pings itself, takes the {@code auth} instruction (token,
 * width, height, dpi) as the only way to open a console, and then passes the browser's
 * instructions to guacd: for a view-only console without keys, mouse, clipboard or any other
 * stream from the browser.
 */
@Component
class ConsoleTunnelHandler extends TextWebSocketHandler implements SubProtocolCapable {

    /** The tunnel's path. */
    static final String PATH = "/console/tunnel";
    /** The sub-protocol of guacamole-common-js. */
    static final String SUB_PROTOCOL = "guacamole";
    /** What a view-only console drops from the browser: input, and every stream the browser could open. */
    static final Set<String> VIEW_ONLY_DROPS = Set.of("key", "mouse", "touch", "clipboard", "blob", "end", "file",
            "pipe", "argv", "put", "audio");

    /** The most a browser's message may buffer in the WebSocket session decorator (guacd's frames). */
    private static final int SEND_BUFFER = 8 * 1024 * 1024;
    private static final int SEND_TIME_LIMIT_MS = 15_000;
    private static final String PING = "ping";

    private static final Logger log = LoggerFactory.getLogger(ConsoleTunnelHandler.class);

    private final ConsoleTunnels tunnels;
    private final ConsoleOpener opener;

    ConsoleTunnelHandler(ConsoleTunnels tunnels, ConsoleOpener opener) {
        this.tunnels = tunnels;
        this.opener = opener;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(SUB_PROTOCOL);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        WebSocketSession ws = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER);
        HttpSession httpSession = (HttpSession) session.getAttributes().get(ConsoleHandshake.HTTP_SESSION);
        CurrentUser user = (CurrentUser) session.getAttributes().get(ConsoleHandshake.USER);
        String address = (String) session.getAttributes().get(ConsoleHandshake.CLIENT_ADDRESS);
        ConsoleTunnel tunnel = new ConsoleTunnel(UUID.randomUUID().toString(), ws, httpSession, user, address);
        boolean accepted = tunnels.add(tunnel);
        tunnel.send(new GuacamoleInstruction("", tunnel.id()).toString());
        if (!accepted) {
            tunnels.close(tunnel, ConsoleReason.NODE_STOPPING);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        ConsoleTunnel tunnel = tunnels.of(session).orElse(null);
        if (tunnel == null) {
            return;
        }
        tunnel.received();
        char[] chars = tunnel.unparsed(message.getPayload()).toCharArray();
        GuacamoleParser parser = tunnel.parser();
        int offset = 0;
        try {
            while (offset < chars.length || parser.hasNext()) {
                if (parser.hasNext()) {
                    // The parser's instruction is a view of an array it reuses for the next one.
                    GuacamoleInstruction parsed = parser.next();
                    handle(tunnel, new GuacamoleInstruction(parsed.getOpcode(), List.copyOf(parsed.getArgs())));
                    continue;
                }
                int parsed = parser.append(chars, offset, chars.length - offset);
                if (parsed == 0 && !parser.hasNext()) {
                    break;
                }
                offset += parsed;
            }
            tunnel.keepUnparsed(new String(chars, offset, chars.length - offset));
        } catch (GuacamoleException e) {
            log.debug("The browser sent a malformed instruction: {}", e.getMessage());
            close(tunnel, ConsoleReason.BROWSER_DROPPED);
        }
    }

    private void handle(ConsoleTunnel tunnel, GuacamoleInstruction instruction) throws IOException {
        String opcode = instruction.getOpcode();
        if (opcode.isEmpty()) {
            List<String> args = instruction.getArgs();
            if (!args.isEmpty() && PING.equals(args.get(0))) {
                tunnel.send(instruction.toString());
            }
            return;
        }
        switch (tunnel.state()) {
            case WAITING -> {
                if (!"auth".equals(opcode)) {
                    close(tunnel, ConsoleReason.TOKEN_INVALID);
                } else if (tunnel.beginOpening()) {
                    opener.open(tunnel, instruction.getArgs());
                }
            }
            case OPEN -> forward(tunnel, instruction);
            default -> {
                // Opening or closed: nothing reaches guacd before the console opened or after it closed.
            }
        }
    }

    private void forward(ConsoleTunnel tunnel, GuacamoleInstruction instruction) {
        String opcode = instruction.getOpcode();
        if ("disconnect".equals(opcode)) {
            tunnels.close(tunnel, ConsoleReason.USER_CLOSED);
            return;
        }
        ConsoleTunnel.Console console = tunnel.console();
        if ("auth".equals(opcode) || console.viewOnly() && VIEW_ONLY_DROPS.contains(opcode)) {
            return;
        }
        GuacamoleSocket guacd = console.guacd();
        tunnel.writingToGuacd(true);
        try {
            guacd.getWriter().writeInstruction(instruction);
        } catch (GuacamoleException e) {
            if (tunnel.state() != ConsoleTunnel.State.CLOSED) {
                log.debug("Could not pass the browser's instruction to guacd: {}", e.getMessage());
                tunnels.close(tunnel, ConsoleReason.GUACD_CLOSED);
            }
        } finally {
            tunnel.writingToGuacd(false);
        }
    }

    /** Closes the tunnel; a refusal before the console opened is logged as one. */
    private void close(ConsoleTunnel tunnel, ConsoleReason reason) {
        if (tunnel.state() == ConsoleTunnel.State.WAITING) {
            tunnels.refuse(tunnel, reason);
        } else {
            tunnels.close(tunnel, reason);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        tunnels.of(session).ifPresent(tunnel -> tunnels.close(tunnel, closedBy(status)));
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("A console's WebSocket failed: {}", exception.getMessage());
        tunnels.of(session).ifPresent(tunnel -> tunnels.close(tunnel, ConsoleReason.BROWSER_DROPPED));
    }

    /** A close frame (normal, or the page going away) is the person closing; anything else a drop. */
    static ConsoleReason closedBy(CloseStatus status) {
        int code = status.getCode();
        return code == CloseStatus.NORMAL.getCode() || code == CloseStatus.GOING_AWAY.getCode()
                ? ConsoleReason.USER_CLOSED : ConsoleReason.BROWSER_DROPPED;
    }
}

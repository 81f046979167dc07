package io.vsip4x.portal.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleParser;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The browser's side of the console tunnel without a browser: a WebSocket with the
 * {@code guacamole} sub-protocol (and the session cookie, when given) that keeps every instruction
 * it receives and answers {@code sync} as guacamole-common-js does.
 */
final class TunnelClient implements WebSocket.Listener, AutoCloseable {

    /** How the server closed the WebSocket. */
    record Closed(int code, String reason) {
    }

    private final List<GuacamoleInstruction> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final ExecutorService answers = Executors.newSingleThreadExecutor();
    private final StringBuilder partial = new StringBuilder();
    private final GuacamoleParser parser = new GuacamoleParser();
    private volatile boolean answerSyncs = true;
    private WebSocket ws;

    /** Opens the tunnel of the portal on {@code port}, with the session cookie {@code sessionId} or none. */
    static TunnelClient open(int port, String sessionId) {
        TunnelClient client = new TunnelClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("guacamole")
                .connectTimeout(Duration.ofSeconds(5));
        if (sessionId != null) {
            builder.header("Cookie", "JSESSIONID=" + sessionId);
        }
        client.ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/console/tunnel"), client)
                .orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** The sub-protocol the server selected. */
    String subProtocol() {
        return ws.getSubprotocol();
    }

    /** Stops answering {@code sync} (a browser that went quiet). */
    void stopAnswering() {
        answerSyncs = false;
    }

    /** Sends one instruction. */
    synchronized void send(String opcode, String... args) {
        ws.sendText(new GuacamoleInstruction(opcode, args).toString(), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Sends {@code auth} with the token and a screen size. */
    void auth(String token) {
        send("auth", token, "1024", "768", "96");
    }

    /** Every instruction received so far. */
    List<GuacamoleInstruction> received() {
        return List.copyOf(received);
    }

    /** The first received instruction that matches, waiting up to {@code patience}. */
    GuacamoleInstruction await(Predicate<GuacamoleInstruction> match, Duration patience) {
        try {
            return Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(20))
                    .until(() -> received.stream().filter(match).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No such instruction within " + patience + "; received " + opcodes(), e);
        }
    }

    /** The first received instruction of {@code opcode}. */
    GuacamoleInstruction await(String opcode) {
        return await(i -> i.getOpcode().equals(opcode), Duration.ofSeconds(10));
    }

    /** How the server closed the WebSocket, waiting up to {@code patience}. */
    Closed awaitClosed(Duration patience) {
        return closed.orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Whether the WebSocket was closed by the server. */
    boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close frame, as a browser that lost its network. */
    void abort() {
        ws.abort();
    }

    private String opcodes() {
        return received.stream().map(GuacamoleInstruction::getOpcode).distinct().toList().toString();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            parse(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void parse(String text) {
        char[] chars = text.toCharArray();
        int offset = 0;
        try {
            while (offset < chars.length || parser.hasNext()) {
                if (parser.hasNext()) {
                    GuacamoleInstruction parsed = parser.next();
                    GuacamoleInstruction instruction = new GuacamoleInstruction(parsed.getOpcode(),
                            List.copyOf(parsed.getArgs()));
                    received.add(instruction);
                    if (answerSyncs && instruction.getOpcode().equals("sync")) {
                        String timestamp = instruction.getArgs().get(0);
                        answers.execute(() -> answer(timestamp));
                    }
                    continue;
                }
                int parsed = parser.append(chars, offset, chars.length - offset);
                if (parsed == 0) {
                    throw new AssertionError("The server sent an instruction split across messages");
                }
                offset += parsed;
            }
        } catch (GuacamoleException e) {
            throw new AssertionError("The server sent a malformed instruction", e);
        }
    }

    private void answer(String timestamp) {
        try {
            send("sync", timestamp);
        } catch (RuntimeException e) {
            // The tunnel closed meanwhile: a browser's answer would be lost the same way.
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
    }

    @Override
    public void close() {
        answers.shutdownNow();
        if (!ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                ws.abort();
            }
        }
    }
}

package io.vsip4x.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The console page's side of the console tunnel without a browser: a WebSocket with the
 * {@code guacamole} sub-protocol and the page's session cookie, keeping every instruction it receives
 * (each as its opcode followed by its arguments) and answering {@code sync} as guacamole-common-js does.
 */
final class Tunnel implements WebSocket.Listener, AutoCloseable {

    private final List<List<String>> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    /** Opens the tunnel at {@code url} (ws:// or wss://) with the session cookie {@code cookie}. */
    static Tunnel open(HttpClient http, String url, String cookie) {
        Tunnel tunnel = new Tunnel();
        tunnel.ws = http.newWebSocketBuilder().subprotocols("guacamole").connectTimeout(Duration.ofSeconds(5))
                .header("Cookie", cookie).buildAsync(URI.create(url), tunnel).orTimeout(10, TimeUnit.SECONDS).join();
        return tunnel;
    }

    /** Sends one instruction. */
    synchronized void send(String opcode, String... args) {
        StringBuilder text = new StringBuilder().append(opcode.length()).append('.').append(opcode);
        for (String arg : args) {
            text.append(',').append(arg.length()).append('.').append(arg);
        }
        ws.sendText(text.append(';'), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The page's first instruction: the token and a screen size. */
    void auth(String token) {
        send("auth", token, "1024", "768", "96");
    }

    /** The first instruction received that matches, waiting up to {@code patience}. */
    List<String> await(Predicate<List<String>> match, Duration patience) {
        try {
            return Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(20))
                    .until(() -> received.stream().filter(match).findFirst(), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No such instruction within " + patience + "; received "
                    + received.stream().map(i -> i.get(0)).distinct().toList(), e);
        }
    }

    /** The first instruction of {@code opcode}, waiting up to 15 s. */
    List<String> await(String opcode) {
        return await(i -> i.get(0).equals(opcode), Duration.ofSeconds(15));
    }

    /** The reason of the server's close, waiting up to {@code patience}. */
    String awaitClosed(Duration patience) {
        return closed.orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS).join();
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

    /** Splits Guacamole's {@code LENGTH.VALUE,LENGTH.VALUE;} instructions (ASCII here: lengths in chars). */
    private void parse(String text) {
        int at = 0;
        List<String> instruction = new ArrayList<>();
        while (at < text.length()) {
            int dot = text.indexOf('.', at);
            int length = Integer.parseInt(text.substring(at, dot));
            instruction.add(text.substring(dot + 1, dot + 1 + length));
            char end = text.charAt(dot + 1 + length);
            at = dot + 2 + length;
            if (end == ';') {
                List<String> done = List.copyOf(instruction);
                received.add(done);
                instruction.clear();
                if (done.get(0).equals("sync") && done.size() > 1) {
                    CompletableFuture.runAsync(() -> answerSync(done.get(1)));
                }
            }
        }
    }

    private void answerSync(String timestamp) {
        try {
            send("sync", timestamp);
        } catch (RuntimeException e) {
            // The tunnel closed meanwhile: a browser's answer would be lost the same way.
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error: " + error);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                ws.abort();
            }
        }
    }
}

package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which requests the software UKEY middleware answers, written byte for byte over a socket (the
 * JDK's HTTP client sets {@code Host} itself): only those naming it in {@code Host}, and a wrong
 * method gets a full 405, never an empty reply.
 */
class UkeyMiddlewareRequestsTest {

    private final TestPlatform platform = new TestPlatform(s -> s.withUkeyMiddlewarePort(0));
    private final URI base = platform.simulator.ukeyMiddlewareUrl();
    private final int port = base.getPort();

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void servesRequestsNamingItByALoopbackNameAndItsPort() throws Exception {
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port)) {
            String answer = exchange("GET /v1/keys HTTP/1.1\r\nHost: " + host + "\r\n");

            assertThat(statusLine(answer)).as(host).isEqualTo("HTTP/1.1 200 OK");
            assertThat(answer).as(host).contains("SIM-UK-ALICE");
        }
    }

    @Test
    void refusesRequestsForAnyOtherHostAsDnsRebindingWouldSendThem() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1", "localhost",
                "localhost:" + (port == 65535 ? 1 : port + 1), "127.0.0.1.nip.io:" + port, "127.0.0.2:" + port,
                "localhost:" + port + "@evil.example", "")) {
            String answer = exchange("GET /v1/keys HTTP/1.1\r\nHost: " + host + "\r\n");

            assertThat(statusLine(answer)).as(host).isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(answer).as(host).endsWith("{\"error\":\"HOST_FORBIDDEN\"}").doesNotContain("SIM-UK-");
        }
        // A rebound page signs from its own origin: no Origin check would stop it, the Host check does.
        String body = "{\"sid\":\"SIM-UK-ALICE\",\"pin\":\"123456\",\"data\":\"x\"}";
        String sign = exchange("POST /v1/sign HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n", body);
        assertThat(statusLine(sign)).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(sign).doesNotContain("signature").doesNotContain("Access-Control-Allow-Origin");

        String preflight = exchange("OPTIONS /v1/sign HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nOrigin: http://evil.example:" + port + "\r\nAccess-Control-Request-Method: POST\r\n");
        assertThat(statusLine(preflight)).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(preflight).doesNotContain("Access-Control-Allow");
    }

    @Test
    void refusesRequestsWithoutHostOrWithTwo() throws Exception {
        assertThat(statusLine(exchange("GET /v1/keys HTTP/1.0\r\n"))).endsWith(" 403 Forbidden");
        assertThat(exchange("GET /v1/keys HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nHost: evil.example\r\n"))
                .contains("HOST_FORBIDDEN").doesNotContain("SIM-UK-");
    }

    @Test
    void answersAWrongMethodWith405AndTheAllowedOnes() throws Exception {
        List<List<String>> cases = List.of(
                List.of("PUT", "/v1/keys", "GET, OPTIONS"),
                List.of("POST", "/v1/keys", "GET, OPTIONS"),
                List.of("DELETE", "/v1/keys", "GET, OPTIONS"),
                List.of("GET", "/v1/sign", "POST, OPTIONS"),
                List.of("GET", "/v1/devices/SIM-UK-ALICE/remove", "POST, OPTIONS"),
                List.of("PUT", "/v1/devices/SIM-UK-ALICE/insert", "POST, OPTIONS"),
                List.of("GET", "/v1/devices/SIM-UK-ALICE/unblock", "POST, OPTIONS"));
        for (List<String> c : cases) {
            String request = c.get(0) + " " + c.get(1);
            // A body as well, so that it is read exactly once before the answer.
            String answer = exchange(request + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n", "{}");

            assertThat(statusLine(answer)).as(request).isEqualTo("HTTP/1.1 405 Method Not Allowed");
            assertThat(header(answer, "Allow")).as(request).isEqualTo(c.get(2));
            assertThat(answer).as(request).endsWith("{\"error\":\"METHOD_NOT_ALLOWED\"}");
        }
        String head = exchange("HEAD /v1/keys HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        assertThat(statusLine(head)).isEqualTo("HTTP/1.1 405 Method Not Allowed");
        assertThat(header(head, "Allow")).isEqualTo("GET, OPTIONS");
        // Nothing changed: Alice's key is still inserted.
        assertThat(exchange("GET /v1/keys HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")).contains("SIM-UK-ALICE");
    }

    /** Sends {@code head} (request line and headers, each ending in CRLF) and reads the whole answer. */
    private String exchange(String head) throws IOException {
        return exchange(head, "");
    }

    private String exchange(String head, String body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String statusLine(String answer) {
        assertThat(answer).as("an answer, not an empty reply").contains("\r\n");
        return answer.substring(0, answer.indexOf("\r\n"));
    }

    /** The value of the answer's header {@code name}, or {@code null}. */
    private static String header(String answer, String name) {
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }
}

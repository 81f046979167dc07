package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body over the portal's limit is refused with a localized 413 before it is read into
 * memory, whether its length is declared or not; the session cookie is kept from other sites' requests.
 */
class RequestSizeIntegrationTest extends PortalTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWith413InTheReadersLanguage() throws Exception {
        TestTenant t = newTenant();
        byte[] body = json((int) RequestSizeFilter.MAX_BYTES + 1);
        HttpResponse<String> api = http.send(post("/api/v1/vms/vm-none/guest/files", t.requester(), "en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.body()).contains("The request is too large.");

        HttpResponse<String> zh = http.send(post("/api/v1/vms/vm-none/guest/files", t.requester(), "zh-CN")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(zh.statusCode()).isEqualTo(413);
        assertThat(zh.body()).contains("请求内容过大");
    }

    @Test
    void theRefusalIsTheSameProblemWhetherTheLengthWasDeclaredOrNotInThePortalsChosenLanguage()
            throws Exception {
        TestTenant t = newTenant();
        byte[] body = json((int) RequestSizeFilter.MAX_BYTES + 1);
        HttpResponse<String> declared = http.send(post("/api/v1/vms/vm-none/guest/files", t.requester(), "zh-CN")
                .header("Cookie", "portal-lang=en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(post("/api/v1/vms/vm-none/guest/files", t.requester(), "zh-CN")
                .header("Cookie", "portal-lang=en")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> answer : List.of(declared, chunked)) {
            assertThat(answer.statusCode()).isEqualTo(413);
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("type").asString()).isEqualTo("urn:vsip4x:problem:error.http.413");
            assertThat(problem.path("title").asString()).isEqualTo("Payload too large");
            assertThat(problem.path("detail").asString()).isEqualTo("The request is too large.");
            assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/vms/vm-none/guest/files");
        }
    }

    /**
     * A form sent without a declared length and over the form limit is refused 413 when the sign-in
     * filter or the language switch asks it for a parameter, not failed with a 500: on a page, before
     * anyone is signed in, and on the API.
     */
    @Test
    void aFormOfUnknownLengthOverTheLimitIsRefusedNotFailed() throws Exception {
        byte[] form = ("username=a&content=" + "x".repeat((int) RequestSizeFilter.MAX_BYTES))
                .getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(413);
        assertThat(page.body()).isEqualTo("The request is too large.");

        TestTenant t = newTenant();
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/vms/vm-none/guest/files"))
                .header("Authorization", apiAuthorization(t.requester(), PASSWORD))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "zh-CN")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(api.body()).path("detail").asString()).isEqualTo("请求内容过大。");
    }

    /**
     * The portal takes no multipart bodies: one is not parsed, so a field over the container's part
     * limit fails nothing.
     */
    @Test
    void aMultipartBodyIsNotParsed() throws Exception {
        byte[] multipart = ("--B\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\n" + "c".repeat(2_000_000)
                + "\r\n--B--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "multipart/form-data; boundary=B").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("refused for its missing CSRF token, not failed").isEqualTo(403);
    }

    @Test
    void aBodyOfUnknownLengthIsCutOffAtTheLimit() throws Exception {
        TestTenant t = newTenant();
        byte[] body = json((int) RequestSizeFilter.MAX_BYTES * 2);
        HttpResponse<String> api = http.send(post("/api/v1/vms/vm-none/guest/files", t.requester(), "en")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.body()).contains("The request is too large.");
    }

    /**
     * A client that writes its whole body before it reads (as many do) still gets the 413: the portal
     * reads the rest of a refused body to its end before closing, instead of closing with it unread,
     * which resets the connection and loses the answer on the client's side.
     */
    @Test
    void aClientThatSendsItsWholeBodyBeforeReadingStillGetsThe413() throws Exception {
        TestTenant t = newTenant();
        byte[] body = json((int) RequestSizeFilter.MAX_BYTES * 3);
        assertThat(sendWholeThenRead(t, "Content-Length: " + body.length, body))
                .startsWith("HTTP/1.1 413").contains("The request is too large.");

        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunked.write(body);
        chunked.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(sendWholeThenRead(t, "Transfer-Encoding: chunked", chunked.toByteArray()))
                .startsWith("HTTP/1.1 413").contains("The request is too large.");
    }

    /** Writes a file push with {@code framing} and all of {@code body}, then reads the answer to its end. */
    private String sendWholeThenRead(TestTenant t, String framing, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/vms/vm-none/guest/files HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: " + apiAuthorization(t.requester(), PASSWORD) + "\r\n"
                    + "Content-Type: application/json\r\nAccept-Language: en\r\n" + framing + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBodyWithinTheLimitIsReadAsBefore() throws Exception {
        TestTenant t = newTenant();
        HttpResponse<String> api = http.send(post("/api/v1/vms/vm-none/guest/files", t.requester(), "en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as("read, then the VM is not found").isEqualTo(404);
    }

    @Test
    void theSessionCookieIsNotSentWithOtherSitesRequests() {
        TestTenant t = newTenant();
        HttpResponse<String> signedIn = new PageClient(port, "en").signIn(t.requester(), PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        HttpResponse<String> login = new PageClient(port, "en").get("/login");
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .isNotEmpty().allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Lax"));
    }

    private HttpRequest.Builder post(String path, String username, String language) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", apiAuthorization(username, PASSWORD))
                .header("Content-Type", "application/json")
                .header("Accept-Language", language);
    }

    /** A JSON body of {@code size} bytes: a file push whose content fills it. */
    private static byte[] json(int size) {
        String head = "{\"path\":\"/tmp/a.txt\",\"content\":\"";
        String tail = "\"}";
        char[] fill = new char[size - head.length() - tail.length()];
        Arrays.fill(fill, 'x');
        return (head + new String(fill) + tail).getBytes(StandardCharsets.US_ASCII);
    }
}

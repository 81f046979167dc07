package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A request body over the portal's limit is refused with a localized 413 before it is read into
 * memory, whether its length is declared or not; the session cookie is kept from other sites' requests.
 */
class RequestSizeIntegrationTest extends PortalTestSupport {

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
    void aBodyOfUnknownLengthIsCutOffAtTheLimit() throws Exception {
        TestTenant t = newTenant();
        byte[] body = json((int) RequestSizeFilter.MAX_BYTES * 2);
        HttpResponse<String> api = http.send(post("/api/v1/vms/vm-none/guest/files", t.requester(), "en")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.body()).contains("The request is too large.");
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

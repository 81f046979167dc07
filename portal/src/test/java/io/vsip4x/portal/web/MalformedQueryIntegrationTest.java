package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An address whose query is not UTF-8 gets a clear 400, signed in or not, never a 500. */
class MalformedQueryIntegrationTest extends PortalTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void brokenPercentEncodingIsRefusedWith400InTheReadersLanguage() throws Exception {
        HttpResponse<String> api = fetch("/api/v1/vms?q=%FF%FE", "en");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.body()).contains("encoding is invalid");

        HttpResponse<String> page = fetch("/login?x=%C0%AF", "zh-CN");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("编码无效");
        assertThat(fetch("/login?x=%E4%BD", "en").statusCode()).as("a cut-off character").isEqualTo(400);
        assertThat(MalformedQueryFilter.wellFormed("x=%G1")).as("not hex").isFalse();
    }

    @Test
    void wellFormedQueriesPassAsBefore() throws Exception {
        assertThat(fetch("/login?x=%E4%BD%A0+a%20b", "en").statusCode()).isEqualTo(200);
        assertThat(MalformedQueryFilter.wellFormed("q=%E4%BD%A0&status=1")).isTrue();
        assertThat(MalformedQueryFilter.wellFormed("q=%FF")).isFalse();
    }

    private HttpResponse<String> fetch(String path, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Language", language).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

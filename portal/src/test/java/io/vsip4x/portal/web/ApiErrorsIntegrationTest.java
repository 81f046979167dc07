package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Every refusal of the API is a localized problem response, and changes nothing. */
class ApiErrorsIntegrationTest extends PortalTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void valuesOfTheWrongTypeAreNamedByTheirField() throws Exception {
        TestTenant t = newTenant();
        for (String cpu : new String[] {"1.99", "\"two\"", "2147483648", "true"}) {
            HttpResponse<String> answer = raw(t.requester(), "POST", "/api/v1/requests", "application/json",
                    "{\"templateId\":\"tpl-centos7\",\"repoName\":\"pool-prod\",\"cpu\":" + cpu
                            + ",\"memoryMb\":2048,\"diskGb\":40,\"count\":1,\"network\":\"vnet-office\","
                            + "\"reason\":\"x\"}", "zh-CN");
            assertThat(answer.statusCode()).as("cpu %s", cpu).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains("\"cpu\":\"此项的值类型不正确。\"");
        }
        assertThat(getList(t.requester(), "/requests")).isEmpty();
    }

    @Test
    void springsOwnRefusalsAreLocalizedProblems() throws Exception {
        TestTenant t = newTenant();

        HttpResponse<String> text = raw(t.requester(), "POST", "/api/v1/requests", "text/plain", "hello", "en");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("This content type is not supported; send JSON.");

        HttpResponse<String> delete = raw(t.requester(), "DELETE", "/api/v1/requests/1", null, null, "zh-CN");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.body()).contains("不支持此操作方式");

        HttpResponse<String> nothing = raw(t.requester(), "GET", "/api/v1/nothing-here", null, null, "en");
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(nothing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void commentsAreRefusedUnderTheirOwnFieldAndHalfCharactersAreNotStored() throws Exception {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));

        HttpResponse<String> half = raw(t.requester(), "POST", "/api/v1/requests/" + id + "/comments",
                "application/json", "{\"body\":\"ab\\ud800cd\"}", "en");
        assertThat(half.statusCode()).isEqualTo(400);
        assertThat(half.body()).contains("\"body\"").contains("This text contains characters that are not allowed.");
        assertThat(getList(t.requester(), "/requests/" + id + "/comments")).isEmpty();

        HttpResponse<String> tooLong = raw(t.approver(), "POST", "/api/v1/requests/" + id + "/approve",
                "application/json", "{\"comment\":\"" + "x".repeat(501) + "\"}", "en");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"comment\"").contains("A comment may be at most 500 characters")
                .doesNotContain("\"reason\"");
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING");
    }

    @Test
    void idsInProblemsReadAsTheyAreWritten() throws Exception {
        TestTenant t = newTenant();
        HttpResponse<String> answer = raw(t.requester(), "GET", "/api/v1/requests/1234567", null, null, "en");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("Request #1234567 does not exist").doesNotContain("1,234,567");
    }

    @Test
    void missingSignInIsALocalizedProblemWithABasicChallenge() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me"))
                .header("Accept-Language", "zh-CN").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic"));
        assertThat(answer.body()).contains("HTTP Basic（用户名和密码）", "API 令牌（Authorization: Bearer");
        HttpResponse<String> english = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me"))
                .header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(english.body()).contains("urn:vsip4x:problem:error.signIn\"",
                "HTTP Basic (username and password)", "API token (Authorization: Bearer <token>)");
    }

    @Test
    void refusedChangesAreWrittenToTheOperationLog() {
        TestTenant owner = newTenant();
        TestTenant stranger = newTenant();
        long id = submit(owner.requester(), smallRequest(1));

        ResponseEntity<Map<String, Object>> refused = post(stranger.approver(), "/requests/" + id + "/approve", null);

        assertThat(refused.getStatusCode().value()).isEqualTo(404);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE actor = :who AND action = 'REFUSED' AND result = 'DENIED' AND target LIKE :target""")
                .param("who", stranger.approver()).param("target", "POST %/requests/" + id + "/approve")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void htmxRequestWithAStaleTokenReloadsItsPage() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(t.requester(), PASSWORD);

        HttpResponse<String> answer = page.postForm("/vms/vm-x/shutdown", "_csrf=stale-token", "HX-Request", "true");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("HX-Refresh")).contains("true");
    }

    private HttpResponse<String> raw(String user, String method, String path, String type, String body,
            String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", apiAuthorization(user, PASSWORD))
                .header("Accept-Language", language)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}

package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The page of a person's own API tokens: a token made there is shown once and works on the API at
 * once, only its SHA-256 is kept, the form says what is wrong, revoking stops it; both logged.
 */
class ApiTokenPageIntegrationTest extends AccountTestSupport {

    private static final Pattern SECRET = Pattern.compile("id=\"api-token-secret\"[^>]*value=\"([^\"]+)\"");

    @Test
    void aTokenMadeOnThePageIsShownOnceWorksAndOnlyItsHashIsKept() throws Exception {
        String auditor = newAccount("au", Role.AUDITOR);
        PageClient page = signedIn(auditor, "en");
        HttpResponse<String> empty = page.get(ApiTokenController.PAGE);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"api-tokens-none\"");
        assertThat(page.get("/account/password").body()).as("the account page leads to the tokens")
                .contains("id=\"api-tokens-link\" href=\"/account/api-tokens\"");

        HttpResponse<String> made = create(page, "nightly export", "30");
        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue("no-store");
        Matcher m = SECRET.matcher(made.body());
        assertThat(m.find()).as("the new token on the page").isTrue();
        String secret = m.group(1);
        assertThat(secret).startsWith(ApiTokens.PREFIX).hasSize(ApiTokens.PREFIX.length() + 43);
        assertThat(made.body()).contains("shown this once").contains("nightly export");
        assertThat(made.body()).as("the example names this portal, and the token has a copy button")
                .contains(" http://127.0.0.1:" + port + "/api/v1/me</p>").doesNotContain("https://portal")
                .contains("id=\"api-token-copy\"");

        // Never again: not on the page, not in the API, not in the database, not in the log.
        assertThat(page.get(ApiTokenController.PAGE).body()).doesNotContain(secret).contains("nightly export");
        byte[] hash = jdbc.sql("SELECT token_hash FROM api_token t JOIN app_user u ON u.id = t.account_id "
                + "WHERE u.username = :u").param("u", auditor).query(byte[].class).single();
        assertThat(HexFormat.of().formatHex(hash)).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
        String random = secret.substring(ApiTokens.PREFIX.length());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE params LIKE :s OR message LIKE :s "
                        + "OR target LIKE :s")
                .param("s", "%" + random + "%").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'API_TOKEN_CREATED' AND actor = :a "
                        + "AND result = 'SUCCESS' AND params LIKE '%nightly export%'")
                .param("a", auditor).query(Integer.class).single()).isEqualTo(1);

        RestClient api = RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> {
                    h.setBearerAuth(secret);
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        assertThat(send(api, "GET", "/me", null).getBody()).containsEntry("username", auditor);
        assertThat(page.get(ApiTokenController.PAGE).body()).doesNotContain("<td>—</td>");

        // Revoking it on the page (an auditor may: it is their own business) stops it.
        long id = jdbc.sql("SELECT t.id FROM api_token t JOIN app_user u ON u.id = t.account_id WHERE u.username = :u")
                .param("u", auditor).query(Long.class).single();
        String csrf = PageClient.csrfOf(page.get(ApiTokenController.PAGE).body());
        HttpResponse<String> revoked = page.postForm(ApiTokenController.PAGE + "/" + id + "/revoke",
                "_csrf=" + PageClient.enc(csrf));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.uri().toString()).endsWith("?revoked");
        assertThat(revoked.body()).contains("id=\"api-token-revoked\"").contains("data-status=\"REVOKED\"")
                .doesNotContain("revoke-api-token-" + id);
        assertThat(send(api, "GET", "/me", null).getStatusCode().value()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'API_TOKEN_REVOKED' AND actor = :a "
                        + "AND target = :t").param("a", auditor).param("t", Long.toString(id))
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theFormSaysWhatIsWrongInEitherLanguageAndMakesNothing() {
        TestTenant t = newTenant();
        PageClient en = signedIn(t.requester(), "en");
        PageClient zh = signedIn(t.requester(), "zh-CN");
        HttpResponse<String> blank = create(en, "  ", "0");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("Give the token a name of at most 100 characters.")
                .contains("A token is valid for 1 to 365 days.").doesNotContain("api-token-secret");
        assertThat(create(en, "x".repeat(101), "90").statusCode()).isEqualTo(400);
        assertThat(create(en, "ok", "366").statusCode()).isEqualTo(400);
        assertThat(create(en, "ok", "lots").statusCode()).isEqualTo(400);
        // Control characters (a NUL, a line break) could forge lines of a log: refused, in the name's field.
        for (String name : List.of("nul\u0000name", "two\nlines", "tab\tbed", "sep\u2028arated")) {
            HttpResponse<String> control = create(en, name, "30");
            assertThat(control.statusCode()).as(name).isEqualTo(400);
            assertThat(control.body()).contains("A token name cannot hold control characters or line breaks.")
                    .doesNotContain("api-token-secret");
        }
        assertThat(create(zh, "two\nlines", "30").body()).contains("令牌名称不能包含控制字符或换行。");
        assertThat(create(zh, "", "90").body()).contains("请为令牌起一个不超过 100 个字符的名称。");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token t JOIN app_user u ON u.id = t.account_id "
                + "WHERE u.username = :u").param("u", t.requester()).query(Integer.class).single()).isZero();

        // Without days the token works 90 days; somebody else's token cannot be revoked here.
        assertThat(create(en, "default", "").statusCode()).isEqualTo(200);
        Map<String, Object> row = jdbc.sql("SELECT TIMESTAMPDIFF(DAY, t.created_at, t.expires_at) AS days "
                        + "FROM api_token t JOIN app_user u ON u.id = t.account_id WHERE u.username = :u")
                .param("u", t.requester()).query().singleRow();
        assertThat(((Number) row.get("days")).intValue()).isEqualTo(ApiTokens.DEFAULT_DAYS);
        long others = apiTokens.create(jdbc.sql("SELECT id FROM app_user WHERE username = :u")
                        .param("u", t.approver()).query(Long.class).single(), "theirs", 1, SignInFactors.PASSWORD_ONLY)
                .token().id();
        String csrf = PageClient.csrfOf(en.get(ApiTokenController.PAGE).body());
        assertThat(en.postForm(ApiTokenController.PAGE + "/" + others + "/revoke", "_csrf=" + PageClient.enc(csrf))
                .statusCode()).isEqualTo(404);
        assertThat(apiTokens.find(others).orElseThrow().active()).isTrue();

        // At most so many working tokens at once.
        long requester = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        for (int i = 1; i < ApiTokens.MAX_ACTIVE; i++) {
            apiTokens.create(requester, "bulk " + i, 1, SignInFactors.PASSWORD_ONLY);
        }
        HttpResponse<String> tooMany = create(en, "one more", "1");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("You have 20 working tokens already; revoke one first.");
    }

    /** A password without the UKEY its policy asks for is no signed-in session: it makes no token. */
    @Test
    void halfASignInMakesNoToken() {
        String auditor = newAccount("au", Role.AUDITOR);
        PageClient half = new PageClient(port, "en");
        HttpResponse<String> second = half.signInWithPassword(auditor, PASSWORD);
        assertThat(second.uri().getPath()).isEqualTo("/login/second-factor");

        HttpResponse<String> refused = half.postForm(ApiTokenController.PAGE, "name=sneaky&days=1&_csrf="
                + PageClient.enc(PageClient.csrfOf(second.body())));
        assertThat(refused.uri().getPath()).isNotEqualTo(ApiTokenController.PAGE);
        assertThat(refused.body()).doesNotContain(ApiTokens.PREFIX);
        assertThat(half.get(ApiTokenController.PAGE).uri().getPath()).isNotEqualTo(ApiTokenController.PAGE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token t JOIN app_user u ON u.id = t.account_id "
                + "WHERE u.username = :u").param("u", auditor).query(Integer.class).single()).isZero();
    }

    private static HttpResponse<String> create(PageClient page, String name, String days) {
        String csrf = PageClient.csrfOf(page.get(ApiTokenController.PAGE).body());
        return page.postForm(ApiTokenController.PAGE, "name=" + PageClient.enc(name) + "&days=" + PageClient.enc(days)
                + "&_csrf=" + PageClient.enc(csrf));
    }

    private PageClient signedIn(String username, String language) {
        PageClient client = new PageClient(port, language);
        client.signIn(username, PASSWORD);
        return client;
    }
}

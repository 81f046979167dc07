package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A security admin sees another account's API tokens on its page and revokes one there: the token
 * stops working and the revocation is logged; a token of another account is not revoked that way.
 */
class ApiTokenAdminPageIntegrationTest extends AccountTestSupport {

    @Autowired
    ApiTokens tokens;

    @Test
    void securityAdminSeesAnAccountsTokensOnItsPageAndRevokesOne() {
        String admin = newSecurityAdmin();
        String auditor = newAccount("au", Role.AUDITOR);
        String other = newAccount("au", Role.AUDITOR);
        long auditorId = accountId(auditor);
        ApiTokens.Created nightly = tokens.create(auditorId, "nightly export", 30, SignInFactors.PASSWORD_ONLY);
        ApiTokens.Created old = tokens.create(auditorId, "old laptop", 5, SignInFactors.PASSWORD_ONLY);
        ApiTokens.Created theirs = tokens.create(accountId(other), "other-box", 5, SignInFactors.PASSWORD_ONLY);
        PageClient page = new PageClient(port, "en");
        String csrf = PageClient.csrfOf(page.signIn(admin, PASSWORD).body());

        String shown = page.get("/admin/accounts/" + auditorId).body();
        assertThat(shown).contains("id=\"account-api-tokens\"").contains("API tokens")
                .contains("id=\"account-api-token-" + nightly.token().id() + "\"").contains("nightly export")
                .contains("old laptop").doesNotContain("other-box").contains("—")
                .contains("Revoke the token &quot;nightly export&quot; of account " + auditor + "?")
                .doesNotContain(nightly.secret());
        assertThat(page.get("/admin/accounts/" + accountId(other)).body()).contains("other-box")
                .doesNotContain("nightly export");

        // A token of another account is not this account's to revoke here.
        HttpResponse<String> wrong = page.postForm("/admin/accounts/" + auditorId + "/api-tokens/"
                + theirs.token().id() + "/revoke", "_csrf=" + PageClient.enc(csrf));
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(tokens.find(theirs.token().id()).orElseThrow().active()).isTrue();

        HttpResponse<String> revoked = page.postForm("/admin/accounts/" + auditorId + "/api-tokens/"
                + nightly.token().id() + "/revoke", "_csrf=" + PageClient.enc(csrf));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.uri().getPath()).isEqualTo("/admin/accounts/" + auditorId);
        assertThat(revoked.body()).contains("id=\"account-token-revoked\"")
                .contains("The token was revoked; it no longer works.")
                .doesNotContain("id=\"account-revoke-api-token-" + nightly.token().id() + "\"")
                .contains("id=\"account-revoke-api-token-" + old.token().id() + "\"");
        assertThat(tokens.accountOf(nightly.secret())).isEmpty();
        assertThat(tokens.accountOf(old.secret()))
                .hasValueSatisfying(t -> assertThat(t.accountId()).isEqualTo(auditorId));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'API_TOKEN_REVOKED' AND actor = :a "
                        + "AND target = :t AND params LIKE :p")
                .param("a", admin).param("t", Long.toString(nightly.token().id()))
                .param("p", "%" + auditor + "%").query(Integer.class).single()).isEqualTo(1);

        // In Chinese too; an account without tokens says so.
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(admin, PASSWORD);
        assertThat(zh.get("/admin/accounts/" + auditorId).body()).contains("API 令牌").contains("已吊销");
        assertThat(zh.get("/admin/accounts/" + accountId(admin)).body())
                .contains("id=\"account-api-tokens-none\"").contains("此账户没有 API 令牌。");
    }

    private long accountId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }
}

package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The security admin's account pages as a browser posts them, without JavaScript. */
class AccountPageIntegrationTest extends AccountTestSupport {

    private static final Pattern PASSWORD_SHOWN = Pattern.compile("id=\"generated-password\">([^<]+)<");

    @Test
    void createdAccountShowsItsMadeUpPasswordOnceAndIsListedUnderItsTenant() {
        TestTenant t = newTenant();
        PageClient admin = new PageClient(port, "zh-CN");
        String token = PageClient.csrfOf(admin.signIn(newSecurityAdmin(), PASSWORD).body());
        assertThat(admin.get("/admin/accounts").body()).contains("账户管理").contains("id=\"new-account\"");
        String name = unique("pg");

        HttpResponse<String> created = admin.postForm("/admin/accounts", "username=" + name
                + "&displayName=" + PageClient.enc("页面用户") + "&email=&tenant=" + t.code()
                + "&roles=USER&roles=APPROVER&clearance=2&password=&mustChangePassword=true&_csrf=" + token);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v)
                .contains("no-store"));
        Matcher shown = PASSWORD_SHOWN.matcher(created.body());
        assertThat(shown.find()).isTrue();
        String password = shown.group(1);
        assertThat(created.body()).contains("此密码仅显示这一次");
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", name).query(Long.class).single();
        assertThat(admin.get("/admin/accounts/" + id).body()).doesNotContain(password).contains("须修改密码");

        assertThat(admin.get("/admin/accounts?tenant=" + t.code()).body()).contains("id=\"account-" + name + "\"");
        assertThat(admin.get("/admin/accounts?tenant=-").body()).doesNotContain("id=\"account-" + name + "\"");
        assertThat(statusAs(name, password, "/me")).isEqualTo(200);
    }

    @Test
    void brokenRulesAreShownBesideTheirFieldsAndCreateNothing() {
        PageClient admin = new PageClient(port, "en");
        String token = PageClient.csrfOf(admin.signIn(newSecurityAdmin(), PASSWORD).body());
        String name = unique("bad");

        HttpResponse<String> page = admin.postForm("/admin/accounts", "username=" + name
                + "&displayName=x&tenant=&roles=USER&roles=AUDITOR&roles=SECURITY_ADMIN&clearance=9"
                + "&password=" + name + "-long-enough&mustChangePassword=false&_csrf=" + token);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"roles-error\"")
                .contains("Security admin and Auditor cannot go together")
                .contains("id=\"tenant-error\"").contains("The roles User need a department.")
                .contains("id=\"clearance-error\"").contains("The clearance is a level from 0 to 4.")
                .contains("id=\"password-error\"")
                .contains("must not contain the account name");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", name)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anEditFromAStaleFormIsRefusedWith409() {
        TestTenant t = newTenant();
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        PageClient first = new PageClient(port, "en");
        PageClient second = new PageClient(port, "en");
        String one = PageClient.csrfOf(first.signIn(newSecurityAdmin(), PASSWORD).body());
        String two = PageClient.csrfOf(second.signIn(newSecurityAdmin(), PASSWORD).body());
        String form = "&email=&tenant=" + t.code() + "&roles=USER&clearance=0&version=0";

        HttpResponse<String> saved = first.postForm("/admin/accounts/" + id, "displayName=first" + form
                + "&_csrf=" + one);
        HttpResponse<String> stale = second.postForm("/admin/accounts/" + id, "displayName=second" + form
                + "&_csrf=" + two);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("The changes have been saved.");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("Somebody else changed account " + t.requester() + " meanwhile");
        assertThat(column(t.requester(), "display_name", String.class)).isEqualTo("first");

        HttpResponse<String> locked = first.postForm("/admin/accounts/" + id + "/lock", "version=1&_csrf=" + one);
        assertThat(locked.body()).contains("The account has been locked.").contains("Locked by an administrator");
        assertThat(first.postForm("/admin/accounts/" + id + "/unlock", "version=2&_csrf=" + one).body())
                .contains("The account has been unlocked.");
    }
}

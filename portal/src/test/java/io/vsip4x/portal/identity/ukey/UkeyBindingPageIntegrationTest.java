package io.vsip4x.portal.identity.ukey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The security admin's UKEY and sign-in policy pages, and a person's own keys, as a browser posts
 * them without JavaScript (and htmx's revoke).
 */
class UkeyBindingPageIntegrationTest extends UkeyAdminTestSupport {

    @Autowired
    SignInPolicies policies;

    @Test
    void securityAdminBindsAKeyOnThePageAndRevokesItWithAReason() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        PageClient page = new PageClient(port, "zh-CN");
        String token = PageClient.csrfOf(page.signIn(admin, PASSWORD).body());
        String list = page.get("/admin/ukeys").body();
        assertThat(list).contains("UKEY 绑定").contains("id=\"ukey-bind-form\"").contains("data-ukey-adapter=")
                .contains("从本机插入的 UKEY 读取").contains("href=\"/admin/ukeys\"")
                .contains("href=\"/admin/sign-in-policy\"");
        String sid = unique("PG-").toUpperCase();

        HttpResponse<String> bound = page.postForm("/admin/ukeys", "username=" + t.requester() + "&sid=" + sid
                + "&certUser=" + PageClient.enc("页面证书") + "&platformUserId=pu-" + sid + "&label=&_csrf=" + token);

        assertThat(bound.statusCode()).isEqualTo(200);
        assertThat(bound.uri().getPath()).isEqualTo("/admin/ukeys");
        assertThat(bound.body()).contains("UKEY 已绑定。").contains(sid).contains("页面证书").contains("从未使用");
        long id = jdbc.sql("SELECT id FROM ukey_binding WHERE sid = :s").param("s", sid).query(Long.class).single();
        assertThat(bound.body()).contains("id=\"ukey-revoke-" + id + "\"")
                .contains("确定吊销 UKEY " + sid + "（账户 " + t.requester() + "）的绑定吗？");

        // Without a reason the binding stays and the page says why beside it.
        HttpResponse<String> noReason = page.postForm("/admin/ukeys/" + id + "/revoke", "reason=&_csrf=" + token);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"ukey-reason-error-" + id + "\"").contains("请填写吊销原因。");

        HttpResponse<String> revoked = page.postForm("/admin/ukeys/" + id + "/revoke",
                "reason=" + PageClient.enc("钥匙遗失") + "&_csrf=" + token);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("绑定已吊销。").contains("钥匙遗失")
                .doesNotContain("id=\"ukey-revoke-" + id + "\"");
        assertThat(actions(admin, sid)).containsExactly("UKEY_BOUND", "UKEY_REVOKED");
    }

    @Test
    void oneAccountsKeysAreShownFromItsAccountPageAndHtmxRevokeAnswersTheirTableOnly() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        Map<String, Object> mine = bindBody(t.requester());
        long id = bind(admin, mine);
        Map<String, Object> theirs = bindBody(t.approver());
        bind(admin, theirs);
        PageClient page = new PageClient(port, "en");
        String token = PageClient.csrfOf(page.signIn(admin, PASSWORD).body());
        assertThat(page.get("/admin/accounts/" + accountId(t.requester())).body())
                .contains("href=\"/admin/ukeys?account=" + t.requester() + "\"");

        String shown = page.get("/admin/ukeys?account=" + t.requester()).body();
        assertThat(shown).contains("Bindings of account " + t.requester()).contains((String) mine.get("sid"))
                .doesNotContain((String) theirs.get("sid"))
                .contains("id=\"username\" name=\"username\" value=\"" + t.requester() + "\"");

        HttpResponse<String> part = page.postForm("/admin/ukeys/" + id + "/revoke", "reason=lost&account="
                + t.requester() + "&_csrf=" + token, "HX-Request", "true");

        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(part.body()).startsWith("<div id=\"ukey-bindings\">").doesNotContain("<header")
                .contains("The binding is revoked.").contains("lost").contains((String) mine.get("sid"))
                .doesNotContain((String) theirs.get("sid"));
        assertThat(get(admin, "/ukey-bindings/" + id)).containsEntry("revokeReason", "lost");
    }

    @Test
    void brokenRulesAreShownBesideTheirFieldsAndBindNothing() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        Map<String, Object> taken = bindBody(t.requester());
        bind(admin, taken);
        PageClient page = new PageClient(port, "en");
        String token = PageClient.csrfOf(page.signIn(admin, PASSWORD).body());

        HttpResponse<String> refused = page.postForm("/admin/ukeys", "username=" + admin + "&sid=" + taken.get("sid")
                + "&certUser=&platformUserId=" + PageClient.enc("a b") + "&label=&_csrf=" + token);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"username-error\"")
                .contains("You cannot bind a UKEY to your own account: another security admin must.")
                .contains("id=\"sid-error\"").contains("is bound to account " + t.requester())
                .contains("id=\"certUser-error\"").contains("This field is required.")
                .contains("id=\"platformUserId-error\"")
                .contains("value=\"" + taken.get("sid") + "\"");
        // The admin's own key (the test's second sign-in step) is the only one of theirs.
        assertThat(jdbc.sql("SELECT sid FROM ukey_binding WHERE account_id = :a").param("a", accountId(admin))
                .query(String.class).list()).allMatch(sid -> sid.equals("T-" + admin));
    }

    @Test
    void policyPageSavesAMethodPerTenantAndSavingTheDefaultClearsIt() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        PageClient page = new PageClient(port, "zh-CN");
        String token = PageClient.csrfOf(page.signIn(admin, PASSWORD).body());
        String shown = page.get("/admin/sign-in-policy").body();
        assertThat(shown).contains("登录策略").contains("id=\"policy-ROLE-AUDITOR\"")
                .contains("id=\"policy-TENANT-" + t.id() + "\"").contains("密码加 UKEY")
                .contains("双因素：先输入密码，再用绑定到同一账户的 UKEY 确认").contains("拔出 UKEY 时结束会话");

        HttpResponse<String> saved = page.postForm("/admin/sign-in-policy", "scope=TENANT&key=" + t.id()
                + "&method=BOTH&endOnRemoval=true&_csrf=" + token);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("登录策略已保存。");
        assertThat(policies.of(SignInPolicy.Scope.TENANT, Long.toString(t.id())))
                .isEqualTo(new SignInPolicy(SignInPolicy.Scope.TENANT, Long.toString(t.id()), SignInMethod.BOTH, true));

        page.postForm("/admin/sign-in-policy", "scope=TENANT&key=" + t.id() + "&method=EITHER&_csrf=" + token);
        assertThat(policies.of(SignInPolicy.Scope.TENANT, Long.toString(t.id()))).isNull();
        assertThat(actions(admin, "TENANT:" + t.code())).containsExactly("SIGN_IN_POLICY_CHANGED",
                "SIGN_IN_POLICY_CHANGED");
    }

    @Test
    void aPersonSeesTheirOwnKeysOnlyAndOtherRolesCannotOpenTheAdminPages() {
        TestTenant t = newTenant();
        String admin = newSecurityAdmin();
        Map<String, Object> mine = bindBody(t.requester());
        long id = bind(admin, mine);
        Map<String, Object> theirs = bindBody(t.approver());
        bind(admin, theirs);
        post(admin, "/ukey-bindings/" + id + "/revoke", Map.of("reason", "换新钥匙"));
        Map<String, Object> renewed = bindBody(t.requester());
        bind(admin, renewed);
        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(t.requester(), PASSWORD);

        String own = page.get("/account/ukeys").body();

        assertThat(own).contains("我的 UKEY").contains((String) mine.get("sid")).contains("换新钥匙")
                .contains((String) renewed.get("sid")).doesNotContain((String) theirs.get("sid"))
                .doesNotContain("<form class=\"reject\"").doesNotContain("href=\"/admin/ukeys\"");
        assertThat(page.get("/account/password").body()).contains("id=\"own-ukeys-link\" href=\"/account/ukeys\"");
        assertThat(own.indexOf((String) renewed.get("sid"))).as("active first")
                .isLessThan(own.indexOf((String) mine.get("sid")));
        assertThat(page.get("/admin/ukeys").statusCode()).isEqualTo(403);
        assertThat(page.get("/admin/sign-in-policy").statusCode()).isEqualTo(403);

        PageClient empty = new PageClient(port, "en");
        empty.signIn(newTenant().requester(), PASSWORD);
        assertThat(empty.get("/account/ukeys").body()).contains("id=\"own-ukeys-empty\"")
                .contains("No UKEY is bound to your account.");
    }
}

package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request form as a browser posts it, without JavaScript. */
class RequestPageIntegrationTest extends PortalTestSupport {

    @Test
    void wordsWhereNumbersBelongAreShownBesideTheirFieldsAndSaveNothing() {
        TestTenant t = newTenant();
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(t.requester(), PASSWORD);
        String token = PageClient.csrfOf(zh.get("/requests/new").body());

        HttpResponse<String> page = zh.postForm("/requests", "templateId=tpl-centos7&repoName=pool-prod"
                + "&network=vnet-office&cpu=abc&memoryMb=2048&diskGb=%E5%8D%81&count=1&reason=x&powerOn=true"
                + "&_csrf=" + token);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"cpu-error\"").contains("id=\"diskGb-error\"").contains("请输入整数");
        assertThat(page.body()).doesNotContain("id=\"memoryMb-error\"");
        assertThat(requestsOf(t.requester())).isZero();
    }

    @Test
    void validFormPostLandsOnTheNewRequestInTheBrowsersLanguage() {
        TestTenant t = newTenant();
        PageClient en = new PageClient(port, "en-US,en;q=0.9");
        en.signIn(t.requester(), PASSWORD);
        String token = PageClient.csrfOf(en.get("/requests/new").body());

        HttpResponse<String> page = en.postForm("/requests", "templateId=tpl-centos7&repoName=pool-prod"
                + "&network=vnet-office&cpu=2&memoryMb=2048&diskGb=40&count=1&powerOn=false&reason="
                + PageClient.enc("测试环境 🚀") + "&_csrf=" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).startsWith("/requests/");
        assertThat(page.body()).contains("Waiting for approval").contains("测试环境 🚀");
        assertThat(requestsOf(t.requester())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT power_on FROM vm_request r JOIN app_user u ON u.id = r.requester_id "
                + "WHERE u.username = :u").param("u", t.requester()).query(Boolean.class).single()).isFalse();
    }

    @Test
    void vmListIsTitledForWhoseVmsItShows() {
        TestTenant t = newTenant();
        PageClient user = new PageClient(port, "zh-CN");
        user.signIn(t.requester(), PASSWORD);
        assertThat(user.get("/vms").body()).contains("<h1>我的虚拟机</h1>");

        PageClient admin = new PageClient(port, "en");
        admin.signIn("paula", "demo1234");
        assertThat(admin.get("/vms").body()).contains("<h1>All VMs</h1>");
    }

    @Test
    void approvalQueueIsClosedToPlainUsers() {
        TestTenant t = newTenant();
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(t.requester(), PASSWORD);

        HttpResponse<String> page = zh.get("/approvals");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("您无权执行此操作");
    }

    @Test
    void wrongPasswordIsRefusedAndAudited() {
        TestTenant t = newTenant();
        PageClient zh = new PageClient(port, "zh-CN");

        HttpResponse<String> page = zh.signIn(t.requester(), "not-the-password");

        assertThat(page.uri().toString()).contains("/login?error");
        assertThat(page.body()).contains("账户名或密码错误");
        Map<String, Object> row = new HashMap<>(jdbc.sql("""
                SELECT result, client_addr FROM audit_event
                 WHERE action = 'SIGN_IN' AND actor = :u ORDER BY id DESC LIMIT 1""")
                .param("u", t.requester()).query().singleRow());
        assertThat(row).containsEntry("result", "DENIED").containsEntry("client_addr", "127.0.0.1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE params LIKE '%not-the-password%'")
                .query(Integer.class).single()).isZero();
    }

    private int requestsOf(String user) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_request r JOIN app_user u ON u.id = r.requester_id "
                + "WHERE u.username = :u").param("u", user).query(Integer.class).single();
    }
}

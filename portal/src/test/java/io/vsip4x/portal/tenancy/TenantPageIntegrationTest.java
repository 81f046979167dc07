package io.vsip4x.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tenant pages as a browser posts them, and the quota bars on the pages that show them. */
class TenantPageIntegrationTest extends PortalTestSupport {

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Test
    void platformAdminCreatesADepartmentWhoseBarsShowItsQuota() {
        String code = "pg-" + System.nanoTime() % 1_000_000;
        PageClient admin = signedIn("paula", "demo1234", "en");
        String token = PageClient.csrfOf(admin.get("/admin/tenants/new").body());

        HttpResponse<String> page = admin.postForm("/admin/tenants", "code=" + code
                + "&name=" + PageClient.enc("页面部门")
                + "&cpu=16&memoryMb=32768&diskGb=500&dataDiskGb=100&vms=5&snapshots=3&backups=2&vmMaxCpu=4"
                + "&vmMaxMemoryMb=8192&vmMaxDiskGb=200&ceiling=1&leaseMaxDays=90&templates=tpl-centos7"
                + "&pools=pool-prod&networks=vnet-office&version=&_csrf=" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/admin/tenants/" + code);
        assertThat(page.body()).contains("Saved.").contains("Quota of 页面部门");
        assertThat(bar(page.body(), "vms")).isEqualTo("0 used, 0 reserved, 5 free of 5");
        assertThat(bar(page.body(), "memoryMb")).isEqualTo("0 used, 0 reserved, 32768 free of 32768");
        Tenant saved = tenants.findByCode(code).orElseThrow();
        assertThat(saved.quota()).isEqualTo(new Quota(16, 32768, 500, 100, 5, 3, 2));
        assertThat(saved.vmCap()).isEqualTo(new Tenant.VmCap(4, 8192L, 200L));
        assertThat(saved.ceiling()).isEqualTo(1);
        assertThat(saved.leaseMaxDays()).isEqualTo(90);
        assertThat(tenants.granted(saved.id(), ResourceKind.POOL)).containsExactly("pool-prod");
        assertThat(admin.get("/admin/tenants").body()).contains("id=\"tenant-" + code + "\"");

        users.create(code + "-u", PASSWORD, "用户", saved.id(), Set.of(Role.USER));
        users.create(code + "-a", PASSWORD, "审批", saved.id(), Set.of(Role.USER, Role.APPROVER));
        Map<String, Object> leased = new HashMap<>(smallRequest(1));
        leased.put("leaseDays", 30);
        long id = submit(code + "-u", leased);
        assertThat(post(code + "-a", "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        String vms = signedIn(code + "-u", PASSWORD, "en").get("/vms").body();
        assertThat(bar(vms, "vms")).endsWith("4 free of 5");
        assertThat(bar(vms, "cpu")).endsWith("14 free of 16");
    }

    @Test
    void badInputIsShownBesideItsFieldsAndSavesNothing() {
        PageClient admin = signedIn("paula", "demo1234", "zh-CN");
        String token = PageClient.csrfOf(admin.get("/admin/tenants/new").body());

        HttpResponse<String> page = admin.postForm("/admin/tenants", "code=Bad+Code&name=x&cpu=-1&memoryMb=abc"
                + "&diskGb=1&dataDiskGb=0&vms=1&snapshots=0&backups=0&ceiling=9&templates=tpl-none&_csrf=" + token);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"code-error\"").contains("id=\"cpu-error\"")
                .contains("id=\"memoryMb-error\"").contains("id=\"ceiling-error\"").contains("id=\"templates-error\"")
                .contains("请输入 0 到 2000000000 之间的整数").doesNotContain("id=\"diskGb-error\"");
        assertThat(tenants.findByCode("Bad Code")).isEmpty();
    }

    @Test
    void twoAdminsSavingTheSameDepartmentGetAConflictForTheSecond() {
        TestTenant t = newTenant();
        PageClient first = signedIn("paula", "demo1234", "en");
        String form = first.get("/admin/tenants/" + t.code()).body();
        assertThat(form).as("a platform admin has the administration's tabs").contains("id=\"admin-tab-tenants\"");
        Matcher version = VERSION.matcher(form);
        assertThat(version.find()).isTrue();
        String body = "code=" + t.code() + "&name=" + PageClient.enc("改名") + "&cpu=40&memoryMb=65536&diskGb=1000"
                + "&dataDiskGb=0&vms=10&snapshots=0&backups=0&ceiling=0&templates=tpl-centos7&pools=pool-prod"
                + "&networks=vnet-office&version=" + version.group(1) + "&_csrf=" + PageClient.csrfOf(form);

        assertThat(first.postForm("/admin/tenants/" + t.code(), body).statusCode()).isEqualTo(200);
        HttpResponse<String> second = first.postForm("/admin/tenants/" + t.code(), body.replace("cpu=40", "cpu=50"));

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(tenants.find(t.id()).orElseThrow().quota().cpu()).isEqualTo(40);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'TENANT_UPDATE' AND target = :t")
                .param("t", "tenant:" + t.code()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void tenantAdminSetsAndClearsAPersonsCapsAndTheRequestFormShowsThem() {
        TestTenant t = newTenant();
        users.create(t.code() + "-admin", PASSWORD, "部门管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        long userId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        PageClient admin = signedIn(t.code() + "-admin", PASSWORD, "en");
        String page = admin.get("/admin/tenants/" + t.code()).body();
        assertThat(page).contains("id=\"member-" + t.requester() + "\"")
                .as("a tenant admin has no platform administration tabs").doesNotContain("admin-tab-");
        String token = PageClient.csrfOf(page);
        String caps = "/admin/tenants/" + t.code() + "/caps/" + userId;

        HttpResponse<String> bad = admin.postForm(caps, "cpu=x&vms=1&_csrf=" + token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Enter a whole number from 0 to 2000000000.");
        assertThat(admin.postForm(caps, "cpu=4&memoryMb=&vms=1&_csrf=" + token).statusCode()).isEqualTo(200);

        assertThat(get(t.requester(), "/quota")).containsKey("personal");
        String form = signedIn(t.requester(), PASSWORD, "en").get("/requests/new").body();
        assertThat(form).contains("Personal caps of " + t.requester()).contains("Quota of ");
        assertThat(admin.postForm(caps + "/clear", "_csrf=" + token).statusCode()).isEqualTo(200);
        assertThat(get(t.requester(), "/quota")).doesNotContainKey("personal");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target = :u ORDER BY id")
                .param("u", "user:" + t.requester()).query(String.class).list())
                .containsExactly("USER_CAP_SET", "USER_CAP_CLEAR");
    }

    @Test
    void peopleOutsideTheDepartmentsAdminsCannotOpenItsPages() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        users.create(other.code() + "-admin", PASSWORD, "别的管理员", other.id(), Set.of(Role.TENANT_ADMIN));

        assertThat(signedIn(t.requester(), PASSWORD, "en").get("/admin/tenants").statusCode()).isEqualTo(403);
        assertThat(signedIn(t.approver(), PASSWORD, "en").get("/admin/tenants/" + t.code()).statusCode())
                .isEqualTo(403);
        assertThat(signedIn(other.code() + "-admin", PASSWORD, "en").get("/admin/tenants/" + t.code()).statusCode())
                .isEqualTo(403);
    }

    private PageClient signedIn(String username, String password, String language) {
        PageClient client = new PageClient(port, language);
        client.signIn(username, password);
        return client;
    }

    /** The numbers of one resource's bar (the first panel that shows it). */
    private static String bar(String html, String resource) {
        Matcher m = Pattern.compile("data-resource=\"" + resource + "\"[\\s\\S]*?class=\"quota-numbers\">([^<]*)<")
                .matcher(html);
        assertThat(m.find()).as("a bar of %s", resource).isTrue();
        return m.group(1);
    }
}
